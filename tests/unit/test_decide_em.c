/*
 * test_decide_em.c - the EM rounds' forward-backward over the compact copy
 * of the lattice (em_cluster_posterior()) against the general one
 * (cluster_posterior()): on clusters of one to eight sites, overlapping
 * and not, with edge weights and prior odds drawn at random, the marginals
 * must be the same bits, since the EM estimate and every confidence after
 * it depend on them.  Also which weak sites keep_weak_beside_strong()
 * leaves to be judged.
 *
 * Both are decide.c's own (static): decide.c is compiled into the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../src/decide.c"

#define NPOS 64 /* stream positions the clusters are laid on */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double uniform(void) {
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(rng >> 11) / 9007199254740992.0;
}

/* Sites for a cluster of n sites starting at p: spans of one or two words,
 * sometimes two originals for one span, originals of one to three words. */
static size_t make_sites(struct site *sites, size_t first, size_t n,
                         uint32_t p, uint32_t (*orig)[3]) {
  size_t i;
  for (i = 0; i < n; i++) {
    struct site *si = &sites[first + i];
    size_t k;
    memset(si, 0, sizeof(*si));
    si->p0 = p;
    si->p1 = p + 1 + (uniform() < 0.3);
    si->norig = 1 + (uint32_t)(uniform() * 3);
    for (k = 0; k < 3; k++)
      orig[first + i][k] = 1000 + (uint32_t)(uniform() * 50);
    si->orig = orig[first + i];
    si->weight = uniform();
    if (uniform() < 0.7)
      p += 1 + (uniform() < 0.5); /* else the next shares the start */
  }
  return n;
}

/* Build clusters of the given sizes one after another in one lattice,
 * weigh every edge at random, and compare the two posteriors. */
static void check_clusters(const size_t *sizes, size_t ncl) {
  struct stream s;
  struct site sites[64];
  uint32_t orig[64][3];
  struct cluster cls[8];
  struct lattice lat;
  struct posterior post;
  struct em_lattice em;
  double odds[64], m1[MAX_SITES], m2[MAX_SITES];
  uint32_t ids[NPOS], p = 2;
  size_t i, j, k, nsites = 0;

  memset(&s, 0, sizeof(s));
  memset(&lat, 0, sizeof(lat));
  for (i = 0; i < NPOS; i++)
    ids[i] = 1 + (uint32_t)(uniform() * 40);
  s.ids = ids;
  s.n = NPOS;
  for (i = 0; i < ncl; i++) {
    uint32_t end = 0;
    memset(&cls[i], 0, sizeof(cls[i]));
    cls[i].first = nsites;
    cls[i].n = make_sites(sites, nsites, sizes[i], p, orig);
    for (k = nsites; k < nsites + sizes[i]; k++)
      if (sites[k].p1 > end)
        end = sites[k].p1;
    cls[i].w0 = p;
    cls[i].w1 = end + CONTEXT_AFTER;
    assert_true(cls[i].w1 < NPOS);
    /* every other cluster counts for the rate, one not at all */
    cls[i].counts = i % 3 == 2 ? 0 : (1u << sizes[i]) - 1;
    nsites += sizes[i];
    build_lattice(&s, sites, &cls[i], &lat);
    p = cls[i].w1 + 1;
  }
  for (i = 0; i < lat.ned; i++)
    lat.ed[i].lmw = uniform() < 0.2 ? 1.0 : 0.01 + 100 * uniform();
  posterior_init(&post, cls, ncl);
  em_lattice_init(&em, &lat, cls, ncl);
  for (j = 0; j < 4; j++) {
    size_t e = 0;
    for (i = 0; i < nsites; i++)
      odds[i] = j == 3 ? 1e-6 : 50 * uniform() * uniform();
    for (i = 0; i < ncl; i++) {
      if (!cls[i].counts)
        continue;
      assert_int_equal(em.c[e].cl, i);
      assert_false(em.c[e].general);
      cluster_posterior(&lat, &cls[i], &post, odds, m1, NULL);
      em_cluster_posterior(&em, &em.c[e], &post, odds, m2);
      for (k = 0; k < cls[i].n; k++) {
        assert_true(m1[k] >= 0 && m1[k] <= 1.0 + 1e-12);
        assert_memory_equal(&m1[k], &m2[k], sizeof(m1[k]));
      }
      e++;
    }
    assert_int_equal(e, em.n);
  }
  em_lattice_release(&em);
  posterior_release(&post);
  lattice_release(&lat);
}

static void test_one_site(void **state) {
  size_t sizes[] = {1, 1, 1, 1};
  (void)state;
  check_clusters(sizes, 4);
}

static void test_many_sites(void **state) {
  size_t sizes[] = {2, 3, 8, 5, 8, 4};
  size_t round;
  (void)state;
  for (round = 0; round < 20; round++)
    check_clusters(sizes, 6);
}

/* A weak site is judged only where it overlaps or touches a strong one:
 * one stream position away is touching, two is not. */
static void test_weak_sites_beside_strong(void **state) {
  static const struct {
    uint32_t p0, p1;
    double weight;
    int kept;
  } in[] = {
      {2, 3, 0.03, 0},   /* alone */
      {8, 9, 0.03, 0},   /* a word between it and the strong site */
      {9, 10, 0.03, 1},  /* just before */
      {10, 12, 0.40, 1}, /* the strong site */
      {10, 11, 0.02, 1}, /* inside it: another reading of its words */
      {12, 14, 0.04, 1}, /* just after */
      {13, 14, 0.04, 0}, /* a word after that */
      {20, 21, 0.10, 1}, /* PI_MIN_WEIGHT itself is strong */
      {21, 22, 0.01, 1},
  };
  struct site sites[sizeof(in) / sizeof(in[0])];
  size_t i, n = sizeof(in) / sizeof(in[0]), kept, k = 0;
  (void)state;
  memset(sites, 0, sizeof(sites));
  for (i = 0; i < n; i++) {
    sites[i].cand = (uint32_t)i;
    sites[i].p0 = in[i].p0;
    sites[i].p1 = in[i].p1;
    sites[i].weight = in[i].weight;
  }
  kept = keep_weak_beside_strong(sites, n, 24);
  for (i = 0; i < n; i++)
    if (in[i].kept) {
      assert_true(k < kept);
      assert_int_equal(sites[k++].cand, i); /* in their order */
    }
  assert_int_equal(k, kept);
  /* no strong site: nothing weak is judged */
  for (i = 0; i < n; i++)
    sites[i].weight = 0.05;
  assert_int_equal(keep_weak_beside_strong(sites, n, 24), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_site),
      cmocka_unit_test(test_many_sites),
      cmocka_unit_test(test_weak_sites_beside_strong),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
