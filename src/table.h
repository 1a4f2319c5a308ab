/*
 * table.h - read a substitution table (dicts/en/README.md has the format)
 * into ctx entries.
 */
#ifndef UNSPIN_TABLE_H
#define UNSPIN_TABLE_H

#include "internal.h"

/* Parse buf[0..len) read from path; entries go into ctx. */
int table_parse(unspin_ctx *ctx, const char *path, const char *buf,
                size_t len, unspin_error *err);


#endif
