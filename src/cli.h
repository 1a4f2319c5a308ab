/*
 * cli.h - what the parts of the unspin program share: cli.c (options,
 * main), cli_write.c (safe writes), cli_walk.c (files and directories),
 * cli_jobs.c (worker threads, output in input order), cli_jsonl.c
 * (--jsonl).  None of this is the library: these files may print.
 */
#ifndef UNSPIN_CLI_H
#define UNSPIN_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "unspin.h"

/* Exit status, as diff(1) and grep(1) use it. */
enum exit_status {
  EXIT_CLEAN = 0,    /* nothing found */
  EXIT_FINDINGS = 1, /* findings reported */
  EXIT_TROUBLE = 2   /* usage, I/O, bad data or bad input */
};

/* --- cli.c ----------------------------------------------------------- */

/* Append an error from the library in the one grammar, caret included:
 * "unspin: PATH:LINE:COL: error: MSG". */
void report_to(struct strbuf *sb, const unspin_error *err, const char *path);

/* --- cli_write.c ----------------------------------------------------- */

/*
 * Catch SIGINT, SIGTERM, SIGHUP and SIGPIPE-free writes: a signal removes
 * every temporary file still being written, then ends the process as the
 * signal would have.  SIGXFSZ is ignored so that a file size limit is a
 * write error (EFBIG), handled like a full disk.  Call once, early.
 */
void write_setup_signals(void);

/*
 * Replace path's content with data[0..len), atomically: a temporary file
 * in the same directory, written, synced and renamed over the file, so
 * path holds the old content or all of the new, never a mix.  An existing
 * file keeps its mode (and owner where allowed); a symbolic link keeps
 * pointing where it did and the file it names is replaced.  Something
 * that is no regular file (/dev/null, a FIFO) is written in place.
 *
 * expect, when not NULL, is what stat(path) said when the content was
 * read: if path names another file now, or the file changed since, it is
 * left alone and the write fails.  Messages go to err.  Returns 0 or -1.
 */
int write_atomic(const char *path, const char *data, size_t len,
                 const struct stat *expect, struct strbuf *err);

/* --- cli_walk.c ------------------------------------------------------ */

struct input {
  char *path;    /* as given, or DIR/NAME found in a walk; owned */
  int from_walk; /* found in a directory: binary files are skipped */
};

/*
 * Expand the command line's paths into files, in order: a directory is
 * walked recursively in name order, skipping entries whose name starts
 * with '.', symbolic links and anything else that is not a regular file
 * (a link's target is checked where it lives, once).  Paths that cannot be read are kept so the reader reports them.
 * *walked is set when any directory was expanded.  Messages go to stderr.
 */
struct input *walk_inputs(const char *const *paths, size_t npaths, size_t *n,
                          int *walked);
void free_inputs(struct input *in, size_t n);

/* --- cli_jobs.c ------------------------------------------------------ */

/*
 * Run work(arg, i) for i = 0..n-1 on nthreads threads (1: in this thread)
 * and emit(arg, i) in this thread in order of i, each as soon as items
 * 0..i are done.  At most a few items per thread run ahead of the
 * emitted one, so memory stays bounded.  progress(arg, done, n), when not
 * NULL, is called from this thread now and then (at most every 100 ms).
 */
void jobs_run(size_t n, unsigned nthreads, void (*work)(void *, size_t),
              void (*emit)(void *, size_t),
              void (*progress)(void *, size_t, size_t), void *arg);

/* Online CPUs, at least 1. */
unsigned jobs_cpus(void);

/* --- cli_interactive.c ---------------------------------------------- */

/*
 * Show each finding of doc on out and read what to do from in (one line
 * per answer: y, n, e, a, d, q, ?).  choice must have unspin_doc_count()
 * slots; each gets a malloc'd replacement or NULL (keep the text).
 * Returns 1 when the user quit (q, or the end of input), else 0.
 */
int interactive_review(const unspin_doc *doc, const char *name, FILE *in,
                       FILE *out, int color, char **choice);

/* --- cli_jsonl.c ----------------------------------------------------- */

/*
 * --jsonl: read path ("-": stdin) as JSON lines {"id", "text"} and write
 * one result line per record to stdout, in order.  Returns an exit status.
 */
int jsonl_run(const unspin_ctx *ctx, const char *path,
              const unspin_check_options *copts, unsigned nthreads);

#endif
