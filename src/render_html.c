/*
 * render_html.c - one self-contained HTML review page for one or more
 * documents: the article with each finding highlighted, its alternatives
 * and evidence in a side panel, accept/reject per finding, and the
 * corrected text kept up to date by the page's script, to copy or
 * download.  No external resources: the CSS and the script are inline.
 *
 * The corrected text the script builds must equal unspin_doc_apply()'s
 * byte for byte when the default choices stand, so the article is written
 * in a <pre> whose DOM text is exactly the document: every markup
 * character is a reference, CR is written &#13; (the HTML parser turns a
 * literal CR or CRLF into LF, but not a reference), and a newline follows
 * <pre> (the parser drops the first newline of a <pre>).  The script then
 * concatenates the text nodes and, for each finding, the spun text or the
 * chosen replacement.  It never uses innerHTML: every string from the
 * document reaches the page through textContent or attribute values.
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "render.h"
#include "tokenize.h"

/*
 * Append s[0..n) as HTML text or a double-quoted attribute value.  Other
 * bytes go through unchanged: the page is UTF-8 and the text valid UTF-8.
 */
static void add_html(struct strbuf *sb, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    switch (s[i]) {
    case '&':
      strbuf_addstr(sb, "&amp;");
      break;
    case '<':
      strbuf_addstr(sb, "&lt;");
      break;
    case '>':
      strbuf_addstr(sb, "&gt;");
      break;
    case '"':
      strbuf_addstr(sb, "&quot;");
      break;
    case '\'':
      strbuf_addstr(sb, "&#39;");
      break;
    case '\r':
      strbuf_addstr(sb, "&#13;");
      break;
    default:
      strbuf_addch(sb, s[i]);
    }
  }
}

static void add_htmlstr(struct strbuf *sb, const char *s) {
  add_html(sb, s, strlen(s));
}

/* A display path: control characters replaced, then escaped. */
static void add_path(struct strbuf *sb, const char *path) {
  struct strbuf clean = STRBUF_INIT;
  render_add_clean(&clean, path);
  add_html(sb, clean.buf, clean.len);
  strbuf_release(&clean);
}

/* The file name a download of the corrected text gets: NAME.fixed.EXT. */
static void add_download_name(struct strbuf *sb, const char *path) {
  struct strbuf name = STRBUF_INIT;
  const char *base = strrchr(path, '/'), *dot;
  base = base ? base + 1 : path;
  if (!strcmp(path, "<stdin>") || !*base)
    base = "stdin.txt";
  dot = strrchr(base, '.');
  if (!dot || dot == base)
    dot = base + strlen(base);
  strbuf_add(&name, base, (size_t)(dot - base));
  strbuf_addstr(&name, ".fixed");
  strbuf_addstr(&name, dot);
  add_path(sb, name.buf);
  strbuf_release(&name);
}

/* Alternatives offered per finding, the chosen replacement included, and
 * the entries for one span looked at to find them (the table has at most
 * a dozen originals for a phrase). */
#define MAX_ALTERNATIVES 8
#define MAX_CANDIDATES 64
/* Context matched again around a finding, each side: far more than any
 * rule looks at. */
#define WINDOW_BYTES 1024

/* Is s one of v[0..n)? */
static int listed(const char **v, size_t n, const char *s) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!strcmp(v[i], s))
      return 1;
  return 0;
}

/*
 * Where the context window around [start, end) begins and ends: the
 * finding's line, cut at a space when the line is longer than
 * WINDOW_BYTES on that side (a finding never crosses a line break).
 */
static void window(const char *text, size_t len, size_t start, size_t end,
                   size_t *from, size_t *to) {
  size_t i = start, lim = start > WINDOW_BYTES ? start - WINDOW_BYTES : 0;
  while (i > lim && text[i - 1] != '\n')
    i--;
  if (i == lim && lim > 0)
    while (i < start && text[i - 1] != ' ')
      i++;
  *from = i;
  i = end;
  lim = len - end > WINDOW_BYTES ? end + WINDOW_BYTES : len;
  while (i < lim && text[i] != '\n')
    i++;
  if (i == lim && lim < len)
    while (i > end && text[i] != ' ')
      i--;
  *to = i;
}

