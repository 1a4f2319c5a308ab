/*
 * cli.c - the unspin program: options, the data, one file's check and
 * output, the summary and the exit status.  The program's other parts are
 * listed in cli.h; the library itself never prints or exits.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "strbuf.h"
#include "unspin.h"
#include "util.h"

#ifndef UNSPIN_DATADIR
#define UNSPIN_DATADIR "/usr/local/share/unspin"
#endif

static const char usage_text[] =
    "usage: unspin [options] [-i FILE]... [FILE|DIR...]\n"
    "Find spinner and translation artifacts in article text and propose the "
    "original phrasing.\n"
    "\n"
    "  -i, --input=FILE        read FILE (repeatable; '-' or no file: "
    "standard input)\n"
    "  -o, --output=FILE       write the corrected text to FILE (one input)\n"
    "  -w, --write             correct the files in place (atomically)\n"
"      --interactive       review finding by finding, then write the "
    "file\n"
    "  -j, --jobs=N            check N files at once (0: one per CPU)\n"
    "      --jsonl             read JSON lines {\"id\", \"text\"}, write one "
    "result per line\n"
    "  -f, --format=FMT        diff (default), word-diff, lines, json, sarif, "
    "text,\n"
    "                          html (one review page for all files)\n"
    "      --color=WHEN        colour word-diff output: auto (default), "
    "always, never\n"
    "      --check             report findings as lines, no text; exit 1 "
    "when any\n"
    "      --score             one line per file: spin estimate and findings\n"
    "      --explain           show the evidence behind each finding\n"
    "      --min-confidence=X  apply findings with confidence >= X "
    "(0..1)\n"
    "      --packs=LIST        rule packs, comma-separated: news (default), "
    "academic, mt\n"
    "      --data-dir=DIR      read dicts/ and rules/ from DIR\n"
    "      --hunspell-dir=DIR  read en_US.aff/.dic from DIR "
    "(default /usr/share/hunspell)\n"
    "      --no-model          do not use the n-gram model\n"
    "      --verify-model      check the model file against its checksum "
    "and exit\n"
    "      --write-cache=FILE  prepare from the data, save that in FILE for "
    "later\n"
    "                          start-ups (as make does in dicts/prepared/), "
    "and exit\n"
    "      --markup=KIND       read input as html, markdown, text or auto "
    "(default:\n"
    "                          by extension; only prose is checked)\n"
    "      --ignore=FILE       drop findings on the phrases in FILE "
    "(repeatable;\n"
    "                          default: .unspinignore at the repository "
    "root)\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "\n"
    "A directory is checked recursively, skipping hidden and binary files.\n"
    "Exit status: 0 nothing found, 1 findings reported, 2 error.\n";

enum {
  OPT_CHECK = 256,
  OPT_SCORE,
  OPT_EXPLAIN,
  OPT_MIN_CONFIDENCE,
  OPT_DATA_DIR,
  OPT_HUNSPELL_DIR,
  OPT_NO_MODEL,
  OPT_VERIFY_MODEL,
  OPT_WRITE_CACHE,
  OPT_COLOR,
  OPT_JSONL,
  OPT_INTERACTIVE,
  OPT_PACKS,
  OPT_MARKUP,
  OPT_IGNORE
};

static const struct option long_options[] = {
    {"input", required_argument, NULL, 'i'},
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"check", no_argument, NULL, OPT_CHECK},
    {"score", no_argument, NULL, OPT_SCORE},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE},
    {"data-dir", required_argument, NULL, OPT_DATA_DIR},
    {"hunspell-dir", required_argument, NULL, OPT_HUNSPELL_DIR},
    {"no-model", no_argument, NULL, OPT_NO_MODEL},
    {"verify-model", no_argument, NULL, OPT_VERIFY_MODEL},
    {"write-cache", required_argument, NULL, OPT_WRITE_CACHE},
    {"color", required_argument, NULL, OPT_COLOR},
    {"write", no_argument, NULL, 'w'},
    {"jobs", required_argument, NULL, 'j'},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"interactive", no_argument, NULL, OPT_INTERACTIVE},
    {"packs", required_argument, NULL, OPT_PACKS},
    {"markup", required_argument, NULL, OPT_MARKUP},
    {"ignore", required_argument, NULL, OPT_IGNORE},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

struct options {
  const char **inputs;
  size_t ninputs, alloc;
  const char *output;
  enum unspin_format format;
  int format_given, check, score, explain, no_model, write, jsonl;
  int verify_model;
  const char *write_cache;
  int html; /* -f html: one page for the run, rendered after the last file */
  int interactive;
  unsigned jobs;
  int color; /* -1 auto, 0 never, 1 always */
  double min_confidence;
  const char *data_dir, *hunspell_dir;
  const char *packs[8]; /* names, from unspin_pack_name() */
  size_t npacks;
  int markup; /* enum unspin_markup, or -1: by file name */
  const char **ignores;
  size_t nignores, ignores_alloc;
};

