/*
 * unspin.h - find spinner and translation artifacts in text and propose the
 * original phrasing.
 *
 * This is the only installed header.  Conventions:
 *  - Heap objects come from *_new() or a constructor and go back through
 *    *_free(); *_free(NULL) is a no-op.
 *  - Functions returning int return UNSPIN_OK (0) or an unspin_status; those
 *    returning a pointer return NULL on failure.  Either way *err is filled
 *    when err is not NULL.
 *  - Spans are byte offsets into the checked text; line and column are
 *    1-based, columns count code points.
 *  - A context is read-only once prepared: several threads may check
 *    documents against one prepared context at the same time.  A document
 *    belongs to one thread.
 *  - The library never prints and never exits.
 */
#ifndef UNSPIN_H
#define UNSPIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define UNSPIN_API __attribute__((visibility("default")))
#else
#define UNSPIN_API
#endif

#define UNSPIN_VERSION "0.1.0"

/** The default confidence bar, tuned on the development set for precision. */
#define UNSPIN_DEFAULT_MIN_CONFIDENCE 0.8

/** Rules, dictionaries, hunspell and the n-gram model. */
typedef struct unspin_ctx unspin_ctx;
/** One checked text and its findings. */
typedef struct unspin_doc unspin_doc;

enum unspin_status {
  UNSPIN_OK = 0,
  UNSPIN_ERR_IO,       /* a file could not be read or written */
  UNSPIN_ERR_SYNTAX,   /* a rules or table file is malformed */
  UNSPIN_ERR_UTF8,     /* input is not valid UTF-8 */
  UNSPIN_ERR_ICU,      /* ICU reported a failure */
  UNSPIN_ERR_HUNSPELL, /* the hunspell dictionary could not be used */
  UNSPIN_ERR_MODEL,    /* the n-gram model is corrupt, truncated or old */
  UNSPIN_ERR_ARG,      /* the caller passed something invalid */
  UNSPIN_ERR_INPUT     /* the input is not text (NUL bytes, binary) */
};

/** Error details; caller-owned.  Every API taking one accepts NULL. */
typedef struct unspin_error {
  enum unspin_status code;
  char path[256];     /* file concerned, "" if none */
  unsigned line, col; /* 1-based; 0 = not applicable */
  char msg[256];      /* lowercase, no trailing period */
  char source_line[256]; /* the offending line for syntax errors, or "" */
  unsigned caret_len;    /* width of the ^^^ mark under col, 0 = none */
} unspin_error;

/** One proposed correction. */
typedef struct unspin_finding {
  size_t start, end;       /* byte span of the spun text in the document */
  unsigned line, col;      /* position of start */
  const char *spun;        /* the text as it stands; owned by the doc */
  const char *replacement; /* proposed original, case adapted; doc-owned */
  const char *rule_id;     /* owned by the ctx */
  const char *message;     /* owned by the ctx */
  const char *source;      /* where the pair comes from ("train", "hand",
                              "rule", "thesaurus"); owned by the ctx */
  double confidence;       /* 0..1: probability the replacement is right
                              (calibrated: see unspin_ctx_load_calibration) */
  double channel;          /* prior weight of this substitution, 0..1 */
  double score_spun;       /* log10 model score with the text as it stands */
  double score_orig;       /* log10 model score with the replacement */
  const char *pack;        /* the rule pack of the finding ("news",
                              "academic", "mt"); static storage */
  /* last, so that the fields above keep their offsets: findings are read
   * through unspin_doc_get(), and a program built against the header
   * without it still reads them right (the soname stays) */
  double posterior;        /* 0..1: the context model's own posterior that
                              the text was spun here, before calibration */
} unspin_finding;

/** How unspin_check() reads the text. */
enum unspin_markup {
  UNSPIN_MARKUP_TEXT = 0, /* plain text: every byte is prose */
  UNSPIN_MARKUP_HTML,     /* only prose is checked: not tags, attributes,
                             comments, script/style/pre/code, URLs */
  UNSPIN_MARKUP_MARKDOWN  /* the same for Markdown: not code, link
                             destinations, block markers, raw HTML */
};

/**
 * Phrases whose findings are dropped (an ignore file).  A finding is
 * dropped when its span overlaps an occurrence of a phrase, matched on word
 * boundaries, ignoring case and the difference between ' and U+2019.
 */