/*
 * The replacements the table and rules offer for a finding's span, in the
 * case pattern of the text: the chosen one first, then the others by
 * channel weight.  The finding's line (or a window of it) is matched
 * again, so every entry for the same words is found and rules have their
 * contexts checked as the check did.  Strings live in arena a.
 */
static size_t alternatives(const unspin_doc *doc, const unspin_finding *f,
                           struct arena *a, const char **out) {
  const unspin_ctx *ctx = doc->ctx;
  const struct entry *cand[MAX_CANDIDATES];
  struct tokens toks = {0};
  struct candidates cands = {0};
  size_t n = 1, ncand = 0, i, j, from, to;
  out[0] = f->replacement;
  window(doc->text, doc->len, f->start, f->end, &from, &to);
  if (tokenize(doc->text + from, to - from, &toks, NULL)) {
    tokens_release(&toks);
    return n;
  }
  match_document(ctx, doc->text + from, &toks, &cands);
  for (i = 0; i < cands.n && ncand < MAX_CANDIDATES; i++) {
    const struct candidate *c = &cands.v[i];
    if (from + toks.v[c->tok].start == f->start &&
        from + toks.v[c->tok_end - 1].end == f->end)
      cand[ncand++] = &ctx->entries[c->entry];
  }
  free(cands.v);
  tokens_release(&toks);
  /* by weight, heaviest first; a handful, so insertion sort */
  for (i = 1; i < ncand; i++) {
    const struct entry *e = cand[i];
    for (j = i; j > 0 && cand[j - 1]->weight < e->weight; j--)
      cand[j] = cand[j - 1];
    cand[j] = e;
  }
  for (i = 0; i < ncand && n < MAX_ALTERNATIVES; i++) {
    const char *r = apply_case(a, f->spun, strlen(f->spun), cand[i]->original);
    if (strcmp(r, f->spun) && !listed(out, n, r))
      out[n++] = r;
  }
  return n;
}

static void add_attr(struct strbuf *sb, const char *name, const char *value) {
  strbuf_addf(sb, " %s=\"", name);
  add_htmlstr(sb, value);
  strbuf_addch(sb, '"');
}

static void add_finding(struct strbuf *sb, const unspin_doc *doc,
                        const unspin_finding *f, size_t doc_no, size_t i,
                        struct arena *a) {
  const char *alts[MAX_ALTERNATIVES];
  size_t nalts = alternatives(doc, f, a, alts), k;
  struct strbuf json = STRBUF_INIT, title = STRBUF_INIT;
  int on = doc_finding_applied(doc, f);
  strbuf_addch(&json, '[');
  for (k = 0; k < nalts; k++) {
    strbuf_addstr(&json, k ? ",\"" : "\"");
    strbuf_add_json(&json, alts[k], strlen(alts[k]));
    strbuf_addch(&json, '"');
  }
  strbuf_addch(&json, ']');
  strbuf_addf(&title,
              "'%s' \xE2\x86\x92 '%s' \xC2\xB7 %s \xC2\xB7 "
              "confidence %.2f",
              f->spun, f->replacement, f->rule_id, f->confidence);
  strbuf_addf(sb,
              "<mark class=\"f %s\" id=\"d%zu-f%zu\" tabindex=\"0\" "
              "role=\"button\" aria-pressed=\"%s\"",
              on ? "on" : "off", doc_no, i + 1, on ? "true" : "false");
  add_attr(sb, "data-replacement", f->replacement);
  add_attr(sb, "data-choice", f->replacement);
  add_attr(sb, "data-alts", json.buf);
  strbuf_addf(sb, " data-confidence=\"%.4f\" data-applied=\"%d\"",
              f->confidence, on);
  add_attr(sb, "data-rule", f->rule_id);
  add_attr(sb, "data-message", f->message);
  add_attr(sb, "data-source", f->source);
  strbuf_addf(sb, " data-channel=\"%.4f\"", f->channel);
  if (f->score_spun != 0 || f->score_orig != 0)
    strbuf_addf(sb, " data-score-spun=\"%.2f\" data-score-orig=\"%.2f\"",
                f->score_spun, f->score_orig);
  strbuf_addf(sb,
              " data-line=\"%u\" data-col=\"%u\" data-start=\"%zu\" "
              "data-end=\"%zu\"",
              f->line, f->col, f->start, f->end);
  add_attr(sb, "title", title.buf);
  strbuf_addch(sb, '>');
  add_html(sb, f->spun, strlen(f->spun));
  strbuf_addstr(sb, "</mark>");
  strbuf_release(&json);
  strbuf_release(&title);
}

