/* test_rules.c - the rules parser (the compiled rule, and every syntax error
 * pinned with message, position, source line and caret) and the context
 * conditions of rules_context_ok(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "rules.h"
#include "strbuf.h"

#define PATH "rules/test.rules"

/* Parse text into a fresh ctx; returns the status, the ctx in *out. */
static int parse(const char *text, unspin_ctx **out, unspin_error *err) {
  memset(err, 0, sizeof(*err));
  *out = unspin_ctx_new();
  return rules_parse(*out, PATH, text, strlen(text), err);
}

static void test_valid_rule(void **state) {
  static const char text[] =
      "# a comment, then a blank line\n"
      "\n"
      "rule EN-TEST-COURSE\n"
      "  message  'course of' is a spun 'process'\n"
      "  # comments may sit inside a rule\n"
      "  pattern  <s> !the [ Course|PATH of ] is|Was .\n"
      "\treplace\tprocess\n"
      "  confidence 0.75\n"
      "  fires    The course of was done. => The process was done.\n"
      "  quiet    In the course of time.\n"
      "  quiet    Of course of is odd\n";
  unspin_ctx *ctx;
  unspin_error err;
  const struct rule *r;
  (void)state;
  assert_int_equal(parse(text, &ctx, &err), UNSPIN_OK);
  assert_int_equal(err.code, UNSPIN_OK);
  assert_int_equal(ctx->nrules, 1);
  r = ctx->rules[0];
  assert_string_equal(r->id, "EN-TEST-COURSE");
  assert_string_equal(r->message, "'course of' is a spun 'process'");
  assert_string_equal(r->path, PATH);
  assert_int_equal(r->line, 3);
  /* left conditions nearest first: !the, then <s> */
  assert_int_equal(r->nleft, 2);
  assert_int_equal(r->left[0].kind, COND_WORDS);
  assert_int_equal(r->left[0].negate, 1);
  assert_int_equal(r->left[0].nwords, 1);
  assert_string_equal(r->left[0].words[0], "the");
  assert_int_equal(r->left[1].kind, COND_BOUNDARY);
  assert_int_equal(r->left[1].negate, 0);
  /* right conditions nearest first; words are normalised */
  assert_int_equal(r->nright, 2);
  assert_int_equal(r->right[0].kind, COND_WORDS);
  assert_int_equal(r->right[0].negate, 0);
  assert_int_equal(r->right[0].nwords, 2);
  assert_string_equal(r->right[0].words[0], "is");
  assert_string_equal(r->right[0].words[1], "was");
  assert_int_equal(r->right[1].kind, COND_WORDS);
  assert_int_equal(r->right[1].nwords, 1);
  assert_string_equal(r->right[1].words[0], ".");
  /* examples in file order, with their lines */
  assert_int_equal(r->nexamples, 3);
  assert_string_equal(r->examples[0].text, "The course of was done.");
  assert_string_equal(r->examples[0].expect, "The process was done.");
  assert_int_equal(r->examples[0].line, 9);
  assert_string_equal(r->examples[1].text, "In the course of time.");
  assert_null(r->examples[1].expect);
  assert_int_equal(r->examples[1].line, 10);
  assert_string_equal(r->examples[2].text, "Of course of is odd");
  assert_null(r->examples[2].expect);
  /* one entry per combination of the bracketed alternatives */
  assert_int_equal(ctx->nentries, 3);
  assert_string_equal(ctx->entries[1].spun, "course of");
  assert_string_equal(ctx->entries[2].spun, "path of");
  {
    size_t i;
    for (i = 1; i <= 2; i++) {
      const struct entry *e = &ctx->entries[i];
      assert_string_equal(e->original, "process");
      assert_string_equal(e->source, "rule");
      assert_string_equal(e->rule_id, "EN-TEST-COURSE");
      assert_ptr_equal(e->message, r->message);
      assert_ptr_equal(e->rule, r);
      assert_int_equal(e->cls, ENTRY_RULE);
      assert_float_equal(e->weight, 0.75, 1e-6);
    }
  }
  unspin_ctx_free(ctx);
}