typedef struct unspin_ignore unspin_ignore;

/** Options for unspin_check(); zero-initialise, then set what you need. */
typedef struct unspin_check_options {
  double min_confidence; /* findings below are dropped; < 0: the default */
  int keep_all;          /* keep findings below the bar too (for --explain) */
  unsigned threads;      /* check a long text's 512 KB chunks on up to this
                            many threads (0 or 1: the calling thread only);
                            the result is the same either way */
  /*
   * With HTML or Markdown, markup is left out of the check (it is neither
   * context nor a finding) and no finding touches a byte of it; offsets
   * stay offsets into the text as given, and the corrected text keeps the
   * markup byte for byte.  <!-- unspin-disable --> ... <!-- unspin-enable
   * --> leaves a region out (to the end without an enable).
   */
  enum unspin_markup markup;
  /* NULL: none.  Borrowed: read during unspin_check() only. */
  const unspin_ignore *ignore;
} unspin_check_options;

/** Output formats of unspin_render(). */
enum unspin_format {
  UNSPIN_FORMAT_DIFF,  /* unified diff accepted by patch -p1 and git apply */
  UNSPIN_FORMAT_LINES, /* PATH:LINE:COL: RULE: 'spun' -> 'original' */
  UNSPIN_FORMAT_JSON,  /* one JSON object for the document */
  UNSPIN_FORMAT_TEXT,  /* the corrected text */
  UNSPIN_FORMAT_EXPLAIN, /* lines plus the evidence behind each finding */
  UNSPIN_FORMAT_WORD_DIFF,       /* changes inside the line: [-a-]{+b+} */
  UNSPIN_FORMAT_WORD_DIFF_COLOR, /* the same with ANSI colours */
  UNSPIN_FORMAT_SARIF,           /* SARIF 2.1.0 log with fixes */
  UNSPIN_FORMAT_HTML  /* a self-contained HTML review page (inline CSS and
                         script): findings highlighted with alternatives and
                         evidence, accept/reject, the corrected text to copy
                         or download */
};

/** A new, empty context; never NULL (aborts on out of memory). */
UNSPIN_API unspin_ctx *unspin_ctx_new(void);

/**
 * Load a substitution table (TSV, see dicts/en/README.md).  May be called
 * several times before unspin_ctx_prepare().
 */
UNSPIN_API int unspin_ctx_load_table(unspin_ctx *ctx, const char *path,
                                     unspin_error *err);

/** Load a rules file (see rules/en/README.md). */
UNSPIN_API int unspin_ctx_load_rules(unspin_ctx *ctx, const char *path,
                                     unspin_error *err);

/** Load every *.rules file of a directory, in name order. */
UNSPIN_API int unspin_ctx_load_rules_dir(unspin_ctx *ctx, const char *dir,
                                         unspin_error *err);

/**
 * Load the confidence calibration (dicts/en/calibration.tsv): the
 * coefficients that turn the context model's posterior and a few facts of
 * the pair into the confidence a finding reports (src/calibrate.h has the
 * format).  Without one, the confidence is the posterior.  May be loaded
 * at any time; replaces an earlier one.
 */
UNSPIN_API int unspin_ctx_load_calibration(unspin_ctx *ctx, const char *path,
                                           unspin_error *err);

/** Load the irregular inflection table (dicts/en/irregular.tsv). */
UNSPIN_API int unspin_ctx_load_irregular(unspin_ctx *ctx, const char *path,
                                         unspin_error *err);

/**
 * Use a hunspell dictionary to check generated word forms.  Both files
 * must be readable and UTF-8 (or ASCII-compatible ISO-8859-1) encoded.
 */
UNSPIN_API int unspin_ctx_load_hunspell(unspin_ctx *ctx, const char *aff,
                                        const char *dic, unspin_error *err);

/**
 * Load hunspell's answers for the words unspin_ctx_prepare() will ask
 * about (dicts/en/lexicon.tsv, made by `make dicts`), after
 * unspin_ctx_load_hunspell(): hunspell itself, slow to load, is then read
 * only if a word is missing from the cache.
 */