static void add_section(struct strbuf *sb, const unspin_doc *doc,
                        const char *path, size_t doc_no) {
  struct arena a = ARENA_INIT;
  size_t i, pos = 0;
  char *fixed;
  size_t fixed_len;
  strbuf_addf(sb, "<section class=\"doc\" id=\"d%zu\" data-path=\"", doc_no);
  add_path(sb, path);
  strbuf_addstr(sb, "\" data-download=\"");
  add_download_name(sb, path);
  strbuf_addf(sb, "\" data-min-confidence=\"%.4f\">\n<h2>",
              doc->min_confidence);
  add_path(sb, path);
  strbuf_addf(sb,
              "</h2>\n<p class=\"summary\">spin estimate "
              "<meter min=\"0\" max=\"1\" value=\"%.3f\"></meter> "
              "<b class=\"spin\">%.3f</b> \xC2\xB7 %zu words \xC2\xB7 "
              "%zu findings, %zu at or above the bar %.2f \xC2\xB7 "
              "<b class=\"n-accepted\">%zu</b> accepted</p>\n",
              doc->spin_estimate, doc->spin_estimate, doc->words,
              doc->nfindings, doc->applied, doc->min_confidence, doc->applied);
  strbuf_addstr(sb, "<div class=\"controls\">"
                    "<button type=\"button\" class=\"accept-all\">Accept all"
                    "</button> <button type=\"button\" class=\"reject-all\">"
                    "Reject all</button> <button type=\"button\" "
                    "class=\"reset\">Reset</button></div>\n"
                    "<div class=\"review\">\n<pre class=\"article\">\n");
  for (i = 0; i < doc->nfindings; i++) {
    const unspin_finding *f = &doc->findings[i];
    add_html(sb, doc->text + pos, f->start - pos);
    add_finding(sb, doc, f, doc_no, i, &a);
    pos = f->end;
  }
  add_html(sb, doc->text + pos, doc->len - pos);
  strbuf_addstr(sb, "</pre>\n<aside class=\"panel\">\n<p class=\"hint\">");
  strbuf_addstr(sb, doc->nfindings
                        ? "Click a highlighted phrase for its alternatives "
                          "and evidence."
                        : "No findings: nothing here looks spun.");
  strbuf_addstr(
      sb, "</p>\n<div class=\"detail\" hidden>\n"
          "<p class=\"change\"><del class=\"p-spun\"></del> \xE2\x86\x92 "
          "<ins class=\"p-choice\"></ins></p>\n"
          "<p><label>replace with <select class=\"p-alts\"></select></label> "
          "<button type=\"button\" class=\"p-toggle\"></button></p>\n"
          "<dl>\n<dt>confidence</dt><dd class=\"p-confidence\"></dd>\n"
          "<dt>rule</dt><dd class=\"p-rule\"></dd>\n"
          "<dt>why</dt><dd class=\"p-message\"></dd>\n"
          "<dt>channel weight</dt><dd class=\"p-channel\"></dd>\n"
          "<dt>model (log10)</dt><dd class=\"p-scores\"></dd>\n"
          "<dt>where</dt><dd class=\"p-where\"></dd>\n</dl>\n"
          "<p><button type=\"button\" class=\"p-prev\">\xE2\x80\xB9 previous"
          "</button> <button type=\"button\" class=\"p-next\">next \xE2\x80\xBA"
          "</button></p>\n</div>\n</aside>\n</div>\n"
          "<h3>Corrected text</h3>\n<p class=\"controls\">"
          "<button type=\"button\" class=\"copy\">Copy</button> "
          "<button type=\"button\" class=\"download\">Download</button> "
          "<span class=\"status\" role=\"status\"></span></p>\n"
          "<pre class=\"out\">\n");
  /* the corrected text as the CLI applies it, for a page without script */
  fixed = unspin_doc_apply(doc, &fixed_len);
  add_html(sb, fixed, fixed_len);
  free(fixed);
  strbuf_addstr(sb, "</pre>\n</section>\n");
  arena_release(&a);
}