static void test_several_rules_crlf(void **state) {
  static const char text[] =
      "rule R-ONE\r\n"
      "  message m1\r\n"
      "  pattern [ a|b ] [ c|d ]x\r\n"; /* "[ c|d ]x": never valid, below */
  static const char good[] =
      "rule R-ONE\r\n"
      "  message first\r\n"
      "  pattern @NUM [ a|b c|d ] *ing @CAP @WORD @PUNCT * </s>\r\n"
      "  replace x y\r\n"
      "  fires 3 a c going => 3 x y going\r\n"
      "  quiet a c\r\n"
      "\r\n"
      "rule R_two\r\n"
      "  message second\r\n"
      "  pattern [ alone ]\r\n"
      "  replace single\r\n"
      "  fires alone => single\r\n"
      "  quiet none";
  unspin_ctx *ctx;
  unspin_error err;
  const struct rule *r;
  (void)state;
  assert_int_equal(parse(text, &ctx, &err), UNSPIN_ERR_SYNTAX);
  unspin_ctx_free(ctx);

  assert_int_equal(parse(good, &ctx, &err), UNSPIN_OK);
  assert_int_equal(ctx->nrules, 2);
  r = ctx->rules[0];
  assert_string_equal(r->message, "first"); /* no '\r' kept */
  assert_int_equal(r->nleft, 1);
  assert_int_equal(r->left[0].kind, COND_WORDS);
  assert_int_equal(r->left[0].classes, CLASS_NUM);
  assert_int_equal(r->left[0].nwords, 0);
  assert_int_equal(r->nright, 6);
  assert_int_equal(r->right[0].kind, COND_SUFFIX);
  assert_int_equal(r->right[0].nwords, 1);
  assert_string_equal(r->right[0].words[0], "ing");
  assert_int_equal(r->right[1].kind, COND_WORDS);
  assert_int_equal(r->right[1].classes, CLASS_CAP);
  assert_int_equal(r->right[2].classes, CLASS_WORD);
  assert_int_equal(r->right[3].classes, CLASS_PUNCT);
  /* classes and words mix in one condition */
  assert_int_equal(r->right[4].kind, COND_ANY);
  assert_int_equal(r->right[5].kind, COND_BOUNDARY);
  assert_string_equal(r->examples[0].expect, "3 x y going");
  assert_string_equal(r->examples[1].text, "a c");
  /* 2 x 2 combinations, then the second rule's one */
  assert_int_equal(ctx->nentries, 6);
  assert_string_equal(ctx->entries[1].spun, "a c");
  assert_string_equal(ctx->entries[2].spun, "a d");
  assert_string_equal(ctx->entries[3].spun, "b c");
  assert_string_equal(ctx->entries[4].spun, "b d");
  assert_string_equal(ctx->entries[1].original, "x y");
  /* the default confidence */
  assert_float_equal(ctx->entries[1].weight, 0.9, 1e-6);
  r = ctx->rules[1];
  assert_string_equal(r->id, "R_two");
  assert_int_equal(r->line, 8);
  assert_int_equal(r->nleft, 0);
  assert_int_equal(r->nright, 0);
  assert_string_equal(r->examples[1].text, "none"); /* last line, no '\n' */
  assert_string_equal(ctx->entries[5].spun, "alone");
  assert_ptr_equal(ctx->entries[5].rule, r);
  unspin_ctx_free(ctx);
}

static void test_empty_input(void **state) {
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  assert_int_equal(parse("", &ctx, &err), UNSPIN_OK);
  assert_int_equal(ctx->nrules, 0);
  unspin_ctx_free(ctx);
  assert_int_equal(parse("# only a comment\n\n   \n", &ctx, &err), UNSPIN_OK);
  assert_int_equal(ctx->nrules, 0);
  assert_int_equal(ctx->nentries, 1);
  unspin_ctx_free(ctx);
}

/* A complete rule with one line replaced: BODY goes after "rule R-X". */
#define HEAD "rule R-X\n"
#define MSG "  message m\n"
#define PAT "  pattern [ course of ] was\n"
#define REP "  replace process\n"
#define FIRES "  fires course of was => process was\n"
#define QUIET "  quiet the course of\n"

struct bad {
  const char *text;
  unsigned line, col;
  const char *msg;
  const char *source; /* the source line shown */
  unsigned caret;
};

static void check_bad(const struct bad *b) {
  unspin_ctx *ctx;
  unspin_error err;
  int rc = parse(b->text, &ctx, &err);
  unspin_ctx_free(ctx);
  if (rc != UNSPIN_ERR_SYNTAX || err.code != UNSPIN_ERR_SYNTAX ||
      strcmp(err.path, PATH) || err.line != b->line || err.col != b->col ||
      strcmp(err.msg, b->msg) || strcmp(err.source_line, b->source) ||
      err.caret_len != b->caret)
    fail_msg("for:\n%s\ngot      rc=%d code=%d %s:%u:%u: %s [%s] caret %u\n"
             "expected rc=%d %s:%u:%u: %s [%s] caret %u",
             b->text, rc, (int)err.code, err.path, err.line, err.col, err.msg,
             err.source_line, err.caret_len, UNSPIN_ERR_SYNTAX, PATH, b->line,
             b->col, b->msg, b->source, b->caret);
}