UNSPIN_API int unspin_ctx_load_lexicon_cache(unspin_ctx *ctx,
                                             const char *path,
                                             unspin_error *err);

/**
 * Map the compiled n-gram model (see src/ngram.h for the format).  Its
 * header, sizes, structure and checksum are checked, so a truncated, old or
 * damaged file is UNSPIN_ERR_MODEL, never a crash.
 */
UNSPIN_API int unspin_ctx_load_model(unspin_ctx *ctx, const char *path,
                                     unspin_error *err);

/**
 * Load a rule pack from a data directory: its table and every *.rules file
 * of its rules directory, tagging what it loads with the pack's name.
 *   news      DIR/dicts/en/subst.tsv, DIR/rules/en/
 *   academic  DIR/dicts/academic/tortured.tsv, DIR/rules/academic/
 *   mt        DIR/dicts/mt/calques.tsv, DIR/rules/mt/
 * The irregular forms, hunspell and the model are shared and loaded
 * separately.  UNSPIN_ERR_ARG for an unknown name.
 */
UNSPIN_API int unspin_ctx_load_pack(unspin_ctx *ctx, const char *dir,
                                    const char *name, unspin_error *err);

/** The name of pack i (0 is "news", the default), NULL past the last. */
UNSPIN_API const char *unspin_pack_name(size_t i);

/** How unspin_ctx_load_packs() loads; flags may be or-ed. */
enum unspin_load_flags {
  UNSPIN_LOAD_NO_MODEL = 1 << 0,  /* neither the model nor the calibration */
  UNSPIN_LOAD_NO_CACHE = 1 << 1,  /* prepare from the data, not from
                                     DIR/dicts/prepared/ */
  UNSPIN_LOAD_NEED_MODEL = 1 << 2 /* a missing model.bin is an error, not
                                     "no model" */
};

/**
 * Load everything from a data directory laid out like the repository, as
 * the program does: the packs names[0..n) in that order (see
 * unspin_ctx_load_pack()), DIR/dicts/en/irregular.tsv, the hunspell
 * dictionary from hunspell_dir (NULL: /usr/share/hunspell), and when
 * present DIR/dicts/en/lexicon.tsv, model.bin and calibration.tsv.  On a
 * fresh context (no cache named, nothing loaded yet),
 * DIR/dicts/prepared/NAMES.bin (the names joined by '+', news+mt.bin) is
 * used as a cache (unspin_ctx_use_cache()).  flags: enum
 * unspin_load_flags.  The strings are only read.
 */
UNSPIN_API int unspin_ctx_load_packs(unspin_ctx *ctx, const char *dir,
                                     const char *hunspell_dir,
                                     const char *const *names, size_t n,
                                     unsigned flags, unspin_error *err);

/**
 * unspin_ctx_load_packs() with the news pack alone and no flags.
 */
UNSPIN_API int unspin_ctx_load_default(unspin_ctx *ctx, const char *dir,
                                       const char *hunspell_dir,
                                       unspin_error *err);

/**
 * Expand inflections and compile the match index.  Must be called once,
 * after the last load and before the first check.  With a cache
 * (unspin_ctx_use_cache()) that fits what was loaded, it reads the result
 * instead of computing it; the context is the same either way.
 */
UNSPIN_API int unspin_ctx_prepare(unspin_ctx *ctx, unspin_error *err);

/** What became of a prepared-context cache (unspin_ctx_cache_state()). */
enum unspin_cache_state {
  UNSPIN_CACHE_OFF = 0, /* none named, or not prepared yet */
  UNSPIN_CACHE_USED,    /* prepare read it */
  UNSPIN_CACHE_MISSING, /* no such file: prepared from the sources */
  UNSPIN_CACHE_STALE,   /* made from other data or by other code: ditto */
  UNSPIN_CACHE_CORRUPT  /* damaged (the error says how): ditto */
};

/**
 * Have unspin_ctx_prepare() try the prepared-context cache at path (made
 * by unspin_ctx_write_cache(); `make` writes dicts/prepared/PACKS.bin).
 * Call it before the first load (UNSPIN_ERR_ARG otherwise, and after
 * prepare): the cache is keyed by a fingerprint of every file loaded after
 * it (and of the library's code), and the loads then only read those
 * files; unspin_ctx_prepare() parses what it needs (the rules alone when
 * the cache fits, everything when it does not), so errors in the files
 * come from it.  A missing, stale or damaged cache is never an error:
 * prepare computes the context from the sources, as without one.
 */