static const char *const page_style[] = {
    "<style>",
    ":root{color-scheme:light}",
    "body{margin:0 auto;max-width:76rem;padding:0 1.25rem 3rem;"
    "font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}",
    "header{border-bottom:1px solid #ddd;margin-bottom:1rem}",
    "h1{font-size:1.3rem;margin:.9rem 0 .2rem}",
    "h2{font-size:1.1rem;margin:1.2rem 0 .2rem;overflow-wrap:anywhere}",
    "h3{font-size:1rem;margin:1.2rem 0 .3rem}",
    ".summary{margin:.2rem 0;color:#444}",
    ".summary meter{width:6rem;vertical-align:middle}",
    ".controls{margin:.4rem 0}",
    "button{font:inherit;padding:.15rem .7rem;border:1px solid #999;"
    "border-radius:4px;background:#fff;cursor:pointer}",
    "button:hover{background:#eef3fb}",
    ".review{display:grid;grid-template-columns:minmax(0,1fr) 20rem;"
    "gap:1.25rem;align-items:start}",
    "@media (max-width:50rem){.review{grid-template-columns:1fr}}",
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;padding:1rem;"
    "border:1px solid #ddd;border-radius:4px}",
    "pre.article{font:16px/1.65 Georgia,'DejaVu Serif',serif;"
    "background:#fff}",
    "pre.out{font:14px/1.5 Georgia,'DejaVu Serif',serif;background:#f3f5f7;"
    "max-height:24rem;overflow:auto}",
    "mark.f{cursor:pointer;border-radius:3px;padding:0 1px;color:inherit}",
    "mark.f.on{background:#ffd84d}",
    "mark.f.on::after{content:' \\2192\\00a0' attr(data-choice);"
    "color:#0b6e2e;font-weight:600}",
    "mark.f.off{background:transparent;border-bottom:2px dashed #8a8a8a}",
    "mark.f.sel{outline:2px solid #1a5fb4;outline-offset:1px}",
    "mark.f:focus-visible{outline:2px solid #1a5fb4}",
    ".panel{position:sticky;top:.75rem;background:#fff;border:1px solid #ddd;"
    "border-radius:4px;padding:.2rem 1rem;font-size:14px}",
    ".panel .change{font-size:1.1rem}",
    ".panel del{color:#a4262c}",
    ".panel ins{color:#0b6e2e;text-decoration:none;font-weight:600}",
    ".panel dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .7rem;"
    "margin:.5rem 0}",
    ".panel dt{color:#666}",
    ".panel dd{margin:0;overflow-wrap:anywhere}",
    ".status{color:#0b6e2e}",
    "</style>",
    NULL};

/*
 * The page's behaviour.  Each <section class="doc"> is independent; the
 * state of a finding is its mark's class (on/off) and data-choice.
 */