static void check_all(const struct bad *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    check_bad(&b[i]);
}
#define CHECK_ALL(arr) check_all(arr, sizeof(arr) / sizeof(arr[0]))

static void test_err_directives(void **state) {
  static const struct bad b[] = {
      {HEAD MSG "  replce process\n" PAT REP FIRES QUIET, 3, 3,
       "unknown directive 'replce'", "  replce process", 6},
      /* unknown even without a value */
      {HEAD "  frobnicate\n", 2, 3, "unknown directive 'frobnicate'",
       "  frobnicate", 10},
      /* control characters in a subject do not reach the message */
      {HEAD "  mess\x01ge m\n", 2, 3, "unknown directive 'mess?ge'",
       "  mess\x01ge m", 7},
      {"# leading comment\n  message hello\n", 2, 3,
       "directive outside a rule", "  message hello", 7},
      {"\n\tpattern [ x ]\n" HEAD, 2, 2, "directive outside a rule",
       "\tpattern [ x ]", 7},
      {HEAD "  message\n", 2, 10, "missing value for 'message'", "  message",
       1},
      {HEAD "  replace   \n", 2, 10, "missing value for 'replace'",
       "  replace   ", 1},
      {"Rule R-X\n", 1, 1, "expected 'rule ID' at the start of a line",
       "Rule R-X", 4},
      {"message hi\n", 1, 1, "expected 'rule ID' at the start of a line",
       "message hi", 7},
      {"rule\n", 1, 5, "missing rule id", "rule", 1},
      {"rule R-X!\n", 1, 9, "unexpected text after rule id", "rule R-X!", 1},
      {"rule R-X extra\n", 1, 9, "unexpected text after rule id",
       "rule R-X extra", 6},
      {HEAD MSG PAT "  pattern [ other ]\n", 4, 3, "second pattern in rule",
       "  pattern [ other ]", 7},
  };
  (void)state;
  CHECK_ALL(b);
}

static void test_err_pattern_brackets(void **state) {
  static const struct bad b[] = {
      /* missing '[': the whole pattern is marked */
      {HEAD MSG "  pattern course of was\n", 3, 11,
       "pattern needs the replaced words in [ ]",
       "  pattern course of was", 13},
      /* brackets must stand alone */
      {HEAD MSG "  pattern [course of] was\n", 3, 11,
       "pattern needs the replaced words in [ ]",
       "  pattern [course of] was", 15},
      {HEAD MSG "  pattern course ] of\n", 3, 18, "']' without '['",
       "  pattern course ] of", 1},
      {HEAD MSG "  pattern [ course ] of ]\n", 3, 25, "']' without '['",
       "  pattern [ course ] of ]", 1},
      {HEAD MSG "  pattern was [ course of\n", 3, 15, "'[' without ']'",
       "  pattern was [ course of", 1},
      {HEAD MSG "  pattern [ a ] [ b ]\n", 3, 17, "second '[' in pattern",
       "  pattern [ a ] [ b ]", 1},
      {HEAD MSG "  pattern x [ ] y\n", 3, 13, "empty [ ] in pattern",
       "  pattern x [ ] y", 1},
      {HEAD MSG "  pattern [ a b c d e f g h i ]\n", 3, 11,
       "too many words in [ ]", "  pattern [ a b c d e f g h i ]", 1},
  };
  (void)state;
  CHECK_ALL(b);
}

