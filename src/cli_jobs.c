/*
 * cli_jobs.c - a fixed pool of worker threads over numbered items, with
 * the results emitted by the calling thread in item order (as -j must:
 * the output of a parallel run is the output of a serial one).
 */
#include <errno.h>
#include <stdlib.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

/* items a worker may finish ahead of the next one to emit, per thread */
#define AHEAD_PER_THREAD 4

struct pool {
  size_t n, next, emitted, window;
  unsigned char *done;
  void (*work)(void *, size_t);
  void *arg;
  pthread_mutex_t lock;
  pthread_cond_t item_done; /* a worker finished an item */
  pthread_cond_t emitted_c; /* the emitter moved on */
};

static void *worker(void *p) {
  struct pool *pool = p;
  for (;;) {
    size_t i;
    pthread_mutex_lock(&pool->lock);
    while (pool->next < pool->n && pool->next >= pool->emitted + pool->window)
      pthread_cond_wait(&pool->emitted_c, &pool->lock);
    if (pool->next >= pool->n) {
      pthread_mutex_unlock(&pool->lock);
      return NULL;
    }
    i = pool->next++;
    pthread_mutex_unlock(&pool->lock);
    pool->work(pool->arg, i);
    pthread_mutex_lock(&pool->lock);
    pool->done[i] = 1;
    pthread_cond_signal(&pool->item_done);
    pthread_mutex_unlock(&pool->lock);
  }
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

unsigned jobs_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

void jobs_run(size_t n, unsigned nthreads, void (*work)(void *, size_t),
              void (*emit)(void *, size_t),
              void (*progress)(void *, size_t, size_t), void *arg) {
  struct pool pool;
  pthread_t *threads;
  unsigned t, started = 0;
  double last = now_ms();
  size_t i;
  if (nthreads > n)
    nthreads = (unsigned)n;
  if (nthreads <= 1) {
    for (i = 0; i < n; i++) {
      work(arg, i);
      emit(arg, i);
      if (progress && now_ms() - last >= 100) {
        progress(arg, i + 1, n);
        last = now_ms();
      }
    }
    return;
  }
  pool.n = n;
  pool.next = pool.emitted = 0;
  pool.window = (size_t)nthreads * AHEAD_PER_THREAD;
  pool.done = xcalloc(n, 1);
  pool.work = work;
  pool.arg = arg;
  pthread_mutex_init(&pool.lock, NULL);
  pthread_cond_init(&pool.item_done, NULL);
  pthread_cond_init(&pool.emitted_c, NULL);
  threads = xmalloc(nthreads * sizeof(*threads));
  for (t = 0; t < nthreads; t++)
    if (!pthread_create(&threads[started], NULL, worker, &pool))
      started++;
  if (!started) {
    /* no thread to be had: do the work here */
    pool.next = n;
    for (i = 0; i < n; i++) {
      work(arg, i);
      pool.done[i] = 1;
    }
  }
  for (i = 0; i < n; i++) {
    pthread_mutex_lock(&pool.lock);
    while (!pool.done[i]) {
      if (progress) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
          ts.tv_sec++;
          ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&pool.item_done, &pool.lock, &ts);
        if (!pool.done[i] && now_ms() - last >= 100) {
          pthread_mutex_unlock(&pool.lock);
          progress(arg, i, n);
          last = now_ms();
          pthread_mutex_lock(&pool.lock);
        }
      } else {
        pthread_cond_wait(&pool.item_done, &pool.lock);
      }
    }
    pthread_mutex_unlock(&pool.lock);
    emit(arg, i);
    pthread_mutex_lock(&pool.lock);
    pool.emitted = i + 1;
    pthread_cond_broadcast(&pool.emitted_c);
    pthread_mutex_unlock(&pool.lock);
    if (progress && now_ms() - last >= 100) {
      progress(arg, i + 1, n);
      last = now_ms();
    }
  }
  for (t = 0; t < started; t++)
    pthread_join(threads[t], NULL);
  free(threads);
  free(pool.done);
  pthread_mutex_destroy(&pool.lock);
  pthread_cond_destroy(&pool.item_done);
  pthread_cond_destroy(&pool.emitted_c);
}