static const char *const page_script[] = {
    "<script>",
    "(function () {",
    "  'use strict';",
    "  function q(root, sel) { return root.querySelector(sel); }",
    "  function marks(sec) { return sec.querySelectorAll('mark.f'); }",
    "  /* the article's text with each accepted finding replaced */",
    "  function corrected(sec) {",
    "    var nodes = q(sec, 'pre.article').childNodes, out = [], i, n;",
    "    for (i = 0; i < nodes.length; i++) {",
    "      n = nodes[i];",
    "      if (n.nodeType === 1 && n.classList.contains('f') &&",
    "          n.classList.contains('on'))",
    "        out.push(n.getAttribute('data-choice'));",
    "      else",
    "        out.push(n.textContent);",
    "    }",
    "    return out.join('');",
    "  }",
    "  function setOn(m, on) {",
    "    m.classList.toggle('on', on);",
    "    m.classList.toggle('off', !on);",
    "    m.setAttribute('aria-pressed', on ? 'true' : 'false');",
    "  }",
    "  function fill(p, sel, text) { q(p, sel).textContent = text; }",
    "  function show(sec) {",
    "    var m = q(sec, 'mark.f.sel'), p = q(sec, '.panel'), alts, s, i, o;",
    "    q(p, '.detail').hidden = !m;",
    "    q(p, '.hint').hidden = !!m;",
    "    if (!m) return;",
    "    fill(p, '.p-spun', m.textContent);",
    "    fill(p, '.p-choice', m.getAttribute('data-choice'));",
    "    fill(p, '.p-confidence', m.getAttribute('data-confidence') +",
    "         (m.getAttribute('data-applied') === '1' ? ' (at or above' :",
    "          ' (below') + ' the bar ' +",
    "         sec.getAttribute('data-min-confidence') + ')');",
    "    fill(p, '.p-rule', m.getAttribute('data-rule') + ' (source ' +",
    "         m.getAttribute('data-source') + ')');",
    "    fill(p, '.p-message', m.getAttribute('data-message'));",
    "    fill(p, '.p-channel', m.getAttribute('data-channel'));",
    "    fill(p, '.p-scores', m.hasAttribute('data-score-spun') ?",
    "         'as written ' + m.getAttribute('data-score-spun') +",
    "         ', replaced ' + m.getAttribute('data-score-orig') :",
    "         'not used');",
    "    fill(p, '.p-where', 'line ' + m.getAttribute('data-line') +",
    "         ', column ' + m.getAttribute('data-col'));",
    "    fill(p, '.p-toggle', m.classList.contains('on') ? 'Reject' :",
    "         'Accept');",
    "    s = q(p, '.p-alts');",
    "    while (s.firstChild) s.removeChild(s.firstChild);",
    "    alts = JSON.parse(m.getAttribute('data-alts'));",
    "    for (i = 0; i < alts.length; i++) {",
    "      o = document.createElement('option');",
    "      o.value = alts[i];",
    "      o.textContent = alts[i];",
    "      s.appendChild(o);",
    "    }",
    "    s.value = m.getAttribute('data-choice');",
    "  }",
    "  function update(sec) {",
    "    var ms = marks(sec), n = 0, i;",
    "    for (i = 0; i < ms.length; i++)",
    "      if (ms[i].classList.contains('on')) n++;",
    "    fill(sec, '.n-accepted', String(n));",
    "    fill(sec, 'pre.out', corrected(sec));",
    "    fill(sec, '.status', '');",
    "    show(sec);",
    "  }",
    "  function select(m) {",
    "    var sec = m.closest('section.doc'), old = q(sec, 'mark.f.sel');",
    "    if (old) old.classList.remove('sel');",
    "    m.classList.add('sel');",
    "    show(sec);",
    "  }",
    "  function step(sec, d) {",
    "    var ms = marks(sec), m = q(sec, 'mark.f.sel'), i;",
    "    i = Array.prototype.indexOf.call(ms, m) + d;",
    "    if (i >= 0 && i < ms.length) {",
    "      select(ms[i]);",
    "      ms[i].scrollIntoView({block: 'nearest'});",
    "      ms[i].focus({preventScroll: true});",
    "    }",
    "  }",
    "  function all(sec, how) {",
    "    var ms = marks(sec), i, m;",
    "    for (i = 0; i < ms.length; i++) {",
    "      m = ms[i];",
    "      if (how === 'reset') {",
    "        m.setAttribute('data-choice', "
    "m.getAttribute('data-replacement'));",
    "        setOn(m, m.getAttribute('data-applied') === '1');",
    "      } else {",
    "        setOn(m, how === 'accept');",
    "      }",
    "    }",
    "    update(sec);",
    "  }",
    "  function copy(sec) {",
    "    var text = corrected(sec), st = q(sec, '.status');",
    "    function fallback() {",
    "      var r = document.createRange(), s = window.getSelection();",
    "      r.selectNodeContents(q(sec, 'pre.out'));",
    "      s.removeAllRanges();",
    "      s.addRange(r);",
    "      st.textContent = document.execCommand('copy') ? 'copied' :",
    "          'press Ctrl+C to copy the selection';",
    "    }",
    "    if (navigator.clipboard && navigator.clipboard.writeText)",
    "      navigator.clipboard.writeText(text).then(function () {",
    "        st.textContent = 'copied';",
    "      }, fallback);",
    "    else",
    "      fallback();",
    "  }",
    "  function download(sec) {",
    "    var blob = new Blob([corrected(sec)], {type: 'text/plain'}),",
    "        a = document.createElement('a');",
    "    a.href = URL.createObjectURL(blob);",
    "    a.download = sec.getAttribute('data-download');",
    "    document.body.appendChild(a);",
    "    a.click();",
    "    setTimeout(function () {",
    "      URL.revokeObjectURL(a.href);",
    "      a.remove();",
    "    }, 60000);",
    "  }",
    "  document.addEventListener('click', function (ev) {",
    "    var t = ev.target, sec = t.closest && t.closest('section.doc'), m;",
    "    if (!sec) return;",
    "    if (t.matches('mark.f')) select(t);",
    "    else if (t.matches('.p-toggle')) {",
    "      m = q(sec, 'mark.f.sel');",
    "      if (m) { setOn(m, !m.classList.contains('on')); update(sec); }",
    "    } else if (t.matches('.p-prev')) step(sec, -1);",
    "    else if (t.matches('.p-next')) step(sec, 1);",
    "    else if (t.matches('.accept-all')) all(sec, 'accept');",
    "    else if (t.matches('.reject-all')) all(sec, 'reject');",
    "    else if (t.matches('.reset')) all(sec, 'reset');",
    "    else if (t.matches('.copy')) copy(sec);",
    "    else if (t.matches('.download')) download(sec);",
    "  });",
    "  document.addEventListener('change', function (ev) {",
    "    var t = ev.target, sec = t.closest('section.doc'), m;",
    "    if (!sec || !t.matches('.p-alts')) return;",
    "    m = q(sec, 'mark.f.sel');",
    "    if (!m) return;",
    "    m.setAttribute('data-choice', t.value);",
    "    setOn(m, true);",
    "    update(sec);",
    "  });",
    "  document.addEventListener('keydown', function (ev) {",
    "    var t = ev.target;",
    "    if (t.matches && t.matches('mark.f') &&",
    "        (ev.key === 'Enter' || ev.key === ' ')) {",
    "      ev.preventDefault();",
    "      select(t);",
    "    }",
    "  });",
    "  Array.prototype.forEach.call(document.querySelectorAll('section.doc'),",
    "                                update);",
    "})();",
    "</script>",
    NULL};