UNSPIN_API int unspin_ctx_use_cache(unspin_ctx *ctx, const char *path,
                                    unspin_error *err);

/**
 * An enum unspin_cache_state for the last prepare; for UNSPIN_CACHE_CORRUPT,
 * *err (when not NULL) gets the file and what is wrong with it.
 */
UNSPIN_API int unspin_ctx_cache_state(const unspin_ctx *ctx,
                                      unspin_error *err);

/**
 * Write the prepared context's cache to path, atomically, for contexts
 * loaded the same way.  UNSPIN_ERR_ARG when ctx is not prepared, when the
 * library was built without a code hash, or when hunspell had to be asked
 * about a word form the lexicon cache lacks (its answers would then depend
 * on the installed dictionary); UNSPIN_ERR_IO when writing fails.
 */
UNSPIN_API int unspin_ctx_write_cache(const unspin_ctx *ctx, const char *path,
                                      unspin_error *err);

/** Number of match entries after prepare (all inflected forms). */
UNSPIN_API size_t unspin_ctx_entry_count(const unspin_ctx *ctx);

UNSPIN_API void unspin_ctx_free(unspin_ctx *ctx);

/**
 * Check len bytes of text.  The text is copied; it may contain a UTF-8 BOM
 * and any line endings.  Returns NULL with UNSPIN_ERR_UTF8 (and the
 * position in err) when the text is not valid UTF-8.  opts may be NULL.
 */
UNSPIN_API unspin_doc *unspin_check(const unspin_ctx *ctx, const char *text,
                                    size_t len,
                                    const unspin_check_options *opts,
                                    unspin_error *err);

/**
 * unspin_check() without the copy, for long inputs: the doc takes text
 * (malloc'd, with text[len] == '\0', as unspin_read_file() returns it)
 * and frees it with itself; on error it is freed at once.  Peak memory is
 * then one copy of the input, not two.
 */
UNSPIN_API unspin_doc *unspin_check_buffer(const unspin_ctx *ctx, char *text,
                                           size_t len,
                                           const unspin_check_options *opts,
                                           unspin_error *err);

/**
 * Check a file ("-": standard input) as unspin_check_buffer() checks what
 * unspin_read_file() returns, with the same results and errors, but
 * without reading it into memory: a regular file is mapped, and the pages
 * already checked (and, when rendering, already written out) are given
 * back to the system, so the memory a long file takes stays near that of
 * its findings.  The file must not be truncated or rewritten in place
 * while the doc lives (the system may then end the process with SIGBUS);
 * replacing it with rename(), as -w does, is safe.  Other files and
 * standard input are read.
 */
UNSPIN_API unspin_doc *unspin_check_file(const unspin_ctx *ctx,
                                         const char *path,
                                         const unspin_check_options *opts,
                                         unspin_error *err);

/** Findings, in text order, never overlapping. */
UNSPIN_API size_t unspin_doc_count(const unspin_doc *doc);
UNSPIN_API const unspin_finding *unspin_doc_get(const unspin_doc *doc,
                                                size_t i);

/** Findings at or above the confidence bar (those unspin_doc_apply uses). */
UNSPIN_API size_t unspin_doc_count_applied(const unspin_doc *doc);

/** The document's estimated share of spun candidate sites, 0..1. */
UNSPIN_API double unspin_doc_spin_estimate(const unspin_doc *doc);

/** The number of words in the document. */
UNSPIN_API size_t unspin_doc_words(const unspin_doc *doc);

/** The checked text (the doc's own copy) and its length. */
UNSPIN_API const char *unspin_doc_text(const unspin_doc *doc, size_t *len);

/**
 * The corrected text: the input with every applied finding replaced and
 * every other byte unchanged.  Caller free()s; *len gets the length.
 */
UNSPIN_API char *unspin_doc_apply(const unspin_doc *doc, size_t *len);

/**
 * The input with the findings the caller chose replaced: replacements has
 * one entry per finding (unspin_doc_count()); NULL keeps the spun text, a
 * string (caller-owned, UTF-8) replaces it.  For review tools such as
 * --interactive.  Caller free()s the result; *len gets the length.
 */