static void test_err_pattern_conditions(void **state) {
  static const struct bad b[] = {
      {HEAD MSG "  pattern [ course @NUM ]\n", 3, 20,
       "the part in [ ] must be words (a|b), not '@NUM'",
       "  pattern [ course @NUM ]", 4},
      {HEAD MSG "  pattern [ !the course ]\n", 3, 13,
       "the part in [ ] must be words (a|b), not '!the'",
       "  pattern [ !the course ]", 4},
      {HEAD MSG "  pattern [ course *ing ]\n", 3, 20,
       "the part in [ ] must be words (a|b), not '*ing'",
       "  pattern [ course *ing ]", 4},
      {HEAD MSG "  pattern [ * ]\n", 3, 13,
       "the part in [ ] must be words (a|b), not '*'", "  pattern [ * ]", 1},
      {HEAD MSG "  pattern [ <s> x ]\n", 3, 13,
       "the part in [ ] must be words (a|b), not '<s>'",
       "  pattern [ <s> x ]", 3},
      {HEAD MSG "  pattern [ course ] @NOUN\n", 3, 22,
       "unknown word class '@NOUN'", "  pattern [ course ] @NOUN", 5},
      /* after '!', the class itself is marked */
      {HEAD MSG "  pattern !@num [ course ]\n", 3, 12,
       "unknown word class '@num'", "  pattern !@num [ course ]", 4},
      {HEAD MSG "  pattern [ x ] *@NUM\n", 3, 18,
       "a word class cannot follow '*'", "  pattern [ x ] *@NUM", 4},
      {HEAD MSG "  pattern [ x ] a|@CAP|@NONE|b\n", 3, 24,
       "unknown word class '@NONE'", "  pattern [ x ] a|@CAP|@NONE|b", 5},
      {HEAD MSG "  pattern [ a|@CAP ]\n", 3, 13,
       "the part in [ ] must be words (a|b), not 'a|@CAP'",
       "  pattern [ a|@CAP ]", 6},
      {HEAD MSG "  pattern ! [ course ]\n", 3, 11, "empty condition",
       "  pattern ! [ course ]", 1},
      {HEAD MSG "  pattern [ course|| ]\n", 3, 20, "empty alternative",
       "  pattern [ course|| ]", 1},
      {HEAD MSG "  pattern [ x ] a|\n", 3, 19, "empty alternative",
       "  pattern [ x ] a|", 1},
      /* columns count code points: é is one column, two bytes */
      {HEAD MSG "  pattern caf\xc3\xa9 [ x ] @F\xc3\xa9\n", 3, 22,
       "unknown word class '@F\xc3\xa9'",
       "  pattern caf\xc3\xa9 [ x ] @F\xc3\xa9", 3},
  };
  (void)state;
  CHECK_ALL(b);
}

static void test_err_confidence(void **state) {
  static const struct bad b[] = {
      {HEAD "  confidence 1.5\n", 2, 14,
       "confidence must be a number in (0, 1]", "  confidence 1.5", 3},
      {HEAD "  confidence 0\n", 2, 14, "confidence must be a number in (0, 1]",
       "  confidence 0", 1},
      {HEAD "  confidence -0.5\n", 2, 14,
       "confidence must be a number in (0, 1]", "  confidence -0.5", 4},
      {HEAD "  confidence high\n", 2, 14,
       "confidence must be a number in (0, 1]", "  confidence high", 4},
      {HEAD "  confidence 0.5x\n", 2, 14,
       "confidence must be a number in (0, 1]", "  confidence 0.5x", 4},
  };
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  CHECK_ALL(b);
  /* the edges of (0, 1] */
  assert_int_equal(parse(HEAD MSG PAT REP "  confidence 1\n" FIRES QUIET, &ctx,
                         &err),
                   UNSPIN_OK);
  assert_float_equal(ctx->entries[1].weight, 1.0, 1e-9);
  unspin_ctx_free(ctx);
  assert_int_equal(parse(HEAD MSG PAT REP "  confidence 0.001\n" FIRES QUIET,
                         &ctx, &err),
                   UNSPIN_OK);
  unspin_ctx_free(ctx);
}

/* "prior": whose prior the confidence is; document makes the rule's
 * entries table-like ctx entries, which the document's estimate scales */
static void test_prior(void **state) {
  static const struct bad b[] = {
      {HEAD "  prior doc\n", 2, 9, "prior must be 'own' or 'document'",
       "  prior doc", 3},
      {HEAD "  prior document now\n", 2, 9,
       "prior must be 'own' or 'document'", "  prior document now", 12},
  };
  unspin_ctx *ctx;
  unspin_error err;
  (void)state;
  CHECK_ALL(b);
  assert_int_equal(parse(HEAD MSG PAT REP FIRES QUIET, &ctx, &err), UNSPIN_OK);
  assert_int_equal(ctx->entries[1].cls, ENTRY_RULE);
  unspin_ctx_free(ctx);
  assert_int_equal(
      parse(HEAD MSG PAT REP "  prior own\n" FIRES QUIET, &ctx, &err),
      UNSPIN_OK);
  assert_int_equal(ctx->entries[1].cls, ENTRY_RULE);
  unspin_ctx_free(ctx);
  assert_int_equal(
      parse(HEAD MSG PAT REP "  prior document\n" FIRES QUIET, &ctx, &err),
      UNSPIN_OK);
  assert_int_equal(ctx->entries[1].cls, ENTRY_CTX);
  assert_non_null(ctx->entries[1].rule);
  unspin_ctx_free(ctx);
}

