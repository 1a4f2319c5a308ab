/*
 * cli_interactive.c - --interactive: finding by finding on a terminal, as
 * `git add -p` goes hunk by hunk.  Answers are read a line at a time from
 * standard input, so the review also runs under expect, tmux or a pipe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"
#include "util.h"

#define CONTEXT_BYTES 70 /* of the line, each side of the finding */

static const char help_text[] =
    "y - apply this fix\n"
    "n - keep the text as it is\n"
    "e - type the replacement yourself\n"
    "a - apply this fix and all later ones in the file\n"
    "d - keep this and all later ones in the file as they are\n"
    "q - quit: keep this and everything after it; fixes already accepted "
    "are written\n"
    "? - this help\n";

/* Step back (or forward) to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t i) {
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
    i--;
  return i;
}

static void show_clean(FILE *out, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    fputc(c == '\t' ? ' ' : c < 0x20 || c == 0x7f ? '?' : c, out);
  }
}

static void show_finding(FILE *out, const unspin_doc *doc, size_t i,
                         const char *name, int color) {
  const unspin_finding *f = unspin_doc_get(doc, i);
  size_t len, ls, le, from, to;
  const char *text = unspin_doc_text(doc, &len);
  ls = f->start;
  while (ls > 0 && text[ls - 1] != '\n')
    ls--;
  le = f->end;
  while (le < len && text[le] != '\n' && text[le] != '\r')
    le++;
  from = f->start - ls > CONTEXT_BYTES
             ? char_start(text, f->start - CONTEXT_BYTES)
             : ls;
  to = le - f->end > CONTEXT_BYTES ? char_start(text, f->end + CONTEXT_BYTES)
                                   : le;
  fprintf(out, "%s%s:%u:%u: %s (confidence %.2f)%s\n", color ? "\033[1m" : "",
          name, f->line, f->col, f->rule_id, f->confidence,
          color ? "\033[m" : "");
  if (from > ls)
    fputs("...", out);
  show_clean(out, text + from, f->start - from);
  fputs(color ? "\033[31m[-" : "[-", out);
  show_clean(out, f->spun, strlen(f->spun));
  fputs(color ? "-]\033[m\033[32m{+" : "-]{+", out);
  show_clean(out, f->replacement, strlen(f->replacement));
  fputs(color ? "+}\033[m" : "+}", out);
  show_clean(out, text + f->end, to - f->end);
  if (to < le)
    fputs("...", out);
  fputc('\n', out);
}

/* One line of input without its newline, or NULL at the end of input. */
static char *read_answer(FILE *in) {
  struct strbuf sb = STRBUF_INIT;
  int c;
  while ((c = getc(in)) != EOF && c != '\n')
    strbuf_addch(&sb, c);
  if (c == EOF && !sb.len) {
    strbuf_release(&sb);
    return NULL;
  }
  while (sb.len && (sb.buf[sb.len - 1] == '\r' || sb.buf[sb.len - 1] == ' '))
    sb.buf[--sb.len] = '\0';
  return strbuf_detach(&sb, NULL);
}

int interactive_review(const unspin_doc *doc, const char *name, FILE *in,
                       FILE *out, int color, char **choice) {
  size_t n = unspin_doc_count(doc), i;
  int rest = 0; /* 'a': 1, 'd' or 'q': -1 */
  int quit = 0;
  for (i = 0; i < n; i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    choice[i] = NULL;
    if (rest) {
      if (rest > 0)
        choice[i] = xstrdup(f->replacement);
      continue;
    }
    show_finding(out, doc, i, name, color);
    for (;;) {
      char *a;
      fprintf(out, "(%zu/%zu) Apply this fix [y,n,e,a,d,q,?]? ", i + 1, n);
      fflush(out);
      if (!(a = read_answer(in))) {
        fputc('\n', out);
        rest = -1; /* the end of the answers: as 'q' */
        quit = 1;
        break;
      }
      if (!strcmp(a, "y") || !strcmp(a, "a")) {
        choice[i] = xstrdup(f->replacement);
        rest = a[0] == 'a';
      } else if (!strcmp(a, "n")) {
        ;
      } else if (!strcmp(a, "d") || !strcmp(a, "q")) {
        rest = -1;
        quit = a[0] == 'q';
      } else if (!strcmp(a, "e")) {
        char *r;
        fprintf(out, "Replace '%s' with (empty: ask again): ", f->spun);
        fflush(out);
        r = read_answer(in);
        if (!r || !r[0]) {
          free(r);
          free(a);
          if (!r) {
            fputc('\n', out);
            rest = -1;
            quit = 1;
            break;
          }
          continue;
        }
        {
          size_t bad;
          if (text_validate(r, strlen(r), &bad)) {
            fputs("That is not valid UTF-8 text.\n", out);
            free(r);
            free(a);
            continue;
          }
        }
        choice[i] = r;
      } else {
        if (strcmp(a, "?"))
          fprintf(out, "'%s'? ", a);
        fputs(help_text, out);
        free(a);
        continue;
      }
      free(a);
      break;
    }
  }
  fflush(out);
  return quit;
}
