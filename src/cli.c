/*
 * cli.c - the unspin program: options, reading files, choosing a renderer,
 * exit status.  The only file that writes to stderr or calls exit().
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "unspin.h"
#include "util.h"

/* Exit status, as diff(1) and grep(1) use it. */
enum exit_status {
  EXIT_CLEAN = 0,    /* nothing found */
  EXIT_FINDINGS = 1, /* findings reported */
  EXIT_TROUBLE = 2   /* usage, I/O, bad data or bad input */
};

#ifndef UNSPIN_DATADIR
#define UNSPIN_DATADIR "/usr/local/share/unspin"
#endif

static const char usage_text[] =
    "usage: unspin [options] [-i FILE]... [FILE...]\n"
    "Find spinner and translation artifacts in article text and propose the "
    "original phrasing.\n"
    "\n"
    "  -i, --input=FILE        read FILE (repeatable; '-' or no file: "
    "standard input)\n"
    "  -o, --output=FILE       write the corrected text to FILE (one input)\n"
    "  -f, --format=FMT        diff (default), word-diff, lines, json, sarif, "
    "text\n"
    "      --color=WHEN        colour word-diff output: auto (default), "
    "always, never\n"
    "      --check             report findings as lines, no text; exit 1 "
    "when any\n"
    "      --score             one line per file: spin estimate and findings\n"
    "      --explain           show the evidence behind each finding\n"
    "      --min-confidence=X  apply findings with confidence >= X "
    "(0..1)\n"
    "      --data-dir=DIR      read dicts/ and rules/ from DIR\n"
    "      --hunspell-dir=DIR  read en_US.aff/.dic from DIR "
    "(default /usr/share/hunspell)\n"
    "      --no-model          do not use the n-gram model\n"
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
    "Exit status: 0 nothing found, 1 findings reported, 2 error.\n";

enum {
  OPT_CHECK = 256,
  OPT_SCORE,
  OPT_EXPLAIN,
  OPT_MIN_CONFIDENCE,
  OPT_DATA_DIR,
  OPT_HUNSPELL_DIR,
  OPT_NO_MODEL,
  OPT_COLOR,
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
    {"color", required_argument, NULL, OPT_COLOR},
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
  int format_given, check, score, explain, no_model;
  int color; /* -1 auto, 0 never, 1 always */
  double min_confidence;
  const char *data_dir, *hunspell_dir;
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

/* Print an error from the library in the one grammar, with caret. */
static void report(const unspin_error *err, const char *path) {
  const char *p = err->path[0] ? err->path : path;
  fputs("unspin: ", stderr);
  if (p && p[0]) {
    fputs(p, stderr);
    if (err->line)
      fprintf(stderr, ":%u:%u", err->line, err->col);
    fputs(": ", stderr);
  }
  fprintf(stderr, "error: %s\n", err->msg);
  if (err->source_line[0]) {
    unsigned i;
    const char *s;
    fputs("    ", stderr);
    for (s = err->source_line; *s; s++)
      fputc((unsigned char)*s < 0x20 && *s != '\t' ? '?' : *s, stderr);
    fputs("\n    ", stderr);
    /* columns count code points; tabs keep their width */
    {
      unsigned col = 1;
      for (s = err->source_line; *s && col < err->col; s++) {
        if (((unsigned char)*s & 0xC0) == 0x80)
          continue;
        fputc(*s == '\t' ? '\t' : ' ', stderr);
        col++;
      }
    }
    for (i = 0; i < (err->caret_len ? err->caret_len : 1); i++)
      fputc('^', stderr);
    fputc('\n', stderr);
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
                 {"sarif", UNSPIN_FORMAT_SARIF}};
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
  while ((c = getopt_long(argc, argv, "i:o:f:hV", long_options, NULL)) !=
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
  if (o->output && o->ninputs > 1)
    usage_error("-o takes one input file");
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
  struct strbuf p = STRBUF_INIT;
  int rc;
  const char *hdir = o->hunspell_dir ? o->hunspell_dir : "/usr/share/hunspell";
  strbuf_addf(&p, "%s/dicts/en/subst.tsv", dir);
  rc = unspin_ctx_load_table(ctx, p.buf, &err);
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/irregular.tsv", dir);
    rc = unspin_ctx_load_irregular(ctx, p.buf, &err);
  }
  if (!rc) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/rules/en", dir);
    rc = unspin_ctx_load_rules_dir(ctx, p.buf, &err);
  }
  if (!rc) {
    struct strbuf q = STRBUF_INIT;
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/en_US.aff", hdir);
    strbuf_addf(&q, "%s/en_US.dic", hdir);
    rc = unspin_ctx_load_hunspell(ctx, p.buf, q.buf, &err);
    strbuf_release(&q);
  }
  if (!rc && !o->no_model) {
    strbuf_reset(&p);
    strbuf_addf(&p, "%s/dicts/en/model.bin", dir);
    rc = unspin_ctx_load_model(ctx, p.buf, &err);
  }
  if (!rc)
    rc = unspin_ctx_prepare(ctx, &err);
  strbuf_release(&p);
  free(dir);
  if (rc) {
    report(&err, NULL);
    unspin_ctx_free(ctx);
    exit(EXIT_TROUBLE);
  }
  return ctx;
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

static char *read_input(const char *path, size_t *len) {
  unspin_error err;
  char *text = unspin_read_file(path, len, &err);
  if (!text)
    fprintf(stderr, "unspin: error: %s\n", err.msg);
  return text;
}

static int write_all(int fd, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    off += (size_t)w;
  }
  return 0;
}

/* Write into what path names when it is no regular file (/dev/null, a
 * FIFO, a terminal): renaming over it would replace the device itself. */