static void test_err_examples(void **state) {
  static const struct bad b[] = {
      {HEAD MSG PAT REP FIRES, 1, 1,
       "rule 'R-X' needs a 'fires' and a 'quiet' example", "rule R-X", 4},
      {HEAD MSG PAT REP QUIET, 1, 1,
       "rule 'R-X' needs a 'fires' and a 'quiet' example", "rule R-X", 4},
      /* reported against the rule that lacks it, even when the next one
       * has started */
      {"# c\n" HEAD MSG PAT REP QUIET "\nrule R-Y\n" MSG, 2, 1,
       "rule 'R-X' needs a 'fires' and a 'quiet' example", "rule R-X", 4},
      {HEAD MSG PAT REP "  fires course of was\n" QUIET, 5, 9,
       "'fires' needs 'TEXT => CORRECTED TEXT'", "  fires course of was", 13},
      {HEAD MSG PAT REP "  fires a=>b\n" QUIET, 5, 9,
       "'fires' needs 'TEXT => CORRECTED TEXT'", "  fires a=>b", 4},
      {HEAD MSG PAT REP FIRES "  quiet a => b\n", 6, 11,
       "'quiet' takes no '=>'", "  quiet a => b", 2},
  };
  (void)state;
  CHECK_ALL(b);
}

static void test_err_missing_parts(void **state) {
  static const struct bad b[] = {
      {HEAD PAT REP FIRES QUIET, 1, 1, "rule 'R-X' has no message",
       "rule R-X", 4},
      {HEAD MSG REP FIRES QUIET, 1, 1, "rule 'R-X' has no pattern",
       "rule R-X", 4},
      {HEAD MSG PAT FIRES QUIET, 1, 1, "rule 'R-X' has no replace",
       "rule R-X", 4},
      /* the second rule of a file, at the end of input */
      {HEAD MSG PAT REP FIRES QUIET "\n# next\nrule R-Y\n" MSG REP FIRES QUIET,
       9, 1, "rule 'R-Y' has no pattern", "rule R-Y", 4},
      /* a bad rule stops the parse before the next rule is looked at */
      {HEAD MSG PAT FIRES QUIET "rule R-Y\n" MSG PAT REP FIRES QUIET, 1, 1,
       "rule 'R-X' has no replace", "rule R-X", 4},
  };
  (void)state;
  CHECK_ALL(b);
}

/* --- rules_context_ok ---------------------------------------------------- */

/* Count tokens of s, as the matcher sees them. */
static size_t ntokens(const char *s) {
  struct tokens t = {0};
  size_t n;
  assert_int_equal(tokenize(s, strlen(s), &t, NULL), UNSPIN_OK);
  n = t.n;
  tokens_release(&t);
  return n;
}

/*
 * Does a rule with this pattern accept the match of core in sentence?  The
 * match is the nth occurrence (0-based) of core's first word, compared
 * case-insensitively, and spans as many tokens as core has.
 */
static int context_nth(const char *pattern, const char *sentence,
                       const char *core, int nth) {
  struct strbuf rule = STRBUF_INIT;
  unspin_ctx *ctx;
  unspin_error err;
  struct tokens toks = {0};
  size_t i, n = ntokens(core), first_len;
  int rc = -1;
  const char *sp = strchr(core, ' ');
  first_len = sp ? (size_t)(sp - core) : strlen(core);
  strbuf_addf(&rule,
              "rule T\n  message m\n  pattern %s\n  replace r\n"
              "  fires a => b\n  quiet c\n",
              pattern);
  ctx = unspin_ctx_new();
  if (rules_parse(ctx, PATH, rule.buf, rule.len, &err))
    fail_msg("pattern '%s': %s", pattern, err.msg);
  assert_int_equal(ctx->nrules, 1);
  assert_int_equal(tokenize(sentence, strlen(sentence), &toks, &err),
                   UNSPIN_OK);
  for (i = 0; i < toks.n; i++) {
    const struct token *t = &toks.v[i];
    if (t->end - t->start == first_len &&
        !strncasecmp(sentence + t->start, core, first_len) && nth-- == 0) {
      assert_true(i + n <= toks.n);
      rc = rules_context_ok(ctx->rules[0], sentence, &toks, i, i + n);
      break;
    }
  }
  if (rc < 0)
    fail_msg("'%s' not in '%s'", core, sentence);
  tokens_release(&toks);
  strbuf_release(&rule);
  unspin_ctx_free(ctx);
  return rc;
}
#define context(p, s, c) context_nth(p, s, c, 0)

