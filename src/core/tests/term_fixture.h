/*
 * term_fixture.h
 *		The shipped watchlist terms for the core's text tests:
 *		tests/fixtures/watchlist_terms.tsv (substance_id, term_kind, term), a
 *		copy of precursor.watchlist_term.  Terms of substances that share a
 *		term (one chemical on several lists) form one group.
 */
#ifndef PRECURSOR_TERM_FIXTURE_H
#define PRECURSOR_TERM_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "matcher.h"

#define TERM_FIXTURE "tests/fixtures/watchlist_terms.tsv"
#define TERM_FIXTURE_MAX 8192

typedef struct TermFixture
{
	PmTerm		t[TERM_FIXTURE_MAX];
	int			group[TERM_FIXTURE_MAX];	/* 0 .. ngroups - 1 */
	int			n;
	int			ngroups;
} TermFixture;

static int
term_fixture_root(int *p, int x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

static bool
term_fixture_load(TermFixture *F)
{
	FILE	   *f = fopen(TERM_FIXTURE, "r");
	char		line[2048];
	static int	sub[TERM_FIXTURE_MAX],
				parent[TERM_FIXTURE_MAX],
				gid[TERM_FIXTURE_MAX];
	int			i,
				j;

	if (f == NULL)
		return false;
	F->n = F->ngroups = 0;
	while (F->n < TERM_FIXTURE_MAX && fgets(line, sizeof(line), f))
	{
		char	   *a = strtok(line, "\t\n");
		char	   *k = strtok(NULL, "\t\n");
		char	   *x = strtok(NULL, "\n");

		if (!a || !k || !x)
			continue;
		sub[F->n] = atoi(a);
		F->t[F->n].text = strdup(x);
		F->t[F->n].len = strlen(x);
		F->t[F->n].id = (uint32_t) F->n;
		F->t[F->n].kind = strcmp(k, "name") == 0 ? PM_TERM_NAME :
			strcmp(k, "abbreviation") == 0 ? PM_TERM_ABBREVIATION : PM_TERM_SYNONYM;
		F->n++;
	}
	fclose(f);
	for (i = 0; i < F->n; i++)
		parent[i] = i;
	for (i = 0; i < F->n; i++)
		for (j = 0; j < i; j++)
			if (sub[i] == sub[j] || strcasecmp(F->t[i].text, F->t[j].text) == 0)
				parent[term_fixture_root(parent, i)] = term_fixture_root(parent, j);
	for (i = 0; i < F->n; i++)
		gid[i] = -1;
	for (i = 0; i < F->n; i++)
	{
		int			r = term_fixture_root(parent, i);

		if (gid[r] < 0)
			gid[r] = F->ngroups++;
		F->group[i] = gid[r];
	}
	return F->n > 0;
}

#endif							/* PRECURSOR_TERM_FIXTURE_H */