static UNSPIN_NORETURN void usage_error(const char *fmt, ...)
    UNSPIN_PRINTF(1, 2);
static void usage_error(const char *fmt, ...) {
  va_list ap;
  fputs("unspin: error: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'unspin --help' for more information.\n", stderr);
  exit(EXIT_TROUBLE);
}

void report_to(struct strbuf *sb, const unspin_error *err, const char *path) {
  const char *p = err->path[0] ? err->path : path;
  strbuf_addstr(sb, "unspin: ");
  if (p && p[0]) {
    strbuf_addstr(sb, p);
    if (err->line && err->col)
      strbuf_addf(sb, ":%u:%u", err->line, err->col);
    else if (err->line)
      strbuf_addf(sb, ":%u", err->line);
    strbuf_addstr(sb, ": ");
  }
  strbuf_addf(sb, "error: %s\n", err->msg);
  if (err->source_line[0]) {
    unsigned i;
    const char *s;
    strbuf_addstr(sb, "    ");
    for (s = err->source_line; *s; s++)
      strbuf_addch(sb, (unsigned char)*s < 0x20 && *s != '\t' ? '?' : *s);
    strbuf_addstr(sb, "\n    ");
    /* columns count code points; tabs keep their width */
    {
      unsigned col = 1;
      for (s = err->source_line; *s && col < err->col; s++) {
        if (((unsigned char)*s & 0xC0) == 0x80)
          continue;
        strbuf_addch(sb, *s == '\t' ? '\t' : ' ');
        col++;
      }
    }
    for (i = 0; i < (err->caret_len ? err->caret_len : 1); i++)
      strbuf_addch(sb, '^');
    strbuf_addch(sb, '\n');
  }
}

/* Print an error from the library in the one grammar, with caret. */
static void report(const unspin_error *err, const char *path) {
  struct strbuf sb = STRBUF_INIT;
  report_to(&sb, err, path);
  fputs(sb.buf, stderr);
  strbuf_release(&sb);
}

/* "news,academic" -> o->packs; an unknown or repeated name is a usage
 * error. */
static void parse_packs(const char *list, struct options *o) {
  const char *s = list;
  o->npacks = 0;
  for (;;) {
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s), i, k;
    const char *name = NULL;
    for (i = 0; unspin_pack_name(i) && !name; i++)
      if (strlen(unspin_pack_name(i)) == n &&
          !memcmp(s, unspin_pack_name(i), n))
        name = unspin_pack_name(i);
    if (!name)
      usage_error("unknown pack '%.*s' in --packs "
                  "(packs: news, academic, mt)",
                  (int)n, s);
    for (k = 0; k < o->npacks; k++)
      if (o->packs[k] == name)
        usage_error("pack '%s' named twice in --packs", name);
    if (o->npacks == sizeof(o->packs) / sizeof(o->packs[0]))
      usage_error("too many packs in --packs");
    o->packs[o->npacks++] = name;
    if (!comma)
      break;
    s = comma + 1;
  }
}

static int parse_format(const char *s, enum unspin_format *out) {
  static const struct {
    const char *name;
    enum unspin_format fmt;
  } formats[] = {{"diff", UNSPIN_FORMAT_DIFF},
                 {"lines", UNSPIN_FORMAT_LINES},
                 {"json", UNSPIN_FORMAT_JSON},
                 {"text", UNSPIN_FORMAT_TEXT},
                 {"word-diff", UNSPIN_FORMAT_WORD_DIFF},
                 {"sarif", UNSPIN_FORMAT_SARIF},
                 {"html", UNSPIN_FORMAT_HTML}};
  size_t i;
  for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
    if (!strcmp(s, formats[i].name)) {
      *out = formats[i].fmt;
      return 0;
    }
  return -1;
}

