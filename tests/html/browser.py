#!/usr/bin/env python3
"""Check the HTML review page (unspin -f html) in headless Chromium.

Drives Chromium through chromedriver's W3C WebDriver HTTP API with the
standard library only (urllib, json), and decodes screenshots with zlib.

usage: browser.py check UNSPIN TMPDIR
       browser.py screenshot PAGE.html OUT.png [WIDTH HEIGHT]

check writes its own inputs into TMPDIR (the sample article and hostile
text), runs UNSPIN on them and checks, in the browser: the article's text
is the input exactly, the corrected text (shown, and downloaded) equals
`unspin -o` byte for byte, toggling one finding or choosing an alternative
changes the corrected text there and only there, accept all / reject all /
reset, escaping, and pixels of the highlight colour in a screenshot.
Exit status: 0 pass, 1 a check failed, 2 trouble.
"""
import base64
import json
import os
import shlex
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib

SAMPLE = "samples/taliban-qala-i-naw-spun.txt"
# the accepted-finding background in the page's CSS (mark.f.on)
HIGHLIGHT = (0xFF, 0xD8, 0x4D)
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"

failures = []


def check(cond, what):
    if cond:
        print("ok      " + what)
    else:
        print("FAILED  " + what)
        failures.append(what)
    return cond


# ---- WebDriver --------------------------------------------------------------


class WebDriverError(Exception):
    pass


