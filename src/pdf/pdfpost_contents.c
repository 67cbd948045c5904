/* pdfpost_contents — the pages' new content streams, made in the order
 * the writer needs them, by the writer alone or with helper threads
 * making the next ones meanwhile (see pdfpost_internal.h).
 *
 * Making one (inflate, mark the artifacts, deflate: post_page_content_make)
 * is most of the post-pass's work on a long PDF, and needs nothing but the
 * input, which no one changes while the file is written, and a zlib
 * stream of its own. So each helper claims the next content not yet
 * claimed, and so does the writer while the one it needs is not made yet
 * (itself, if nobody has claimed it); a content is made exactly once, by
 * whoever claimed it, and the bytes are the same whoever made them. Helpers keep at most POST_CONTENTS_AHEAD
 * contents beyond the one the writer is at, so that memory stays flat
 * however many pages there are. The lock and condition are POSIX's, not
 * GLib's (futexes, which ThreadSanitizer cannot see): the tests check
 * this file under it. */
#include <pthread.h>

#include "pdfcontent.h"
#include "pdfpost_internal.h"

#define POST_CONTENTS_AHEAD 8

typedef enum { CONTENT_UNCLAIMED, CONTENT_MAKING, CONTENT_MADE } ContentState;

typedef struct {
  const Replacement *r;
  ContentState state;
  GString *body; /* made: the object's value, or NULL with `why` */
  char *why;
} Content;

struct PostContents {
  Post *p;
  Content *items;
  guint n;
  guint claimed; /* items before this one are claimed */
  guint writer;  /* the item the writer is at */
  gboolean stop; /* the writer is done: helpers leave */
  pthread_mutex_t lock;
  pthread_cond_t changed;
  GThread **helpers;
  guint n_helpers;
};

static void content_make(PostContents *c, guint i, PdfZip *zip) {
  Content *it = &c->items[i];
  char *why = NULL;
  GString *body = post_page_content_make(&c->p->file, zip, c->p->opts, it->r->num, it->r->page, &why);
  pthread_mutex_lock(&c->lock);
  it->body = body, it->why = why, it->state = CONTENT_MADE;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->lock);
}

static gpointer helper_run(gpointer data) {
  PostContents *c = data;
  PdfZip *zip = pdf_zip_new();
  pthread_mutex_lock(&c->lock);
  while (!c->stop && c->claimed < c->n) {
    if (c->claimed > c->writer + POST_CONTENTS_AHEAD) {
      pthread_cond_wait(&c->changed, &c->lock);
      continue;
    }
    guint i = c->claimed++;
    c->items[i].state = CONTENT_MAKING;
    pthread_mutex_unlock(&c->lock);
    content_make(c, i, zip);
    pthread_mutex_lock(&c->lock);
  }
  pthread_mutex_unlock(&c->lock);
  pdf_zip_free(zip);
  return NULL;
}

PostContents *post_contents_start(Post *p, const Replacement *const *items, guint n, guint threads) {
  PostContents *c = g_new0(PostContents, 1);
  c->p = p, c->n = n;
  c->items = g_new0(Content, MAX(n, 1));
  for (guint i = 0; i < n; i++) c->items[i].r = items[i];
  pthread_mutex_init(&c->lock, NULL);
  pthread_cond_init(&c->changed, NULL);
  c->n_helpers = n > 1 && threads > 1 ? threads - 1 : 0; /* the writer makes contents too */
  c->helpers = g_new0(GThread *, MAX(c->n_helpers, 1));
  for (guint k = 0; k < c->n_helpers; k++) c->helpers[k] = g_thread_new("boardpack-contents", helper_run, c);
  return c;
}

GString *post_contents_take(PostContents *c, guint i) {
  pthread_mutex_lock(&c->lock);
  c->writer = i;
  pthread_cond_broadcast(&c->changed); /* room ahead for the helpers */
  Content *it = &c->items[i];
  while (it->state != CONTENT_MADE) {
    /* Claims go in order, so an unclaimed `i` is the next one; while a
     * helper makes it, the writer makes one further on, not wait idle. */
    if (it->state != CONTENT_UNCLAIMED && (c->claimed >= c->n || c->claimed > i + POST_CONTENTS_AHEAD)) {
      pthread_cond_wait(&c->changed, &c->lock);
      continue;
    }
    guint k = c->claimed++;
    c->items[k].state = CONTENT_MAKING;
    pthread_mutex_unlock(&c->lock);
    content_make(c, k, c->p->zip);
    pthread_mutex_lock(&c->lock);
  }
  pthread_mutex_unlock(&c->lock);
  GString *body = it->body;
  it->body = NULL;
  if (!body) post_fail(c->p, PDFPOST_ERROR_READ, "reading the PDF: %s", it->why);
  return body;
}

void post_contents_finish(PostContents *c) {
  pthread_mutex_lock(&c->lock);
  c->stop = TRUE;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->lock);
  for (guint k = 0; k < c->n_helpers; k++) g_thread_join(c->helpers[k]);
  for (guint i = 0; i < c->n; i++) { /* made ahead but not taken: the writer stopped early */
    if (c->items[i].body) g_string_free(c->items[i].body, TRUE);
    g_free(c->items[i].why);
  }
  pthread_mutex_destroy(&c->lock);
  pthread_cond_destroy(&c->changed);
  g_free(c->helpers);
  g_free(c->items);
  g_free(c);
}