static void parse_options(int argc, char **argv, struct options *o) {
  int c;
  memset(o, 0, sizeof(*o));
  o->format = UNSPIN_FORMAT_DIFF;
  o->min_confidence = -1;
  o->color = -1;
  o->markup = -1;
  o->jobs = 1;
  while ((c = getopt_long(argc, argv, "i:o:f:wj:hV", long_options, NULL)) !=
         -1) {
    switch (c) {
    case 'i':
      ALLOC_GROW(o->inputs, o->ninputs + 1, o->alloc);
      o->inputs[o->ninputs++] = optarg;
      break;
    case 'o':
      o->output = optarg;
      break;
    case 'f':
      if (parse_format(optarg, &o->format))
        usage_error("unknown format '%s'", optarg);
      o->format_given = 1;
      break;
    case OPT_CHECK:
      o->check = 1;
      break;
    case 'w':
      o->write = 1;
      break;
    case 'j': {
      char *end;
      unsigned long n;
      errno = 0;
      n = strtoul(optarg, &end, 10);
      if (errno || end == optarg || *end || optarg[0] == '-' || n > 1024)
        usage_error("-j needs a number of jobs from 0 to 1024, not '%s'",
                    optarg);
      o->jobs = n ? (unsigned)n : jobs_cpus();
      break;
    }
    case OPT_JSONL:
      o->jsonl = 1;
      break;
    case OPT_INTERACTIVE:
      o->interactive = 1;
      break;
    case OPT_SCORE:
      o->score = 1;
      break;
    case OPT_EXPLAIN:
      o->explain = 1;
      break;
    case OPT_MIN_CONFIDENCE: {
      char *end;
      errno = 0;
      o->min_confidence = strtod(optarg, &end);
      if (errno || end == optarg || *end || o->min_confidence < 0 ||
          o->min_confidence > 1)
        usage_error("--min-confidence needs a number from 0 to 1, not '%s'",
                    optarg);
      break;
    }
    case OPT_DATA_DIR:
      o->data_dir = optarg;
      break;
    case OPT_HUNSPELL_DIR:
      o->hunspell_dir = optarg;
      break;
    case OPT_NO_MODEL:
      o->no_model = 1;
      break;
    case OPT_VERIFY_MODEL:
      o->verify_model = 1;
      break;
    case OPT_WRITE_CACHE:
      o->write_cache = optarg;
      break;
    case OPT_PACKS:
      parse_packs(optarg, o);
      break;
    case OPT_COLOR:
      if (!strcmp(optarg, "auto"))
        o->color = -1;
      else if (!strcmp(optarg, "always"))
        o->color = 1;
      else if (!strcmp(optarg, "never"))
        o->color = 0;
      else
        usage_error("--color takes auto, always or never, not '%s'", optarg);
      break;
    case OPT_MARKUP:
      if (!strcmp(optarg, "auto"))
        o->markup = -1;
      else if (!strcmp(optarg, "text"))
        o->markup = UNSPIN_MARKUP_TEXT;
      else if (!strcmp(optarg, "html"))
        o->markup = UNSPIN_MARKUP_HTML;
      else if (!strcmp(optarg, "markdown"))
        o->markup = UNSPIN_MARKUP_MARKDOWN;
      else
        usage_error("--markup takes html, markdown, text or auto, not '%s'",
                    optarg);
      break;
    case OPT_IGNORE:
      ALLOC_GROW(o->ignores, o->nignores + 1, o->ignores_alloc);
      o->ignores[o->nignores++] = optarg;
      break;
    case 'h':
      fputs(usage_text, stdout);
      exit(EXIT_CLEAN);
    case 'V':
      printf("unspin %s\n", unspin_version_string());
      exit(EXIT_CLEAN);
    default:
      fputs("Try 'unspin --help' for more information.\n", stderr);
      exit(EXIT_TROUBLE);
    }
  }
  for (; optind < argc; optind++) {
    ALLOC_GROW(o->inputs, o->ninputs + 1, o->alloc);
    o->inputs[o->ninputs++] = argv[optind];
  }
  if (!o->ninputs) {
    ALLOC_GROW(o->inputs, 1, o->alloc);
    o->inputs[o->ninputs++] = "-";
  }
  if (!o->npacks)
    o->packs[o->npacks++] = unspin_pack_name(0);
  if (o->verify_model && o->no_model)
    usage_error("--verify-model and --no-model exclude each other");
  if (o->output && o->ninputs > 1)
    usage_error("-o takes one input file");
  if (o->write && o->output)
    usage_error("-w and -o do not go together: -w writes each file itself");

  if (o->interactive && (o->check || o->score || o->explain || o->jsonl ||
                         o->format_given))
    usage_error("--interactive takes no --check, --score, --explain, --jsonl "
                "or -f");
  if (o->interactive) {
    /* one review at a time, answers from standard input */
    o->jobs = 1;
    if (!o->output)
      o->write = 1;
  }
  if (o->write || o->interactive) {
    size_t i;
    for (i = 0; i < o->ninputs; i++)
      if (!strcmp(o->inputs[i], "-"))
        usage_error("%s needs files; standard input has none",
                    o->interactive ? "--interactive" : "-w");
  }
  if (o->jsonl && (o->output || o->write || o->check || o->explain ||
                   o->score || o->format_given))
    usage_error("--jsonl writes JSON lines to standard output and takes no "
                "-o, -w, -f, --check, --score or --explain");
}