class Browser:
    """One chromedriver process and one headless Chromium session."""

    def __init__(self, download_dir, width=1200, height=900):
        self.proc = None
        self.session = None
        port = free_port()
        self.base = "http://127.0.0.1:%d" % port
        driver = os.environ.get("CHROMEDRIVER", "chromedriver")
        self.proc = subprocess.Popen(
            [driver, "--port=%d" % port],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while True:
            try:
                if self.call("GET", "/status").get("ready"):
                    break
            except (OSError, WebDriverError):
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise WebDriverError("chromedriver did not start")
            time.sleep(0.1)
        args = [
            "--headless=new",
            "--no-sandbox",  # tests run as root in CI containers
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=%d,%d" % (width, height),
        ]
        opts = {
            "args": args,
            "prefs": {
                "download.default_directory": download_dir,
                "download.prompt_for_download": False,
            },
        }
        binary = os.environ.get("CHROMIUM")
        if binary:
            opts["binary"] = binary
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": opts}}}
        try:
            self.session = self.call("POST", "/session", caps)["sessionId"]
        except Exception:
            self.close()
            raise
        # headless Chromium saves downloads only when told where
        self.cmd("POST", "/goog/cdp/execute", {
            "cmd": "Browser.setDownloadBehavior",
            "params": {"behavior": "allow", "downloadPath": download_dir}})
        # and lets a page read the clipboard back only when granted
        self.cmd("POST", "/goog/cdp/execute", {
            "cmd": "Browser.grantPermissions",
            "params": {"permissions": ["clipboardReadWrite",
                                       "clipboardSanitizedWrite"]}})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                reply = json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            try:
                v = json.loads(e.read().decode()).get("value", {})
                msg = "%s: %s" % (v.get("error"), v.get("message"))
            except ValueError:
                msg = str(e)
            raise WebDriverError("%s %s: %s" % (method, path, msg))
        return reply.get("value")

    def cmd(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync",
                        {"script": script, "args": list(args)})

    def find(self, css):
        v = self.cmd("POST", "/element", {"using": "css selector",
                                          "value": css})
        return v[ELEMENT_KEY]

    def click(self, css):
        self.cmd("POST", "/element/%s/click" % self.find(css), {})

    def clipboard(self):
        return self.cmd("POST", "/execute/async", {"script": (
            "var done = arguments[arguments.length - 1];"
            "navigator.clipboard.readText().then(done, function (e) {"
            "  done(null); });"), "args": []})

    def screenshot(self):
        return base64.b64decode(self.cmd("GET", "/screenshot"))

    def close(self):
        if self.session:
            try:
                self.call("DELETE", "/session/" + self.session)
            except (OSError, WebDriverError):
                pass
            self.session = None
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- PNG --------------------------------------------------------------------


def png_pixels(png):
    """(width, height, channels, rows of bytes) of an 8-bit RGB/RGBA PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("unsupported PNG: depth %d type %d interlace %d"
                         % (depth, ctype, interlace))
    ch = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            b = prev[i]
            c = prev[i - ch] if i >= ch else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 0xFF
            elif f != 0:
                raise ValueError("bad PNG filter %d" % f)
        rows.append(bytes(line))
        prev = line
    return w, h, ch, rows


def count_colour(png, rgb, box=None):
    """Pixels of colour rgb in the screenshot, or in its box (x0, y0, x1,
    y1 in device pixels) only."""
    w, h, ch, rows = png_pixels(png)
    x0, y0, x1, y1 = box or (0, 0, w, h)
    target = bytes(rgb)
    n = 0
    for y, row in enumerate(rows):
        if not y0 <= y < y1:
            continue
        for x in range(max(0, x0) * ch, min(w, x1) * ch, ch):
            if row[x:x + 3] == target:
                n += 1
    return n


def element_box(b, elem_id):
    """The element's box in the viewport, in device pixels, after
    scrolling it into view."""
    r = b.js("var e = document.getElementById(arguments[0]);"
             "e.scrollIntoView({block: 'center'});"
             "var r = e.getBoundingClientRect(), d = devicePixelRatio;"
             "return [r.left * d, r.top * d, r.right * d, r.bottom * d];",
             elem_id)
    return tuple(int(round(v)) for v in r)


# ---- what the page should do -----------------------------------------------


def run_unspin(unspin, args):
    cmd = shlex.split(os.environ.get("VALGRIND", "")) + [unspin] + args
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode > 1:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), r.returncode,
                                                 r.stderr.decode()))
    return r.stdout


def applied_findings(unspin, path):
    """(start, end, replacement) of the findings unspin applies."""
    doc = json.loads(run_unspin(unspin, ["-f", "json", path]))
    return [(f["start"], f["end"], f["replacement"])
            for f in doc["findings"] if f["applied"]]


def apply(text, fs, accepted):
    """text (bytes) with the findings whose index is in accepted replaced;
    accepted maps an index to the replacement (str)."""
    out, pos = [], 0
    for i, f in enumerate(fs):
        if i not in accepted:
            continue
        out.append(text[pos:f["start"]])
        out.append(accepted[i].encode())
        pos = f["end"]
    out.append(text[pos:])
    return b"".join(out)


def page_state(b, sec):
    return b.js(
        "var s = document.getElementById(arguments[0]);"
        "return {article: s.querySelector('pre.article').textContent,"
        "        out: s.querySelector('pre.out').textContent,"
        "        accepted: s.querySelector('.n-accepted').textContent,"
        "        marks: Array.prototype.map.call("
        "          s.querySelectorAll('mark.f'), function (m) {"
        "            return {id: m.id, on: m.classList.contains('on'),"
        "                    applied: m.getAttribute('data-applied') === '1',"
        "                    start: +m.getAttribute('data-start'),"
        "                    end: +m.getAttribute('data-end'),"
        "                    spun: m.textContent,"
        "                    replacement: m.getAttribute('data-replacement'),"
        "                    rule: m.getAttribute('data-rule'),"
        "                    alts: JSON.parse(m.getAttribute('data-alts'))};"
        "          })};", sec)


def wait_download(d, timeout=30):
    """The name and bytes of the one finished file in d, or (None, None)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        names = os.listdir(d)
        if len(names) == 1 and not names[0].endswith(".crdownload"):
            with open(os.path.join(d, names[0]), "rb") as f:
                return names[0], f.read()
        time.sleep(0.1)
    return None, None


def check_download(b, sec, downloads, name, expect, what):
    """Click Download; the file must hold expect and be called name (a
    suffix of the name when name starts with '*': browsers replace
    characters they do not allow in file names)."""
    for f in os.listdir(downloads):
        os.unlink(os.path.join(downloads, f))
    b.click("#%s button.download" % sec)
    got_name, got = wait_download(downloads)
    named = got_name is not None and (
        got_name.endswith(name[1:]) if name[0] == "*" else got_name == name)
    check(got == expect and named, "%s (%s)" % (what, got_name))


def check_sample(b, unspin, tmp, downloads):
    page = os.path.join(tmp, "sample.html")
    fixed = os.path.join(tmp, "sample.fixed")
    html = run_unspin(unspin, ["-f", "html", SAMPLE])
    with open(page, "wb") as f:
        f.write(html)
    run_unspin(unspin, ["-o", fixed, SAMPLE])
    with open(fixed, "rb") as f:
        expect = f.read()
    with open(SAMPLE, "rb") as f:
        text = f.read()
    b.get("file://" + os.path.abspath(page))
    check(b.js("return performance.getEntriesByType('resource').length;")
          == 0, "sample: the page loads no external resources")
    st = page_state(b, "d1")
    fs = st["marks"]
    default = {i: f["replacement"] for i, f in enumerate(fs)
               if f["applied"]}
    json_applied = applied_findings(unspin, SAMPLE)
    check([(f["start"], f["end"], f["replacement"]) for f in fs
           if f["applied"]] == json_applied,
          "sample: the page's applied findings are unspin -f json's")
    check(all(text[f["start"]:f["end"]] == f["spun"].encode() for f in fs),
          "sample: each mark holds the text at its byte span")
    check(apply(text, fs, default) == expect,
          "sample: the page's findings reproduce unspin -o (test premise)")
    check(len(fs) > len(default) > 0,
          "sample: findings above and below the bar (%d of %d accepted)"
          % (len(default), len(fs)))
    check(st["article"].encode() == text,
          "sample: the article's DOM text is the input byte for byte")
    check([m["on"] for m in fs] ==
          [(m["start"], m["end"], m["replacement"]) in json_applied
           for m in fs],
          "sample: findings at or above the bar start accepted, the rest "
          "rejected")
    check(st["out"].encode() == expect,
          "sample: the corrected text equals unspin -o byte for byte")
    check(st["accepted"] == str(len(default)),
          "sample: the summary counts %d accepted" % len(default))
    check_download(b, "d1", downloads, "taliban-qala-i-naw-spun.fixed.txt",
                   expect, "sample: Download saves unspin -o's bytes")
    b.click("#d1 button.copy")
    deadline = time.time() + 10
    while (b.js("return document.querySelector('#d1 .status').textContent")
           != "copied" and time.time() < deadline):
        time.sleep(0.1)
    got = b.clipboard()
    check(got is not None and got.encode() == expect,
          "sample: Copy puts unspin -o's text on the clipboard")

    png = b.screenshot()
    with open(os.path.join(tmp, "sample.png"), "wb") as f:
        f.write(png)
    lit = count_colour(png, HIGHLIGHT)
    check(lit > 200, "sample: the screenshot shows the highlight colour "
          "(%d pixels)" % lit)

    # reject one accepted finding: the text changes there and only there
    k = next(i for i, f in enumerate(fs) if f["applied"])
    mid = st["marks"][k]["id"]
    box = element_box(b, mid)
    lit_mark = count_colour(b.screenshot(), HIGHLIGHT, box)
    b.click("#" + mid)
    shown = b.js("var p = document.querySelector('#d1 .panel');"
                 "return [p.querySelector('.detail').hidden,"
                 "  p.querySelector('.p-rule').textContent,"
                 "  p.querySelector('.p-toggle').textContent];")
    check(not shown[0] and shown[1].startswith(fs[k]["rule"] + " ") and
          shown[2] == "Reject",
          "sample: clicking a finding shows its rule and a Reject button")
    b.click("#d1 .p-toggle")
    st2 = page_state(b, "d1")
    want = dict(default)
    del want[k]
    check(st2["out"].encode() == apply(text, fs, want) and
          st2["out"].encode() != expect,
          "sample: rejecting finding %d restores '%s' there and nothing "
          "else changes" % (k + 1, fs[k]["spun"]))
    check(not st2["marks"][k]["on"] and
          st2["accepted"] == str(len(default) - 1),
          "sample: the finding shows rejected and the count drops")
    # the mark itself loses its highlight (the whole page may not: the
    # panel opened and the text reflowed)
    check(lit_mark > 0 and count_colour(b.screenshot(), HIGHLIGHT,
                                        element_box(b, mid)) < lit_mark,
          "sample: the rejected finding's mark loses its highlight (%d "
          "pixels before)" % lit_mark)
    b.click("#d1 .p-toggle")
    check(page_state(b, "d1")["out"].encode() == expect,
          "sample: accepting it again gives unspin -o's text")

    # choose another alternative for a finding that has several
    k = next((i for i, m in enumerate(st["marks"]) if len(m["alts"]) > 1),
             None)
    if check(k is not None, "sample: some finding offers alternatives"):
        alt = st["marks"][k]["alts"][1]
        b.click("#" + st["marks"][k]["id"])
        b.click("#d1 .p-alts option:nth-child(2)")
        want = dict(default)
        want[k] = alt
        check(page_state(b, "d1")["out"].encode() == apply(text, fs, want),
              "sample: choosing alternative '%s' puts it in the text" % alt)
        b.click("#d1 button.reset")

    b.click("#d1 button.reject-all")
    st3 = page_state(b, "d1")
    check(st3["out"].encode() == text and st3["accepted"] == "0",
          "sample: Reject all gives back the input")
    check(count_colour(b.screenshot(), HIGHLIGHT) == 0,
          "sample: no highlight pixels once all are rejected")
    b.click("#d1 button.accept-all")
    check(page_state(b, "d1")["out"].encode() ==
          apply(text, fs, {i: f["replacement"] for i, f in enumerate(fs)}),
          "sample: Accept all applies every finding, below the bar too")
    b.click("#d1 button.reset")
    check(page_state(b, "d1")["out"].encode() == expect,
          "sample: Reset returns to unspin -o's text")


# Our own sentences.  Spun phrases next to markup, quotes, entities and
# non-ASCII text; CRLF line endings, a BOM, a lone CR, a tab.
HOSTILE_A = (
    "\ufeffThe rebels pushed their method into the town <script>"
    "window.pwned = 1</script> on Monday.\r\n"
    "\r\n"
    "Officials said at the very least \"12 & 'more'\" <b>fighters</b> "
    "helped push again the attack &amp; fled.\r\n"
    "Caf\u00e9 owners in Z\u00fcrich \u2014 \u4e2d\u6587 \U0001F642 \u2014"
    " stated that </pre><img src=x onerror=\"window.pwned=2\"> was odd.\r"
    "\tA lone CR came before this line.\r\n")
HOSTILE_B = (
    "\n\nTwo blank lines open this text, which the page must keep; "
    "Mr. Khan stated it was at the very least a start.\n")
CLEAN = "Nothing in this line looks spun at all.\n"


def check_hostile(b, unspin, tmp, downloads):
    names = ["a<img src=x onerror=\"window.pwned=3\">&amp;'.txt",
             "b.txt", "clean.txt"]
    texts = [HOSTILE_A, HOSTILE_B, CLEAN]
    paths = [os.path.join(tmp, n) for n in names]
    for p, t in zip(paths, texts):
        with open(p, "wb") as f:
            f.write(t.encode())
    page = os.path.join(tmp, "hostile.html")
    html = run_unspin(unspin, ["-f", "html"] + paths)
    with open(page, "wb") as f:
        f.write(html)
    check(html.count(b"<script") == 1 and html.count(b"<img") == 0 and
          html.count(b"<b>") == 0,
          "hostile: no markup from the input or the file name survives")
    b.get("file://" + os.path.abspath(page))
    st = b.js("return {pwned: window.pwned === undefined ? null : "
              "window.pwned, images: document.images.length,"
              "scripts: document.scripts.length,"
              "sections: document.querySelectorAll('section.doc').length,"
              "h2: Array.prototype.map.call(document.querySelectorAll('h2'),"
              " function (h) { return h.textContent; })};")
    check(st["pwned"] is None and st["images"] == 0 and st["scripts"] == 1,
          "hostile: nothing from the input runs or loads")
    check(st["sections"] == 3 and st["h2"] == paths,
          "hostile: one page, a section per file, named as given")
    for i, (p, t) in enumerate(zip(paths, texts)):
        sec = "d%d" % (i + 1)
        fixed = p + ".fixed"
        run_unspin(unspin, ["-o", fixed, p])
        with open(fixed, "rb") as f:
            expect = f.read()
        s = page_state(b, sec)
        check(s["article"] == t, "hostile %s: the article's DOM text is the "
              "input exactly (CR, BOM, markup)" % sec)
        check(s["out"].encode() == expect, "hostile %s: the corrected text "
              "equals unspin -o byte for byte" % sec)
        if t is CLEAN:
            check(not s["marks"], "hostile %s: no findings" % sec)
        else:
            check(expect != t.encode() and s["marks"],
                  "hostile %s: there is something to correct" % sec)
        check_download(b, sec, downloads,
                       "*.fixed.txt" if i == 0 else
                       os.path.basename(p)[:-4] + ".fixed.txt", expect,
                       "hostile %s: Download saves unspin -o's bytes" % sec)


def main(argv):
    if len(argv) >= 3 and argv[0] == "screenshot":
        w, h = (int(argv[3]), int(argv[4])) if len(argv) >= 5 else (1000, 700)
        b = Browser(os.path.dirname(os.path.abspath(argv[2])), w, h)
        try:
            b.get("file://" + os.path.abspath(argv[1]))
            if len(argv) >= 6:
                b.click(argv[5])
            with open(argv[2], "wb") as f:
                f.write(b.screenshot())
        finally:
            b.close()
        return 0
    if len(argv) != 3 or argv[0] != "check":
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    unspin, tmp = argv[1], argv[2]
    downloads = os.path.join(tmp, "downloads")
    os.makedirs(downloads, exist_ok=True)
    b = Browser(downloads)
    try:
        check_sample(b, unspin, tmp, downloads)
        check_hostile(b, unspin, tmp, downloads)
    finally:
        b.close()
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (WebDriverError, RuntimeError, OSError, ValueError) as e:
        print("browser.py: error: %s" % e, file=sys.stderr)
        sys.exit(2)