static int write_in_place(const char *path, const char *data, size_t len) {
  int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0 || write_all(fd, data, len) || close(fd)) {
    int saved = errno;
    fprintf(stderr, "unspin: error: cannot write '%s': %s\n", path,
            strerror(saved));
    return -1;
  }
  return 0;
}

/*
 * Write data to path through a temporary file in the same directory and a
 * rename, so path holds either the old content or all of the new.  A
 * symbolic link keeps pointing where it did (the file it names is
 * replaced), an existing file keeps its mode and, where we may, its owner,
 * and a new one gets 0666 less the umask, as any other would.
 */
static int write_atomic(const char *path, const char *data, size_t len) {
  struct strbuf tmp = STRBUF_INIT;
  struct stat st;
  char *real = NULL;
  const char *target = path;
  int fd, saved, exists;
  mode_t mode;
  exists = stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    fprintf(stderr, "unspin: error: cannot write '%s': Is a directory\n",
            path);
    return -1;
  }
  if (exists && !S_ISREG(st.st_mode))
    return write_in_place(path, data, len);
  if (exists) {
    mode = st.st_mode & 07777;
    if ((real = realpath(path, NULL)))
      target = real;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  strbuf_addf(&tmp, "%s.unspin-XXXXXX", target);
  fd = mkstemp(tmp.buf);
  if (fd < 0) {
    fprintf(stderr, "unspin: error: cannot write '%s': %s\n", path,
            strerror(errno));
    strbuf_release(&tmp);
    free(real);
    return -1;
  }
  /* best effort: a file system may refuse modes or owners */
  if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
      fchown(fd, st.st_uid, st.st_gid))
    errno = 0;
  if (fchmod(fd, mode))
    errno = 0;
  if (write_all(fd, data, len))
    goto fail;
  if (fsync(fd) < 0 && errno != EINVAL)
    goto fail;
  if (close(fd) < 0) {
    fd = -1;
    goto fail;
  }
  fd = -1;
  if (rename(tmp.buf, target) < 0)
    goto fail;
  strbuf_release(&tmp);
  free(real);
  return 0;
fail:
  saved = errno;
  if (fd >= 0)
    close(fd);
  unlink(tmp.buf);
  fprintf(stderr, "unspin: error: cannot write '%s': %s\n", path,
          strerror(saved));
  strbuf_release(&tmp);
  free(real);
  return -1;
}

static const char *display_name(const char *path) {
  if (!strcmp(path, "-"))
    return "<stdin>";
  while (path[0] == '.' && path[1] == '/')
    path += 2;
  return path;
}

int main(int argc, char **argv) {
  struct options o;
  unspin_ctx *ctx;
  unspin_ignore *ignore;
  size_t i;
  int status = EXIT_CLEAN, write_errno = 0;
  parse_options(argc, argv, &o);
  if (o.color < 0)
    o.color = isatty(STDOUT_FILENO);
  if (o.format == UNSPIN_FORMAT_WORD_DIFF && o.color)
    o.format = UNSPIN_FORMAT_WORD_DIFF_COLOR;
  ctx = load_ctx(&o);
  ignore = load_ignores(&o);
  for (i = 0; i < o.ninputs; i++) {
    const char *path = o.inputs[i];
    const char *name = display_name(path);
    unspin_check_options copts = {o.min_confidence, o.explain,
                                  UNSPIN_MARKUP_TEXT, NULL};
    unspin_error err;
    unspin_doc *doc;
    size_t len;
    char *text = read_input(path, &len);
    if (!text) {
      status = EXIT_TROUBLE;
      continue;
    }
    copts.markup = o.markup >= 0             ? (enum unspin_markup)o.markup
                   : strcmp(path, "-") ? unspin_markup_for_path(path)
                                       : UNSPIN_MARKUP_TEXT;
    copts.ignore = ignore;
    doc = unspin_check(ctx, text, len, &copts, &err);
    free(text);
    if (!doc) {
      report(&err, name);
      status = EXIT_TROUBLE;
      continue;
    }
    if (unspin_doc_count_applied(doc) && status == EXIT_CLEAN)
      status = EXIT_FINDINGS;
    if (o.score) {
      printf("%s: spin estimate %.3f, %zu findings, %zu words\n", name,
             unspin_doc_spin_estimate(doc), unspin_doc_count_applied(doc),
             unspin_doc_words(doc));
    } else if (o.check || o.explain || !o.output || o.format_given) {
      enum unspin_format fmt =
          o.explain ? UNSPIN_FORMAT_EXPLAIN
                    : o.check ? UNSPIN_FORMAT_LINES : o.format;
      size_t n;
      char *out = unspin_render(doc, fmt, name, &n);
      if (fwrite(out, 1, n, stdout) != n && !write_errno)
        write_errno = errno;
      free(out);
    }
    if (o.output && !o.check) {
      size_t n;
      char *fixed = unspin_doc_apply(doc, &n);
      if (write_atomic(o.output, fixed, n))
        status = EXIT_TROUBLE;
      free(fixed);
    }
    unspin_doc_free(doc);
    /* a closed pipe or a full disk: the rest would go nowhere either
     * (with SIGPIPE ignored; by default SIGPIPE ends us, as it does cat) */
    if (ferror(stdout))
      break;
  }
  unspin_ctx_free(ctx);
  unspin_ignore_free(ignore);
  free(o.inputs);
  free(o.ignores);
  if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
    fprintf(stderr, "unspin: error: writing output failed: %s\n",
            strerror(write_errno ? write_errno : errno));
    return EXIT_TROUBLE;
  }
  return status;
}
