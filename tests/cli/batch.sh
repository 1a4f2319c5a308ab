#!/bin/sh
# Many files and corpora (issue 4) and writes that lose nothing (issue 5):
# directory walks, -j, the summary line, --score ranking, -w and its
# failure modes (read-only file and folder, symbolic links, a full disk,
# SIGINT and SIGTERM), --jsonl and the GNU parallel recipe of the README.
# Runs in a temporary directory removed on exit.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"
cleanup() { chmod -R u+rwx "$tmp" 2>/dev/null; }

no_temp_files() { # DESCRIPTION DIR
  left=$(find "$2" -name '*.unspin-*' | head -n 3)
  expect_eq "$1: no temporary file left" "$left" ""
}

spun='Police stated on Friday that the course of was nearly full.'
fixed='Police said on Friday that the process was nearly full.'
clean='The city council met on Tuesday and approved the budget.'
printf '%s\n' "$spun" >spun.txt
printf '%s\n' "$clean" >clean.txt
$BIN -i spun.txt -o want.txt
expect_eq "the fixture is fixed as expected" "$(cat want.txt)" "$fixed"

# --- directory walks -------------------------------------------------------------
mkdir -p corpus/b corpus/a corpus/.hidden
cp spun.txt corpus/b/2.txt
cp clean.txt corpus/b/1.txt
cp spun.txt corpus/a/z.md
cp spun.txt corpus/.hidden/x.txt
cp spun.txt corpus/.dotfile
printf 'text\0with a NUL byte\n' >corpus/a/bin.dat
ln -s ../../spun.txt corpus/a/link.txt
expect_code 1 "a directory walk" $UNSPIN --check corpus
expect_eq "walk order, hidden files and links skipped" \
  "$(cut -d: -f1 out | uniq | tr '\n' ' ')" "corpus/a/z.md corpus/b/2.txt "
expect_eq "summary line" "$(cat err)" \
  "unspin: 3 files, 4 findings, 0 fixed, 1 binary skipped"
expect_code 1 "trailing slash" $UNSPIN --check corpus/
expect_eq "trailing slash paths" "$(cut -d: -f1 out | uniq | tr '\n' ' ')" \
  "corpus/a/z.md corpus/b/2.txt "
expect_code 2 "a binary file named on the command line" $UNSPIN corpus/a/bin.dat
expect_eq "binary file message" "$(cat err)" \
  "unspin: corpus/a/bin.dat:1:5: error: NUL byte in input; is this a binary file?"
expect_code 1 "a named symbolic link is followed" $UNSPIN --check corpus/a/link.txt

# --- -j: the output of a parallel run is the serial one ---------------------------
mkdir many
i=0
while [ $i -lt 24 ]; do
  if [ $((i % 3)) -eq 0 ]; then cp clean.txt many/f$i.txt; else
    cp "$top/samples/taliban-qala-i-naw-spun.txt" many/f$i.txt
    printf '%s\n' "$spun" >>many/f$i.txt
  fi
  i=$((i + 1))
done
expect_code 1 "-j 1" $UNSPIN -j 1 many
cp out serial.out
cp err serial.err
expect_code 1 "-j 2" $UNSPIN -j 2 many
same_file "-j 2 stdout equals -j 1" out serial.out
same_file "-j 2 summary equals -j 1" err serial.err
expect_code 1 "-j 0 (one per CPU)" $UNSPIN -j 0 -f json many
expect_code 2 "-j with a bad count" $UNSPIN -j two many
expect_code 2 "-j with a negative count" $UNSPIN -j -1 many

