/*
 * render_lines.c - one line per finding, GNU style so editors can jump:
 * PATH:LINE:COL: RULE-ID: 'spun' -> 'original'.  With explain, the evidence
 * follows each line, indented.
 */
#include "render.h"

void render_lines(struct strbuf *sb, const unspin_doc *doc, const char *path,
                  int explain, struct render_sink *sink) {
  size_t i;
  for (i = 0; i < doc->nfindings; i++) {
    const unspin_finding *f = &doc->findings[i];
    render_add_clean(sb, path);
    strbuf_addf(sb, ":%u:%u: %s: '", f->line, f->col, f->rule_id);
    render_add_clean(sb, f->spun);
    strbuf_addstr(sb, "' -> '");
    render_add_clean(sb, f->replacement);
    strbuf_addstr(sb, "'\n");
    if (explain) {
      strbuf_addf(sb, "    %s; confidence %.3f%s\n", f->message,
                  f->confidence,
                  doc_finding_applied(doc, f) ? ""
                                              : " (below the bar, not applied)");
      strbuf_addf(sb,
                  "    model posterior %.3f, channel weight %.3f (source %s)\n",
                  f->posterior, f->channel, f->source);
      if (f->score_spun != 0 || f->score_orig != 0)
        strbuf_addf(sb,
                    "    model log10 score: as written %.2f, replaced %.2f "
                    "(difference %+.2f)\n",
                    f->score_spun, f->score_orig,
                    f->score_orig - f->score_spun);
      strbuf_addf(sb, "    document spin estimate %.3f\n",
                  doc->spin_estimate);
    }
    render_flush(sb, sink);
  }
}