static void test_ctx_words_and_negation(void **state) {
  static const char pat[] = "!the [ course of ] is|was";
  (void)state;
  assert_true(context(pat, "The withdrawal course of was complete.",
                      "course of"));
  assert_true(context(pat, "The withdrawal course of IS complete.",
                      "course of"));
  /* right word wrong */
  assert_false(context(pat, "A course of action.", "course of"));
  /* left word is the negated one, in any case */
  assert_false(context(pat, "In the course of was it.", "course of"));
  assert_false(context(pat, "In THE course of was it.", "course of"));
  /* a negated condition holds at the start of the sentence */
  assert_true(context(pat, "Course of was slow.", "course of"));
  assert_true(context(pat, "It ended. Course of was slow.", "course of"));
  /* a positive one does not hold at the end of the text */
  assert_false(context(pat, "It was the withdrawal course of", "course of"));
  /* curly apostrophes match straight ones */
  assert_true(context("[ again ] don't", "Push again don\xe2\x80\x99t.",
                      "again"));
}

static void test_ctx_two_sided_distance(void **state) {
  /* conditions further out: left[1] is two tokens before the match */
  static const char pat[] = "push|pushed * [ again ] the *";
  (void)state;
  assert_true(context(pat, "They pushed it again the enemy.", "again"));
  assert_false(context(pat, "They pushed again the enemy.", "again"));
  assert_false(context(pat, "They pushed it again a enemy.", "again"));
  /* '*' needs a token: nothing after "the" */
  assert_false(context(pat, "They pushed it again the", "again"));
}

static void test_ctx_suffix(void **state) {
  static const char pat[] = "[ push again ] *ing|ed";
  (void)state;
  assert_true(context(pat, "We push again making it.", "push again"));
  assert_true(context(pat, "We push again MAKING it.", "push again"));
  assert_true(context(pat, "We push again walked it.", "push again"));
  assert_false(context(pat, "We push again the line.", "push again"));
  /* the suffix alone is no match: it must end a longer word */
  assert_false(context(pat, "We push again ing it.", "push again"));
  /* and a number is no word */
  assert_false(context("[ x ] *00", "the x 1000 times", "x"));
}

static void test_ctx_classes(void **state) {
  (void)state;
  assert_true(context("@NUM [ many ]", "We saw 3 many.", "many"));
  assert_true(context("@NUM [ many ]", "We saw 3,000 many.", "many"));
  assert_false(context("@NUM [ many ]", "We saw three many.", "many"));
  assert_true(context("[ mister ] @CAP", "The mister Smith came.", "mister"));
  assert_true(context("[ mister ] @CAP", "The mister \xc3\x89mile came.",
                      "mister"));
  assert_false(context("[ mister ] @CAP", "The mister smith came.",
                       "mister"));
  assert_false(context("[ mister ] @CAP", "The mister 42 came.", "mister"));
  assert_true(context("[ said ] @WORD", "He said hello.", "said"));
  assert_false(context("[ said ] @WORD", "He said, hello.", "said"));
  assert_true(context("[ said ] @PUNCT", "He said, hello.", "said"));
  assert_false(context("[ said ] @PUNCT", "He said hello.", "said"));
  assert_true(context("[ said ] !@PUNCT", "He said hello.", "said"));
  /* classes mix with words */
  assert_true(context("@NUM|a|an [ more ]", "We saw 5 more.", "more"));
  assert_true(context("@NUM|a|an [ more ]", "We saw an more.", "more"));
  assert_false(context("@NUM|a|an [ more ]", "We saw the more.", "more"));
  assert_true(context("!@NUM|the [ more ]", "We saw some more.", "more"));
  assert_false(context("!@NUM|the [ more ]", "We saw 5 more.", "more"));
  assert_false(context("!@NUM|the [ more ]", "We saw the more.", "more"));
  assert_true(context("[ said ] *", "He said hello.", "said"));
  assert_false(context("[ said ] *", "He said", "said"));
}