# --- the progress bar: on a terminal's stderr only ------------------------------------
if command -v tmux >/dev/null 2>&1 && [ -z "${VALGRIND:-}" ]; then
  mkdir prog
  i=0
  while [ $i -lt 40 ]; do
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$top/samples/taliban-qala-i-naw-spun.txt"; done >prog/f$i.txt
    i=$((i + 1))
  done
  sock="$tmp/tmux.sock"
  # Everything the terminal receives goes to tty.log (pipe-pane), so the
  # bar is seen however fast the run; the run waits for the pipe.
  printf 'while [ ! -f go ]; do sleep 0.05; done\nUNSPIN_PROGRESS_AFTER=0 "%s" --check prog >/dev/null\necho "exit=$?"\nsleep 30\n' \
    "$BIN" >prog.sh
  tmux -S "$sock" new-session -d -x 100 -y 10 "sh prog.sh"
  tmux -S "$sock" pipe-pane -o "cat >>'$tmp/tty.log'"
  touch go
  seen_bar=0 seen_end=0 n=0
  while [ $n -lt 600 ]; do
    tmux -S "$sock" capture-pane -p >screen 2>/dev/null
    if grep -q '^exit=' screen; then seen_end=1; break; fi
    sleep 0.05
    n=$((n + 1))
  done
  grep -q '\[#*  *\] [0-9]*/40 files' "$tmp/tty.log" && seen_bar=1
  expect_eq "progress bar on a terminal" "$seen_bar" "1"
  expect_eq "progress run ends" "$seen_end $(grep '^exit=' screen)" "1 exit=1"
  expect_eq "the bar is cleared for the summary" \
    "$(grep -c 'files\]\|/40 files' screen) $(grep -c '^unspin: 40 files' screen)" "0 1"
  tmux -S "$sock" kill-server 2>/dev/null
  # not a terminal: no bar, however long the run
  UNSPIN_PROGRESS_AFTER=0 $UNSPIN --check prog >/dev/null 2>err
  expect_eq "no progress bar into a file" \
    "$(wc -l <err | tr -d ' ') $(grep -c 'files\]' err) $(tr -d '\r' <err | cmp -s - err && echo no-cr)" \
    "1 0 no-cr"
else
  skipped "progress bar (tmux not installed, or under valgrind)"
fi

# --- --score ranks many files, likeliest spun copy first ----------------------------
expect_code 1 "--score over files" $UNSPIN --score clean.txt many/f1.txt spun.txt
expect_eq "--score ranking" "$(cut -d: -f1 out | tr '\n' ' ')" \
  "spun.txt many/f1.txt clean.txt "

# --- -w ------------------------------------------------------------------------------
mkdir w
cp spun.txt w/a.txt
cp clean.txt w/b.txt
chmod 640 w/a.txt
ino_b=$(ls -i w/b.txt | cut -d' ' -f1)
expect_code 1 "-w" $UNSPIN -w w/a.txt w/b.txt
same_file "-w writes what -o writes" w/a.txt want.txt
expect_eq "-w keeps the mode" "$(stat -c %a w/a.txt)" "640"
expect_eq "-w leaves a clean file alone" "$(ls -i w/b.txt | cut -d' ' -f1)" "$ino_b"
expect_eq "-w reports" "$(cat err)" "unspin: w/a.txt: fixed 2 findings
unspin: 2 files, 2 findings, 1 fixed"
expect_eq "-w prints no diff" "$(cat out)" ""
expect_code 0 "-w on fixed files" $UNSPIN -w w/a.txt w/b.txt
no_temp_files "-w" w
expect_code 2 "-w and stdin" $UNSPIN -w - <spun.txt
expect_code 2 "-w and -o" $UNSPIN -w -o x.txt spun.txt
expect_code 1 "-w with -f diff prints the diff too" $UNSPIN -w -f diff "$(cp spun.txt w/c.txt; echo w/c.txt)"
expect_eq "-w -f diff output" "$(grep -c '^+Police said' out)" "1"

# a symbolic link stays a link; the file it names is fixed
cp spun.txt w/target.txt
ln -s target.txt w/link.txt
expect_code 1 "-w through a symbolic link" $UNSPIN -w w/link.txt
expect_eq "the link is still a link" "$(readlink w/link.txt)" "target.txt"
same_file "the link's target is fixed" w/target.txt want.txt