static int file_exists(const char *dir, const char *rel) {
  struct strbuf p = STRBUF_INIT;
  struct stat st;
  int ok;
  strbuf_addf(&p, "%s/%s", dir, rel);
  ok = stat(p.buf, &st) == 0;
  strbuf_release(&p);
  return ok;
}

/*
 * Where dicts/ and rules/ are: --data-dir, $UNSPIN_DATADIR, the program's
 * own directory (a build tree), PREFIX/share/unspin next to an installed
 * program, then the compiled-in default.
 */
static char *find_data_dir(const struct options *o) {
  const char *env = getenv("UNSPIN_DATADIR");
  char exe[PATH_MAX];
  ssize_t n;
  if (o->data_dir)
    return xstrdup(o->data_dir);
  if (env && *env)
    return xstrdup(env);
  n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n > 0) {
    char *slash;
    struct strbuf p = STRBUF_INIT;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      if (file_exists(exe, "dicts/en/subst.tsv"))
        return xstrdup(exe);
      strbuf_addf(&p, "%s/../share/unspin", exe);
      if (file_exists(p.buf, "dicts/en/subst.tsv")) {
        char *r = realpath(p.buf, NULL);
        strbuf_release(&p);
        return r ? r : xstrdup(UNSPIN_DATADIR);
      }
      strbuf_release(&p);
    }
  }
  return xstrdup(UNSPIN_DATADIR);
}

static unspin_ctx *load_ctx(const struct options *o) {
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  char *dir = find_data_dir(o);
  int rc = unspin_ctx_load_packs(
      ctx, dir, o->hunspell_dir, o->packs, o->npacks,
      (o->no_model ? UNSPIN_LOAD_NO_MODEL : UNSPIN_LOAD_NEED_MODEL) |
          (o->write_cache ? UNSPIN_LOAD_NO_CACHE : 0),
      &err);
  if (!rc && o->verify_model) {
    /* loading checked the structure and the checksum: it is intact */
    free(dir);
    unspin_ctx_free(ctx);
    exit(EXIT_CLEAN);
  }
  if (!rc)
    rc = unspin_ctx_prepare(ctx, &err);
  if (!rc && unspin_ctx_cache_state(ctx, &err) == UNSPIN_CACHE_CORRUPT)
    fprintf(stderr, "unspin: %s: warning: %s; prepared from the data\n",
            err.path, err.msg);
  if (!rc && o->write_cache) {
    rc = unspin_ctx_write_cache(ctx, o->write_cache, &err);
    if (!rc) {
      free(dir);
      unspin_ctx_free(ctx);
      exit(EXIT_CLEAN);
    }
  }
  free(dir);
  if (rc) {
    report(&err, NULL);
    unspin_ctx_free(ctx);
    exit(EXIT_TROUBLE);
  }
  return ctx;
}

/* Applied findings of one pack. */
static size_t count_pack(const unspin_doc *doc, const char *pack,
                         const struct options *o) {
  double bar = o->min_confidence >= 0 ? o->min_confidence
                                      : UNSPIN_DEFAULT_MIN_CONFIDENCE;
  size_t i, n = 0;
  for (i = 0; i < unspin_doc_count(doc); i++) {
    const unspin_finding *f = unspin_doc_get(doc, i);
    n += f->confidence >= bar && !strcmp(f->pack, pack);
  }
  return n;
}

/*
 * The phrases to leave alone: every --ignore FILE (which must exist), or
 * else .unspinignore at the root of the repository around the current
 * directory (the nearest directory holding .git; without one, the current
 * directory), when there is one.  NULL when there are no phrases.
 */