static void add_lines(struct strbuf *sb, const char *const *lines) {
  for (; *lines; lines++) {
    strbuf_addstr(sb, *lines);
    strbuf_addch(sb, '\n');
  }
}

void render_html(struct strbuf *sb, const unspin_doc *const *docs,
                 const char *const *paths, size_t n) {
  size_t i;
  strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n");
  strbuf_addf(sb, "<meta name=\"generator\" content=\"unspin %s\">\n",
              unspin_version_string());
  strbuf_addstr(sb, "<title>unspin review: ");
  if (n == 1)
    add_path(sb, paths[0] ? paths[0] : "<stdin>");
  else
    strbuf_addf(sb, "%zu files", n);
  strbuf_addstr(sb, "</title>\n");
  add_lines(sb, page_style);
  strbuf_addstr(sb, "</head>\n<body>\n<header><h1>unspin review</h1>\n"
                    "<p>Highlighted: what a synonym spinner probably "
                    "changed, and the original phrasing proposed.  Accept "
                    "or reject each change; the corrected text below "
                    "follows.</p></header>\n<main>\n");
  for (i = 0; i < n; i++)
    add_section(sb, docs[i], paths[i] ? paths[i] : "<stdin>", i + 1);
  strbuf_addstr(sb, "</main>\n");
  add_lines(sb, page_script);
  strbuf_addstr(sb, "</body>\n</html>\n");
}

char *unspin_render_html(const unspin_doc *const *docs,
                         const char *const *paths, size_t n, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  render_html(&sb, docs, paths, n);
  return strbuf_detach(&sb, len);
}