static void test_ctx_boundaries(void **state) {
  static const char start[] = "<s> [ however ] ,";
  static const char end[] = "[ as well ] </s>";
  (void)state;
  assert_true(context(start, "However, it rained.", "however"));
  assert_true(context(start, "It was dry. However, it rained.", "however"));
  assert_true(context(start, "It was dry\nHowever, it rained.", "however"));
  assert_false(context(start, "And however, it rained.", "however"));
  assert_false(context("!<s> [ however ]", "However, it rained.", "however"));
  assert_true(context("!<s> [ however ]", "And however, it.", "however"));
  /* </s>: nothing of the sentence follows the match */
  assert_true(context(end, "He came as well", "as well"));
  assert_true(context(end, "He came as well\nand left.", "as well"));
  assert_true(context(end, "He came as well\n\nNext.", "as well"));
  assert_false(context(end, "He came as well.", "as well"));
  assert_false(context(end, "He came as well as she did.", "as well"));
  assert_true(context("[ as well ] . </s>", "He came as well. Then",
                      "as well"));
}

static void test_ctx_no_crossing(void **state) {
  (void)state;
  /* the left word is there, but in the previous sentence or line */
  assert_false(context("withdrawal [ course of ]",
                       "It was the withdrawal. Course of events.",
                       "course of"));
  assert_false(context("withdrawal [ course of ]",
                       "the withdrawal\ncourse of events", "course of"));
  assert_true(context("withdrawal [ course of ]",
                      "the withdrawal course of events", "course of"));
  /* nor the right one */
  assert_false(context("[ came ] back", "He came. Back then it rained.",
                       "came"));
  assert_false(context("[ came ] back", "He came\nback then.", "came"));
  assert_true(context("[ came ] back", "He came back then.", "came"));
  /* one further out: the gap token is on the other side of the boundary */
  assert_false(context("push * [ again ]", "Push. It again.", "again"));
  assert_false(context("[ again ] * the", "It again.\nThe end", "again"));
  /* a negated condition across the boundary holds */
  assert_true(context("!the [ course of ]", "See the\ncourse of it",
                      "course of"));
  /* the second occurrence, on a line of its own, is judged alone */
  assert_false(context_nth("the [ course of ]", "the course of\ncourse of",
                           "course", 1));
  assert_true(context_nth("the [ course of ]", "the course of\ncourse of",
                          "course", 0));
}


/* --- guards (with, without, near) ---------------------------------------- */

static void test_guards_parse(void **state) {
  static const char text[] = "rule G\n"
                             "  message m\n"
                             "  pattern [ bunching ]\n"
                             "  replace clustering\n"
                             "  with     Deep Learning | big data\n"
                             "  without  Specular\n"
                             "  near 10  clustering\n"
                             "  fires a => b\n"
                             "  quiet c\n";
  unspin_ctx *ctx;
  unspin_error err;
  const struct rule *r;
  (void)state;
  assert_int_equal(parse(text, &ctx, &err), UNSPIN_OK);
  r = ctx->rules[0];
  assert_int_equal(r->nguards, 3);
  assert_int_equal(r->guards[0].kind, GUARD_WITH);
  assert_int_equal(r->guards[0].nphrases, 2);
  assert_string_equal(r->guards[0].phrases[0], "deep learning");
  assert_string_equal(r->guards[0].phrases[1], "big data");
  assert_int_equal(r->guards[1].kind, GUARD_WITHOUT);
  assert_string_equal(r->guards[1].phrases[0], "specular");
  assert_int_equal(r->guards[2].kind, GUARD_NEAR);
  assert_int_equal(r->guards[2].near, 10);
  assert_string_equal(r->guards[2].phrases[0], "clustering");
  /* entries remember their pack: news unless a pack is being loaded */
  assert_string_equal(ctx->entries[1].pack, "news");
  unspin_ctx_free(ctx);
}

static void test_err_guards(void **state) {
  static const struct bad b[] = {
      {HEAD MSG PAT REP "  near x foo\n", 5, 8,
       "'near' needs a distance from 1 to 1000 words, then phrases",
       "  near x foo", 1},
      {HEAD MSG PAT REP "  near 0 foo\n", 5, 8,
       "'near' needs a distance from 1 to 1000 words, then phrases",
       "  near 0 foo", 1},
      {HEAD MSG PAT REP "  near 5\n", 5, 8,
       "'near' needs a distance from 1 to 1000 words, then phrases",
       "  near 5", 1},
      {HEAD MSG PAT REP "  near 1001 foo\n", 5, 8,
       "'near' needs a distance from 1 to 1000 words, then phrases",
       "  near 1001 foo", 4},
      {HEAD MSG PAT REP "  with a||b\n", 5, 10, "empty phrase in guard",
       "  with a||b", 1},
      {HEAD MSG PAT REP "  without a| \n", 5, 13, "empty phrase in guard",
       "  without a| ", 1},
      {HEAD MSG PAT REP "  with\n", 5, 7, "missing value for 'with'",
       "  with", 1},
  };
  (void)state;
  CHECK_ALL(b);
}