static unspin_ignore *load_ignores(const struct options *o) {
  unspin_ignore *ig = unspin_ignore_new();
  struct strbuf def = STRBUF_INIT;
  unspin_error err;
  size_t i;
  int rc = 0;
  for (i = 0; i < o->nignores && !rc; i++)
    rc = unspin_ignore_load(ig, o->ignores[i], &err);
  if (!o->nignores) {
    char *cwd = getcwd(NULL, 0);
    struct stat st;
    if (cwd) {
      size_t n = strlen(cwd);
      struct strbuf p = STRBUF_INIT;
      for (;;) {
        strbuf_reset(&p);
        strbuf_add(&p, cwd, n);
        strbuf_addstr(&p, "/.git");
        if (!stat(p.buf, &st)) {
          strbuf_add(&def, cwd, n);
          if (!n)
            strbuf_addch(&def, '/');
          break;
        }
        if (!n)
          break;
        while (n > 0 && cwd[n - 1] != '/')
          n--;
        if (n > 0)
          n--; /* the slash: "/a" -> "" (the root) */
      }
      strbuf_release(&p);
    }
    if (!def.len)
      strbuf_addstr(&def, ".");
    if (def.buf[def.len - 1] != '/')
      strbuf_addch(&def, '/');
    strbuf_addstr(&def, ".unspinignore");
    free(cwd);
    if (stat(def.buf, &st) == 0 || errno != ENOENT)
      rc = unspin_ignore_load(ig, def.buf, &err);
  }
  strbuf_release(&def);
  if (rc) {
    if (rc == UNSPIN_ERR_IO)
      fprintf(stderr, "unspin: error: %s\n", err.msg);
    else
      report(&err, NULL);
    unspin_ignore_free(ig);
    exit(EXIT_TROUBLE);
  }
  if (!unspin_ignore_count(ig)) {
    unspin_ignore_free(ig);
    return NULL;
  }
  return ig;
}

static const char *display_name(const char *path) {
  if (!strcmp(path, "-"))
    return "<stdin>";
  while (path[0] == '.' && path[1] == '/')
    path += 2;
  return path;
}

/* One input file's run: everything it prints is kept until its turn. */
struct job {
  const struct input *in;
  struct strbuf out, err;
  int status;     /* exit status of this file alone */
  int skipped;    /* binary file met in a directory walk */
  int fixed;      /* -w rewrote it */
  unspin_doc *doc; /* -f html: kept for the page */
  size_t findings; /* applied findings */
  double estimate;
};

struct run {
  const struct options *o;
  const unspin_ctx *ctx;
  const unspin_ignore *ignore; /* --ignore, .unspinignore; NULL: none */
  struct input *inputs;
  struct job *jobs;
  size_t n;
  int status, write_errno, progress_shown;
  /* the files are checked one after the other, each printed as soon as it
   * is checked: its output may go straight to stdout as it is made,
   * instead of being held whole (for a long input, the largest block of
   * memory the program would take) */
  int stream;
  int quit; /* --interactive: the reviewer said q; the rest is skipped */
  int progress_tty;
  double started, progress_after; /* seconds */
  size_t files, findings, fixed, skipped;
};

static int read_only(const struct stat *st) {
  /* root may write anything; a file nobody may write is still read-only */
  if (geteuid() == 0)
    return !(st->st_mode & 0222);
  return 0; /* access() below decides for everyone else */
}

static int cannot_write_read_only(struct job *j, const char *path,
                                  const struct stat *st) {
  if (read_only(st) || (geteuid() != 0 && access(path, W_OK))) {
    strbuf_addf(&j->err, "unspin: error: cannot write '%s': the file is "
                         "read-only; left as it is\n", display_name(path));
    j->status = EXIT_TROUBLE;
    return 1;
  }
  return 0;
}

/* --interactive: the reviewer picks; what was accepted is written, to -o
 * or over the file as -w writes it. */
static void review_one(struct run *r, struct job *j,
                       const unspin_doc *doc, const struct stat *before) {
  const struct options *o = r->o;
  const char *path = j->in->path;
  size_t n = unspin_doc_count(doc), i, accepted = 0, len;
  char **choice;
  char *fixed;
  if (r->quit || !n) {
    j->findings = 0;
    return;
  }
  choice = xcalloc(n, sizeof(*choice));
  if (interactive_review(doc, display_name(path), stdin, stdout,
                         isatty(STDOUT_FILENO), choice))
    r->quit = 1; /* one job at a time: nobody else reads it */
  for (i = 0; i < n; i++)
    accepted += choice[i] != NULL;
  j->findings = accepted;
  j->status = accepted ? EXIT_FINDINGS : EXIT_CLEAN;
  if (accepted || o->output) {
    fixed = unspin_doc_apply_choices(doc, (const char *const *)choice, &len);
    if (o->output) {
      if (write_atomic(o->output, fixed, len, NULL, &j->err))
        j->status = EXIT_TROUBLE;
    } else if (before && !cannot_write_read_only(j, path, before)) {
      if (write_atomic(path, fixed, len, before, &j->err))
        j->status = EXIT_TROUBLE;
      else
        j->fixed = 1;
    }
    free(fixed);
  }
  for (i = 0; i < n; i++)
    free(choice[i]);
  free(choice);
}