# a read-only file is not rewritten, even by root, who could
cp spun.txt w/ro.txt
chmod 444 w/ro.txt
expect_code 2 "-w on a read-only file" $UNSPIN -w w/ro.txt
same_file "read-only file untouched" w/ro.txt spun.txt
expect_eq "read-only message" "$(head -n 1 err)" \
  "unspin: error: cannot write 'w/ro.txt': the file is read-only; left as it is"

# a read-only folder: the temporary file cannot be made, so nothing changes
# (root ignores directory modes: run as nobody then)
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
    as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
  else
    as_user() { return 77; }
  fi
fi
mkdir rodir
cp spun.txt rodir/a.txt
chmod 666 rodir/a.txt
chmod 555 rodir
chmod 755 "$tmp"
as_user $UNSPIN -w rodir/a.txt >out 2>err
got=$?
if [ $got -eq 77 ]; then skipped "read-only folder: no way to drop root"; else
  expect_eq "-w in a read-only folder: exit" "$got" "2"
  same_file "read-only folder: file untouched" rodir/a.txt spun.txt
  case "$(cat err)" in
  "unspin: error: cannot write 'rodir/a.txt': Permission denied"*) ok ;;
  *) not_ok "read-only folder message: $(cat err)" ;;
  esac
  no_temp_files "read-only folder" rodir
fi
chmod 755 rodir

# a full disk: a file size limit makes the write fail half way (EFBIG, as
# ENOSPC would); the original survives whole
if [ -z "${VALGRIND:-}" ]; then
  mkdir full
  i=0
  while [ $i -lt 40 ]; do cat "$top/samples/taliban-qala-i-naw-spun.txt"; i=$((i + 1)); done >full/big.txt
  cp full/big.txt full.orig
  (ulimit -f 64; exec $BIN -w full/big.txt) >out 2>err
  got=$?
  expect_eq "-w with the disk full: exit" "$got" "2"
  same_file "disk full: file untouched" full/big.txt full.orig
  case "$(cat err)" in
  "unspin: error: cannot write 'full/big.txt': File too large"*) ok ;;
  *) not_ok "disk full message: $(cat err)" ;;
  esac
  no_temp_files "disk full" full

  # SIGINT and SIGTERM at any moment: the file is the old one or the new
  # one, whole, and no temporary file is left behind
  i=0
  while [ $i -lt 200 ]; do cat "$top/samples/taliban-qala-i-naw-spun.txt"; i=$((i + 1)); done >sig.orig
  $BIN -i sig.orig -o sig.fixed
  for sig in INT TERM; do
    for delay in 0.05 0.3 0.8 1.5; do
      cp sig.orig full/sig.txt
      # a background job of a script starts with SIGINT ignored: undo that
      env --default-signal=INT,TERM $BIN -w full/sig.txt 2>/dev/null &
      pid=$!
      sleep $delay
      kill -s $sig $pid 2>/dev/null
      wait $pid 2>/dev/null
      if cmp -s full/sig.txt sig.orig || cmp -s full/sig.txt sig.fixed; then ok; else
        not_ok "SIG$sig after ${delay}s: the file is neither the old nor the new one"
      fi
      no_temp_files "SIG$sig after ${delay}s" full
    done
  done
else
  skipped "disk full and signals under valgrind"
fi

# --- a long input is checked in chunks; offsets, lines and columns stay
# those of the whole file ----------------------------------------------------------
if [ -z "${VALGRIND:-}" ]; then
  i=0
  while [ $i -lt 450 ]; do cat "$top/samples/taliban-qala-i-naw-spun.txt"; printf '\n'; i=$((i + 1)); done >long.txt
  expect_code 1 "a 2.5 MB input" $UNSPIN -f json long.txt
  python3 - long.txt out <<'PY' >check.out 2>&1
import json, sys
raw = open(sys.argv[1], "rb").read()
doc = json.load(open(sys.argv[2]))
f = doc["findings"]
lines = raw.split(b"\n")
starts, pos = [], 0
for l in lines:
    starts.append(pos)
    pos += len(l) + 1