/* Findings of a 'bunching' -> 'clustering' rule with these guard lines in
 * text (a whole document; no model, so the rule decides alone). */
static size_t guarded(const char *guards, const char *text) {
  struct strbuf rule = STRBUF_INIT;
  unspin_ctx *ctx = unspin_ctx_new();
  unspin_error err;
  unspin_doc *doc;
  size_t n;
  strbuf_addf(&rule,
              "rule G\n  message m\n  pattern [ bunching ]\n"
              "  replace clustering\n%s  fires a => b\n  quiet c\n",
              guards);
  if (rules_parse(ctx, PATH, rule.buf, rule.len, &err) ||
      unspin_ctx_prepare(ctx, &err))
    fail_msg("%s", err.msg);
  doc = unspin_check(ctx, text, strlen(text), NULL, &err);
  assert_non_null(doc);
  n = unspin_doc_count(doc);
  unspin_doc_free(doc);
  unspin_ctx_free(ctx);
  strbuf_release(&rule);
  return n;
}

static void test_guards_decide(void **state) {
  (void)state;
  /* with: anywhere in the document, any line, either side, any case */
  assert_int_equal(guarded("  with big data\n", "Bunching works."), 0);
  assert_int_equal(guarded("  with big data\n",
                           "Bunching works.\n\nBIG DATA helps."), 1);
  assert_int_equal(guarded("  with big data\n",
                           "Big data first. Then bunching, and bunching."), 2);
  /* the whole phrase, in order */
  assert_int_equal(guarded("  with big data\n", "Bunching big, data."), 0);
  assert_int_equal(guarded("  with big data\n", "Bunching data big."), 0);
  /* alternatives */
  assert_int_equal(guarded("  with x ray|big data\n", "Bunching big data."),
                   1);
  /* without */
  assert_int_equal(guarded("  without specular\n", "Bunching works."), 1);
  assert_int_equal(guarded("  without specular\n",
                           "Bunching works. Specular light."), 0);
  /* several guards: all must hold */
  assert_int_equal(guarded("  with big data\n  without specular\n",
                           "Bunching big data specular."), 0);
  assert_int_equal(guarded("  with big data\n  without specular\n",
                           "Bunching big data."), 1);
  /* near: words counted, punctuation not; both sides */
  assert_int_equal(guarded("  near 2 clustering\n", "Bunching a clustering."),
                   1);
  assert_int_equal(guarded("  near 2 clustering\n",
                           "Bunching, a, clustering."), 1);
  assert_int_equal(guarded("  near 2 clustering\n",
                           "Bunching a b clustering."), 0);
  assert_int_equal(guarded("  near 2 clustering\n", "Clustering a bunching."),
                   1);
  assert_int_equal(guarded("  near 2 clustering\n",
                           "Clustering a b bunching."), 0);
  /* a phrase must lie wholly inside the window */
  assert_int_equal(guarded("  near 2 big data\n", "Bunching a big data."), 0);
  assert_int_equal(guarded("  near 2 big data\n", "Bunching big data."), 1);
  /* each match has its own window */
  assert_int_equal(guarded("  near 1 clustering\n",
                           "Bunching clustering, then more words, bunching."),
                   1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_rule),
      cmocka_unit_test(test_several_rules_crlf),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_err_directives),
      cmocka_unit_test(test_err_pattern_brackets),
      cmocka_unit_test(test_err_pattern_conditions),
      cmocka_unit_test(test_err_confidence),
      cmocka_unit_test(test_prior),
      cmocka_unit_test(test_err_examples),
      cmocka_unit_test(test_err_missing_parts),
      cmocka_unit_test(test_ctx_words_and_negation),
      cmocka_unit_test(test_ctx_two_sided_distance),
      cmocka_unit_test(test_ctx_suffix),
      cmocka_unit_test(test_ctx_classes),
      cmocka_unit_test(test_ctx_boundaries),
      cmocka_unit_test(test_ctx_no_crossing),
      cmocka_unit_test(test_guards_parse),
      cmocka_unit_test(test_err_guards),
      cmocka_unit_test(test_guards_decide),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