static void clear_progress(struct run *r);

/* unspin_render_to()'s writer for a streamed run; a failed write is
 * reported once, at exit, as emit() reports it. */
static int write_stdout(void *arg, const char *buf, size_t len) {
  struct run *r = arg;
  if (fwrite(buf, 1, len, stdout) != len) {
    if (!r->write_errno)
      r->write_errno = errno;
    return 1;
  }
  return 0;
}

static void check_one(struct run *r, struct job *j) {
  const struct options *o = r->o;
  const char *path = j->in->path;
  const char *name = display_name(path);
  unspin_check_options copts;
  unspin_error err;
  unspin_doc *doc;
  struct stat before, after;
  size_t len;
  char *text;
  int have_stat = 0;
  memset(&copts, 0, sizeof(copts));
  copts.min_confidence = o->min_confidence;
  /* the review page shows findings below the bar too, not accepted */
  copts.keep_all = o->explain || o->html;
  /* -j: many files share the threads; one file splits its long text */
  copts.threads = r->n == 1 ? o->jobs : 1;
  j->status = EXIT_CLEAN;
  if (o->write) {
    if (stat(path, &before) == 0) {
      have_stat = 1;
      if (!S_ISREG(before.st_mode)) {
        strbuf_addf(&j->err, "unspin: error: '%s': -w writes regular files "
                             "only\n", name);
        j->status = EXIT_TROUBLE;
        return;
      }
    }
  }
  copts.markup = o->markup >= 0        ? (enum unspin_markup)o->markup
                 : strcmp(path, "-") ? unspin_markup_for_path(path)
                                     : UNSPIN_MARKUP_TEXT;
  copts.ignore = r->ignore;
  if (!o->write && !o->interactive) {
    /* nothing is written back: the file is mapped, not read, and a long
     * one never has to be in memory whole */
    doc = unspin_check_file(r->ctx, path, &copts, &err);
    if (!doc && err.code == UNSPIN_ERR_IO) {
      strbuf_addf(&j->err, "unspin: error: %s\n", err.msg);
      j->status = EXIT_TROUBLE;
      return;
    }
  } else {
    text = unspin_read_file(path, &len, &err);
    if (!text) {
      strbuf_addf(&j->err, "unspin: error: %s\n", err.msg);
      j->status = EXIT_TROUBLE;
      return;
    }
    if (have_stat && (stat(path, &after) || after.st_ino != before.st_ino ||
                      after.st_dev != before.st_dev ||
                      after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
                      after.st_mtim.tv_nsec != before.st_mtim.tv_nsec ||
                      after.st_size != before.st_size)) {
      strbuf_addf(&j->err, "unspin: error: '%s' changed while it was read; "
                           "left as it is\n", name);
      free(text);
      j->status = EXIT_TROUBLE;
      return;
    }
    doc = unspin_check_buffer(r->ctx, text, len, &copts, &err); /* takes text */
  }
  if (!doc) {
    if (j->in->from_walk && err.code == UNSPIN_ERR_INPUT) {
      j->skipped = 1; /* binary: a walk passes it by, as grep -r does */
      return;
    }
    report_to(&j->err, &err, name);
    j->status = EXIT_TROUBLE;
    return;
  }
  j->findings = unspin_doc_count_applied(doc);
  j->estimate = unspin_doc_spin_estimate(doc);
  if (j->findings)
    j->status = EXIT_FINDINGS;
  if (o->interactive) {
    review_one(r, j, doc, have_stat ? &before : NULL);
    unspin_doc_free(doc);
    return;
  }
  if (o->score) {
    size_t k;
    strbuf_addf(&j->out, "%s: spin estimate %.3f, %zu findings, %zu words",
                name, j->estimate, j->findings, unspin_doc_words(doc));
    for (k = 0; k < o->npacks; k++)
      strbuf_addf(&j->out, "%s %s %zu", k ? "," : ";", o->packs[k],
                  count_pack(doc, o->packs[k], o));
    strbuf_addch(&j->out, '\n');
  } else if (o->html) {
    ; /* main() renders the page once every file is checked */
  } else if (o->check || o->explain || (!o->output && !o->write) ||
             o->format_given) {
    enum unspin_format fmt = o->explain ? UNSPIN_FORMAT_EXPLAIN
                             : o->check ? UNSPIN_FORMAT_LINES
                                        : o->format;
    if (r->stream) {
      clear_progress(r);
      unspin_render_to(doc, fmt, name, write_stdout, r);
    } else {
      size_t n;
      char *out = unspin_render(doc, fmt, name, &n);
      strbuf_add(&j->out, out, n);
      free(out);
    }
  }
  if (o->output && !o->check) {
    size_t n;
    char *fixed = unspin_doc_apply(doc, &n);
    if (write_atomic(o->output, fixed, n, NULL, &j->err))
      j->status = EXIT_TROUBLE;
    free(fixed);
  } else if (o->write && !o->check && j->findings) {
    size_t n;
    char *fixed = unspin_doc_apply(doc, &n);
    if (cannot_write_read_only(j, path, &before)) {
      ;
    } else if (write_atomic(path, fixed, n, &before, &j->err)) {
      j->status = EXIT_TROUBLE;
    } else {
      j->fixed = 1;
    }
    free(fixed);
  }
  if (o->html)
    j->doc = doc;
  else
    unspin_doc_free(doc);
}

