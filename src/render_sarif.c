/*
 * render_sarif.c - SARIF 2.1.0, so code-scanning views show each finding
 * with its fix.  One log per document; columns count code points, which
 * the run declares (SARIF's default would be UTF-16 code units).
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void add_str(struct strbuf *sb, const char *s) {
  strbuf_addch(sb, '"');
  strbuf_add_json(sb, s, strlen(s));
  strbuf_addch(sb, '"');
}

/* End line and column of a finding (spans never cross a line break). */
static unsigned end_column(const unspin_finding *f) {
  return f->col + (unsigned)utf8_count(f->spun, strlen(f->spun));
}

void render_sarif(struct strbuf *sb, const unspin_doc *doc,
                  const char *path) {
  size_t i, j;
  const char **ids = xcalloc(doc->nfindings + 1, sizeof(*ids));
  const char **msgs = xcalloc(doc->nfindings + 1, sizeof(*msgs));
  size_t nids = 0;
  int first = 1;
  for (i = 0; i < doc->nfindings; i++) {
    const unspin_finding *f = &doc->findings[i];
    for (j = 0; j < nids && strcmp(ids[j], f->rule_id); j++)
      ;
    if (j == nids) {
      ids[nids] = f->rule_id;
      msgs[nids++] = f->message;
    }
  }
  strbuf_addstr(sb, "{\n  \"$schema\": "
                    "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                    "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
                    "    \"tool\": {\"driver\": {\"name\": \"unspin\", ");
  strbuf_addf(sb, "\"version\": \"%s\", \"rules\": [",
              unspin_version_string());
  for (j = 0; j < nids; j++) {
    strbuf_addstr(sb, j ? ",\n      {\"id\": " : "\n      {\"id\": ");
    add_str(sb, ids[j]);
    strbuf_addstr(sb, ", \"shortDescription\": {\"text\": ");
    add_str(sb, msgs[j]);
    strbuf_addstr(sb, "}}");
  }
  strbuf_addstr(sb, nids ? "\n    ]}},\n" : "]}},\n");
  strbuf_addstr(sb, "    \"columnKind\": \"unicodeCodePoints\",\n"
                    "    \"results\": [");
  for (i = 0; i < doc->nfindings; i++) {
    const unspin_finding *f = &doc->findings[i];
    if (!doc_finding_applied(doc, f))
      continue;
    strbuf_addstr(sb, first ? "\n      {" : ",\n      {");
    first = 0;
    strbuf_addstr(sb, "\"ruleId\": ");
    add_str(sb, f->rule_id);
    strbuf_addstr(sb, ", \"level\": \"warning\", \"message\": {\"text\": \"'");
    strbuf_add_json(sb, f->spun, strlen(f->spun));
    strbuf_addstr(sb, "' -> '");
    strbuf_add_json(sb, f->replacement, strlen(f->replacement));
    strbuf_addstr(sb, "': ");
    strbuf_add_json(sb, f->message, strlen(f->message));
    strbuf_addstr(sb, "\"},\n        \"locations\": [{\"physicalLocation\": "
                      "{\"artifactLocation\": {\"uri\": ");
    add_str(sb, path);
    strbuf_addf(sb,
                "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
                "\"endLine\": %u, \"endColumn\": %u, \"byteOffset\": %zu, "
                "\"byteLength\": %zu}}}],\n",
                f->line, f->col, f->line, end_column(f), f->start,
                f->end - f->start);
    strbuf_addstr(sb, "        \"fixes\": [{\"description\": {\"text\": "
                      "\"replace with '");
    strbuf_add_json(sb, f->replacement, strlen(f->replacement));
    strbuf_addstr(sb, "'\"}, \"artifactChanges\": [{\"artifactLocation\": "
                      "{\"uri\": ");
    add_str(sb, path);
    strbuf_addf(sb, "}, \"replacements\": [{\"deletedRegion\": "
                    "{\"byteOffset\": %zu, \"byteLength\": %zu}, "
                    "\"insertedContent\": {\"text\": ",
                f->start, f->end - f->start);
    add_str(sb, f->replacement);
    strbuf_addf(sb, "}}]}]}],\n        \"properties\": {\"confidence\": "
                    "%.4f}}",
                f->confidence);
  }
  strbuf_addstr(sb, first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n");
  free(ids);
  free(msgs);
}
