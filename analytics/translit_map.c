/* SPDX-License-Identifier: ISC */
/*
 * A small open-addressing hash map from strings to a count and a pointer
 * (FNV-1a, linear probing, grows at 1/2 load). The lexicon keeps hunspell's
 * answers, the learned word counts and the per-word transliterations in it,
 * so a word seen before costs one lookup.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "translit_int.h"

/* FNV-1a over the key. */
static uint32_t
map_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Sets up an empty map. */
void
translit_map_init(struct translit_map *m)
{
	m->cap = 64;
	m->len = 0;
	m->ent = xcalloc(m->cap, sizeof(*m->ent));
}

/* Frees every key (and value with freeval) and the table. */
void
translit_map_clear(struct translit_map *m, void (*freeval)(void *))
{
	size_t i;

	if (m->ent == NULL)
		return;
	for (i = 0; i < m->cap; i++) {
		free(m->ent[i].key);
		if (freeval != NULL && m->ent[i].val != NULL)
			freeval(m->ent[i].val);
	}
	free(m->ent);
	m->ent = NULL;
	m->cap = m->len = 0;
}

/* The slot holding key, or the empty slot where it would go. */
static struct translit_ent *
map_slot(struct translit_ent *ent, size_t cap, const char *key, uint32_t h)
{
	size_t i = h & (cap - 1);

	while (ent[i].key != NULL) {
		if (ent[i].hash == h && strcmp(ent[i].key, key) == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	return &ent[i];
}

/* Doubles the table and rehashes. */
static void
map_grow(struct translit_map *m)
{
	struct translit_ent *old = m->ent, *e;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->ent = xcalloc(m->cap, sizeof(*m->ent));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		e = map_slot(m->ent, m->cap, old[i].key, old[i].hash);
		*e = old[i];
	}
	free(old);
}

/* The entry for key, or NULL. */
struct translit_ent *
translit_map_get(struct translit_map *m, const char *key)
{
	struct translit_ent *e;

	if (m->ent == NULL)
		return NULL;
	e = map_slot(m->ent, m->cap, key, map_hash(key));
	return e->key != NULL ? e : NULL;
}

/* The entry for key, added empty if absent. */
struct translit_ent *
translit_map_put(struct translit_map *m, const char *key)
{
	struct translit_ent *e;
	uint32_t h = map_hash(key);

	if (m->ent == NULL)
		translit_map_init(m);
	if ((m->len + 1) * 2 > m->cap)
		map_grow(m);
	e = map_slot(m->ent, m->cap, key, h);
	if (e->key == NULL) {
		e->key = xstrdup(key);
		e->hash = h;
		e->n = 0;
		e->val = NULL;
		m->len++;
	}
	return e;
}