static void work(void *arg, size_t i) {
  struct run *r = arg;
  check_one(r, &r->jobs[i]);
}

static void clear_progress(struct run *r) {
  if (r->progress_shown) {
    fputs("\r\033[K", stderr);
    r->progress_shown = 0;
  }
}

static void emit(void *arg, size_t i) {
  struct run *r = arg;
  struct job *j = &r->jobs[i];
  clear_progress(r);
  /* --score over many files ranks them: printed at the end */
  if (!(r->o->score && r->n > 1) && j->out.len &&
      fwrite(j->out.buf, 1, j->out.len, stdout) != j->out.len &&
      !r->write_errno)
    r->write_errno = errno;
  if (j->err.len) {
    fflush(stdout);
    fputs(j->err.buf, stderr);
  }
  if (j->fixed)
    fprintf(stderr, "unspin: %s: fixed %zu finding%s\n",
            display_name(j->in->path), j->findings,
            j->findings == 1 ? "" : "s");
  if (j->status > r->status)
    r->status = j->status;
  if (!j->skipped)
    r->files++;
  r->skipped += (size_t)j->skipped;
  r->findings += j->findings;
  r->fixed += (size_t)j->fixed;
  if (!(r->o->score && r->n > 1)) {
    strbuf_release(&j->out);
    strbuf_release(&j->err);
  }
}

static double seconds_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A bar on a terminal's stderr, once a run has taken a second (a quick run
 * should not flicker); $UNSPIN_PROGRESS_AFTER sets the delay in seconds.
 */
static void progress(void *arg, size_t done, size_t n) {
  struct run *r = arg;
  int w = 30, k;
  if (!r->progress_tty || n < 2)
    return;
  if (seconds_now() - r->started < r->progress_after && !r->progress_shown)
    return;
  k = (int)((double)w * (double)done / (double)n);
  fputs("\r\033[K[", stderr);
  while (k-- > 0 && w--)
    fputc('#', stderr);
  while (w-- > 0)
    fputc(' ', stderr);
  fprintf(stderr, "] %zu/%zu files", done, n);
  r->progress_shown = 1;
}

static int by_estimate(const void *a, const void *b) {
  const struct job *x = *(const struct job *const *)a;
  const struct job *y = *(const struct job *const *)b;
  if (x->estimate != y->estimate)
    return x->estimate > y->estimate ? -1 : 1;
  return x < y ? -1 : x > y; /* stable: input order */
}

/* --score over many files: the likeliest spun copies first. */
static void print_ranked(struct run *r) {
  struct job **order = xmalloc(r->n * sizeof(*order));
  size_t i;
  for (i = 0; i < r->n; i++)
    order[i] = &r->jobs[i];
  qsort(order, r->n, sizeof(*order), by_estimate);
  for (i = 0; i < r->n; i++) {
    struct job *j = order[i];
    if (j->out.len && fwrite(j->out.buf, 1, j->out.len, stdout) != j->out.len &&
        !r->write_errno)
      r->write_errno = errno;
    strbuf_release(&j->out);
    strbuf_release(&j->err);
  }
  free(order);
}

/*
 * -f html: one page for the run, a section per file checked, in input
 * order; the documents are freed here.
 */