prev_end, bad = 0, 0
for x in f:
    s, e = x["start"], x["end"]
    if raw[s:e].decode() != x["spun"] or s < prev_end:
        bad += 1
    line = x["line"]
    col = len(raw[starts[line - 1]:s].decode()) + 1
    if col != x["column"]:
        bad += 1
    prev_end = e
third = len(raw) // 3
spread = [sum(1 for x in f if k * third <= x["start"] < (k + 1) * third) for k in range(3)]
print("findings", len(f), "bad", bad, "spread", spread)
sys.exit(1 if bad or min(spread) == 0 else 0)
PY
  if [ $? -eq 0 ]; then ok; else not_ok "chunked input: $(cat check.out)"; fi
  cp out long.serial
  # -j on one file: its chunks on two threads, the same result
  expect_code 1 "a 2.5 MB input, -j 2" $UNSPIN -j 2 -f json long.txt
  same_file "chunks on two threads give what one gives" out long.serial
fi

# --- --jsonl -----------------------------------------------------------------------
{
  printf '{"id": "a-1", "text": "%s"}\n' "$spun"
  printf '\n'
  printf '{"text": "%s", "id": 2, "lang": "en"}\n' "$clean"
  printf '{"id": {"doc": 3}, "text": "line one\\n\\nline two \\u201cquoted\\u201d"}\n'
} >in.jsonl
expect_code 1 "--jsonl" $UNSPIN --jsonl in.jsonl
expect_eq "--jsonl: one result per record" "$(wc -l <out | tr -d ' ')" "3"
expect_eq "--jsonl: ids echoed in order" \
  "$(sed 's/^{"id": \(.*\), "text".*/\1/' out | tr '\n' ' ')" '"a-1" 2 {"doc": 3} '
expect_eq "--jsonl: corrected text" "$(head -n 1 out | sed 's/.*"text": "\([^"]*\)".*/\1/')" "$fixed"
expect_code 1 "--jsonl from stdin" $UNSPIN --jsonl <in.jsonl
cp out jsonl.serial
expect_code 1 "--jsonl -j 2" $UNSPIN --jsonl -j 2 <in.jsonl
same_file "--jsonl -j 2 equals -j 1" out jsonl.serial
printf '{"id": 1, "text": "%s"}\n{"id": 2, "text": "oops\\x"}\n{"id": 3, "text": "never"}\n' "$spun" >bad.jsonl
expect_code 2 "--jsonl: a malformed line" $UNSPIN --jsonl bad.jsonl
expect_eq "--jsonl: malformed line message" "$(cat err)" \
  "unspin: bad.jsonl:2:25: error: bad escape in string"
expect_eq "--jsonl: records before it are written" "$(wc -l <out | tr -d ' ')" "1"
printf '["not", "an", "object"]\n' >arr.jsonl
expect_code 2 "--jsonl: not an object" $UNSPIN --jsonl arr.jsonl
printf '{"id": 1}\n' >notext.jsonl
expect_code 2 "--jsonl: no text" $UNSPIN --jsonl notext.jsonl
expect_eq "--jsonl: no text message" "$(cat err)" \
  "unspin: notext.jsonl:1:1: error: no \"text\" member"
expect_code 2 "--jsonl with -w" $UNSPIN --jsonl -w in.jsonl

# the README's GNU parallel recipe gives what one process gives
if command -v parallel >/dev/null 2>&1 && [ -z "${VALGRIND:-}" ]; then
  i=0
  while [ $i -lt 40 ]; do
    printf '{"id": %d, "text": "%s"}\n' $i "$spun"
    printf '{"id": "c%d", "text": "%s"}\n' $i "$clean"
    i=$((i + 1))
  done >corpus.jsonl
  $BIN --jsonl corpus.jsonl >one.jsonl
  parallel --will-cite --pipe --keep-order -N 16 -j 2 $BIN --jsonl \
    <corpus.jsonl >par.jsonl
  same_file "GNU parallel recipe" par.jsonl one.jsonl
  expect_eq "GNU parallel: all records" "$(wc -l <par.jsonl | tr -d ' ')" "80"
else
  skipped "GNU parallel recipe (parallel not installed)"
fi

summary batch