UNSPIN_API char *unspin_doc_apply_choices(const unspin_doc *doc,
                                          const char *const *replacements,
                                          size_t *len);

/**
 * Render the document in a format.  display_path names the file in the
 * output ("a/PATH" in diffs).  Caller free()s; *len gets the length.
 */
UNSPIN_API char *unspin_render(const unspin_doc *doc, enum unspin_format fmt,
                               const char *display_path, size_t *len);

/**
 * unspin_render() without the whole output in memory at once: it goes to
 * write(user, buf, len) in pieces as it is made (for a diff, the lines
 * format and the corrected text, some 64 KB at a time; the other formats
 * in one piece), the same bytes in the same order.  buf is the library's
 * and only valid during the call.  write returns 0 to go on; anything else
 * stops the writing, and unspin_render_to() returns that value (0 when
 * every piece was taken).
 */
UNSPIN_API int unspin_render_to(const unspin_doc *doc, enum unspin_format fmt,
                                const char *display_path,
                                int (*write)(void *user, const char *buf,
                                             size_t len),
                                void *user);

/**
 * One line of JSON-lines output (--jsonl): {"id": ID, "text": the corrected
 * text, "words", "spin_estimate", "findings": [...]} and a newline.  id_json
 * is echoed as is and must be one valid JSON value (id_len 0: null).
 * Caller free()s; *len gets the length.
 */
UNSPIN_API char *unspin_render_record(const unspin_doc *doc,
                                      const char *id_json, size_t id_len,
                                      size_t *len);

/**
 * One HTML review page (UNSPIN_FORMAT_HTML) for n documents, a section
 * each, in order.  paths[i] names docs[i] (NULL: "<stdin>").  The arrays
 * are the caller's and only read.  Caller free()s; *len gets the length.
 */
UNSPIN_API char *unspin_render_html(const unspin_doc *const *docs,
                                    const char *const *paths, size_t n,
                                    size_t *len);

UNSPIN_API void unspin_doc_free(unspin_doc *doc);

/**
 * Read a whole file, or standard input when path is "-", into a malloc'd
 * NUL-terminated buffer (caller free()s); *len gets its length.  Reading
 * stops after a chunk holding a NUL byte: such input is binary, and
 * unspin_check() reports the first bad byte, which is in what was read.
 * NULL with UNSPIN_ERR_IO on failure.
 */
UNSPIN_API char *unspin_read_file(const char *path, size_t *len,
                                  unspin_error *err);

/**
 * The markup a file name suggests: .html, .htm, .xhtml -> HTML, .md,
 * .markdown -> Markdown (any case), anything else (or NULL) -> text.
 */
UNSPIN_API enum unspin_markup unspin_markup_for_path(const char *path);

/** A new, empty phrase set; never NULL (aborts on out of memory). */
UNSPIN_API unspin_ignore *unspin_ignore_new(void);

/**
 * Add one phrase (len bytes of UTF-8; copied).  UNSPIN_ERR_ARG when it is
 * not valid UTF-8 or holds no word; UNSPIN_ERR_ICU when it cannot be
 * segmented.
 */
UNSPIN_API int unspin_ignore_add(unspin_ignore *ig, const char *phrase,
                                 size_t len, unspin_error *err);

/**
 * Add the phrases of an ignore file: one phrase a line, leading and
 * trailing white space removed, blank lines and lines starting with '#'
 * skipped.  UNSPIN_ERR_IO when it cannot be read; UNSPIN_ERR_SYNTAX with
 * the path, line and column (and the source line) when a line is bad (not
 * UTF-8, a NUL byte, no word, too many words).  Phrases added before a
 * failure stay.
 */
UNSPIN_API int unspin_ignore_load(unspin_ignore *ig, const char *path,
                                  unspin_error *err);

/** Number of phrases. */
UNSPIN_API size_t unspin_ignore_count(const unspin_ignore *ig);

UNSPIN_API void unspin_ignore_free(unspin_ignore *ig);

/** "0.1.0" */
UNSPIN_API const char *unspin_version_string(void);

#ifdef __cplusplus
}
#endif
#endif