static void write_html_page(struct run *r) {
  unspin_doc **docs = xcalloc(r->n + 1, sizeof(*docs));
  const char **names = xcalloc(r->n + 1, sizeof(*names));
  size_t i, n = 0, len;
  char *page;
  for (i = 0; i < r->n; i++)
    if (r->jobs[i].doc) {
      docs[n] = r->jobs[i].doc;
      names[n++] = display_name(r->jobs[i].in->path);
    }
  if (n) {
    page = unspin_render_html((const unspin_doc *const *)docs, names, n, &len);
    if (fwrite(page, 1, len, stdout) != len && !r->write_errno)
      r->write_errno = errno;
    free(page);
  }
  for (i = 0; i < n; i++)
    unspin_doc_free(docs[i]);
  free(docs);
  free(names);
}

/*
 * Keep freed memory for the next chunk instead of returning it.  A long
 * input is checked in 512 KB chunks, each taking some 20 MB of working
 * memory in blocks of megabytes; glibc serves those with mmap and gives
 * them back on free, so every chunk faulted its memory in afresh (150,000
 * page faults for 20 MB of text in 1 MB chunks): a tenth of the time on
 * one thread and more with -j, where the threads' faults contend in the
 * kernel.  Blocks below 32 MB (glibc's largest threshold) now come from the
 * heap and stay there for reuse; peak memory barely moves (a chunk's blocks
 * are freed before the next chunk's are taken).  A process-wide choice, so
 * the program's, not the library's.
 */
static void tune_malloc(void) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

int main(int argc, char **argv) {
  struct options o;
  struct run r;
  unspin_ctx *ctx;
  unspin_ignore *ignore;
  size_t i;
  int walked;
  tune_malloc();
  parse_options(argc, argv, &o);
  if (o.color < 0)
    o.color = isatty(STDOUT_FILENO);
  if (o.format == UNSPIN_FORMAT_WORD_DIFF && o.color)
    o.format = UNSPIN_FORMAT_WORD_DIFF_COLOR;
  o.html = o.format == UNSPIN_FORMAT_HTML && !o.check && !o.explain &&
           !o.score && !o.jsonl && !o.interactive;
  write_setup_signals();
  ctx = load_ctx(&o);
  ignore = load_ignores(&o);
  memset(&r, 0, sizeof(r));
  r.o = &o;
  r.ctx = ctx;
  r.started = seconds_now();
  r.progress_tty = isatty(STDERR_FILENO);
  r.progress_after = 1.0;
  {
    const char *after = getenv("UNSPIN_PROGRESS_AFTER");
    char *end;
    double v;
    if (after && *after && (v = strtod(after, &end)) >= 0 && !*end)
      r.progress_after = v;
  }
  r.ignore = ignore;
  if (o.jsonl) {
    unspin_check_options copts;
    memset(&copts, 0, sizeof(copts));
    copts.min_confidence = o.min_confidence;
    copts.ignore = ignore;
    for (i = 0; i < o.ninputs && r.status < EXIT_TROUBLE; i++) {
      int st = jsonl_run(ctx, o.inputs[i], &copts, o.jobs);
      if (st > r.status)
        r.status = st;
    }
  } else {
    r.inputs = walk_inputs(o.inputs, o.ninputs, &r.n, &walked);
    if (o.output && r.n != 1)
      usage_error("-o takes one input file, not a directory");
    r.jobs = xcalloc(r.n ? r.n : 1, sizeof(*r.jobs));
    for (i = 0; i < r.n; i++) {
      r.jobs[i].in = &r.inputs[i];
      strbuf_init(&r.jobs[i].out, 0);
      strbuf_init(&r.jobs[i].err, 0);
    }
    r.stream = o.jobs <= 1 || r.n <= 1; /* as jobs_run() then runs */
    jobs_run(r.n, o.jobs, work, emit, progress, &r);
    clear_progress(&r);
    if (o.score && r.n > 1)
      print_ranked(&r);
    if (o.html)
      write_html_page(&r);
    if (r.n > 1 || walked || o.write) {
      fflush(stdout);
      fprintf(stderr, "unspin: %zu file%s, %zu finding%s, %zu fixed", r.files,
              r.files == 1 ? "" : "s", r.findings,
              r.findings == 1 ? "" : "s", r.fixed);
      if (r.skipped)
        fprintf(stderr, ", %zu binary skipped", r.skipped);
      fputc('\n', stderr);
    }
    free(r.jobs);
    free_inputs(r.inputs, r.n);
  }
  unspin_ctx_free(ctx);
  unspin_ignore_free(ignore);
  free(o.inputs);
  free(o.ignores);
  if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
    fprintf(stderr, "unspin: error: writing output failed: %s\n",
            strerror(r.write_errno ? r.write_errno : errno));
    return EXIT_TROUBLE;
  }
  return r.status;
}
