/*
 * watchlist_cache.c
 *		Per-backend compiled watchlist, and the scan that resolves the
 *		matcher's hits to watchlist substances.
 *
 * The cache holds every term of every active watchlist (view
 * precursor.watchlist_term), the substances they belong to, and the CAS RN
 * and CN code maps, read with SPI on first use.  Terms are compiled by the
 * core (matcher.h) into one Vectorscan database; the fuzzy variant, which
 * also holds the pigeonhole pieces of long terms, is compiled lazily the
 * first time fuzzy matching is asked for, so sessions that never use it
 * never pay for it.
 *
 * Invalidation: the watchlist tables' statement triggers
 * (watchlist_signal.c) send a relcache invalidation for precursor.watchlist.
 * One relcache callback, registered once in _PG_init, marks the cache stale
 * when it sees that relation (or a full reset); the next use rebuilds.
 * Invalidations travel at commit, so other sessions pick a change up at
 * their next transaction (or statement: we accept pending invalidations once
 * per statement) and the changing session at its next command; an abort
 * delivers the same invalidations locally, so a rolled-back change is
 * forgotten as well.
 *
 * Memory: strings and arrays live in one context per build; the matchers
 * are malloc'd by the core.  A build happens in a context under
 * CurTransactionContext (so an error anywhere in it frees everything with the
 * failed (sub)transaction) and is moved under CacheMemoryContext only once
 * the build has succeeded; the old cache is freed after the swap.  The
 * matcher is compiled last, so nothing can fail while it is not yet owned.
 */
#include "precursor.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/xact.h"
#include "catalog/namespace.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "casrn.h"
#include "cncode.h"
#include "ecnumber.h"
#include "screen.h"

/* A substance of an active watchlist */
typedef struct CacheSubstance
{
	int32		substance_id;
	char	   *name;
	int64		casrn;			/* 0 if none */
	char	   *category;
	char	   *watchlist_code;
} CacheSubstance;

/* A term: its index is the matcher's term id */
typedef struct CacheTerm
{
	int			sub;			/* index into subs */
	char	   *term;
	char	   *kind;			/* 'name' or the synonym kind */
	char	   *lang;
} CacheTerm;

/* An identifier of a substance; arrays sorted by ident */
typedef struct IdentEntry
{
	int64		ident;
	int			sub;
} IdentEntry;

typedef struct WatchlistCache
{
	MemoryContext cxt;
	CacheSubstance *subs;		/* sorted by substance_id */
	int			nsubs;
	CacheTerm  *terms;
	PmTerm	   *pmterms;		/* kept for the lazy fuzzy build */
	int			nterms;
	IdentEntry *cas;
	int			ncas;
	IdentEntry *cn;
	int			ncn;
	PmMatcher  *exact;
	PmMatcher  *fuzzy;			/* NULL until first needed */
	char	   *fuzzy_error;	/* why the fuzzy build failed: not retried */
	uint64		term_key[2];	/* hash of the term list: names stored matchers */
	bool		exact_loaded;	/* exact matcher loaded from the store */

	/*
	 * Built while an invalidation received after this transaction's first
	 * snapshot was pending: the snapshot used may predate that commit, so
	 * rebuild once a newer snapshot is in use.
	 */
	bool		provisional;
	TimestampTz built_xact;
	TimestampTz built_stmt;

	/*
	 * The relations the build read, and the user whose rights were last
	 * checked against them: a cache built by one role must not let another
	 * (SET ROLE, SECURITY DEFINER) screen against lists it may not read.
	 */
	Oid			read_relids[5];
	Oid			checked_user;
	TimestampTz checked_stmt;
} WatchlistCache;

bool		precursor_fuzzy = false;

static WatchlistCache *cache = NULL;
static bool cache_stale = true;
static uint64 inval_count = 0;	/* invalidations seen, to detect one during a build */
static Oid	watchlist_relid = InvalidOid;

/* Per-statement check for pending invalidations */
static TimestampTz last_stmt_start = 0;
static TimestampTz last_xact_start = 0;

/* When an invalidation last arrived while a snapshot was already in use */
static TimestampTz late_inval_xact = 0;
static TimestampTz late_inval_stmt = 0;

static void
watchlist_relcache_callback(Datum arg, Oid relid)
{
	/* Only mark: a callback must not do catalog access. */
	if (relid == InvalidOid || relid == watchlist_relid)
	{
		cache_stale = true;
		inval_count++;

		/*
		 * A snapshot taken before this point may not see the change that
		 * sent the invalidation (a commit between our snapshot and our
		 * accepting its message): remember it, see get_cache().
		 */
		if (FirstSnapshotSet)
		{
			late_inval_xact = GetCurrentTransactionStartTimestamp();
			late_inval_stmt = GetCurrentStatementStartTimestamp();
		}
	}
}

void
precursor_watchlist_cache_init(void)
{
	/* Relcache callbacks are few per backend and never unregistered: one. */
	CacheRegisterRelcacheCallback(watchlist_relcache_callback, (Datum) 0);

	DefineCustomBoolVariable("precursor.fuzzy",
							 "Report misspellings of watchlist terms.",
							 "When on, precursor.screen(), lookup() and matches() also report "
							 "terms within an edit distance that grows with the term's length "
							 "(never for abbreviations or short terms).",
							 &precursor_fuzzy,
							 false,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

void
precursor_require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("precursor matching requires a UTF8 database"),
				 errdetail("The database encoding is %s.",
						   GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

void
precursor_screen_default_options(ScreenOptions *opts)
{
	opts->fuzzy = precursor_fuzzy;
	opts->lookup = false;
	opts->stop_at_first = false;
}

static void
free_cache(WatchlistCache *c)
{
	if (c == NULL)
		return;
	if (c->exact)
		pm_free(c->exact);
	if (c->fuzzy)
		pm_free(c->fuzzy);
	/* c itself lives in c->cxt */
	MemoryContextDelete(c->cxt);
}

static int
cmp_ident(const void *a, const void *b)
{
	const IdentEntry *x = a;
	const IdentEntry *y = b;

	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return x->sub - y->sub;
}

/* Index of substance_id in the sorted array, or -1 */
static int
find_sub(const CacheSubstance *subs, int n, int32 id)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (subs[mid].substance_id == id)
			return mid;
		if (subs[mid].substance_id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* First index in a sorted IdentEntry array with ident >= key */
static int
ident_lower_bound(const IdentEntry *a, int n, int64 key)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (a[mid].ident < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static char *
spi_text(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	char	   *v = SPI_getvalue(tup, desc, col);
	char	   *r;

	if (v == NULL)
		return NULL;
	r = MemoryContextStrdup(cxt, v);
	pfree(v);
	return r;
}

static void
spi_run(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "precursor: watchlist query failed: %s",
			 SPI_result_code_string(rc));
}

/* ----------------------------------------------------------------
 * The matcher store
 *
 * A compiled matcher is saved (pm_serialize) under $PGDATA/pg_precursor,
 * named by the database, the build flags and a 128-bit hash of the exact
 * term list it was compiled from, so the next backend that reads the same
 * list loads it instead of compiling (pm_deserialize checks a checksum, the
 * format version and the Vectorscan build).  Files are written under a
 * temporary name and renamed; an older file of the same database and flags,
 * and the files of databases that no longer exist, are removed when a newer
 * one is saved.  Any failure to read or write just
 * means compiling: the store is an optimisation, never a source of truth.
 * ---------------------------------------------------------------- */
#define STORE_DIR	"pg_precursor"

/*
 * Identity of the loaded module file (inode, size, mtime): a stored matcher
 * holds terms normalised by the code that built it, so a reinstalled module
 * must not load matchers of the previous one.  0 disables the store.
 */
static uint64
module_identity(void)
{
	static uint64 id = 0;
	static bool done = false;

	if (!done)
	{
		Dl_info		info;
		struct stat st;

		done = true;
		if (dladdr((void *) module_identity, &info) != 0 && info.dli_fname &&
			stat(info.dli_fname, &st) == 0)
		{
			id = hash_combine64((uint64) st.st_ino, (uint64) st.st_size);
			id = hash_combine64(id, (uint64) st.st_mtime);
			if (id == 0)
				id = 1;
		}
	}
	return id;
}

static void
term_list_key(const PmTerm *terms, int n, uint64 key[2])
{
	uint64		h0 = hash_bytes_extended((const unsigned char *) &n, sizeof(n), 0x5eed0);
	uint64		h1 = hash_bytes_extended((const unsigned char *) &n, sizeof(n), 0x5eed1);
	int			i;

	h0 = hash_combine64(h0, module_identity());
	h1 = hash_combine64(h1, module_identity());

	for (i = 0; i < n; i++)
	{
		uint64		kind = (uint64) terms[i].kind + 1;

		h0 = hash_combine64(h0, hash_bytes_extended((const unsigned char *) terms[i].text,
													terms[i].len, 0x5eed0));
		h0 = hash_combine64(h0, kind);
		h1 = hash_combine64(h1, hash_bytes_extended((const unsigned char *) terms[i].text,
													terms[i].len, 0x5eed1));
		h1 = hash_combine64(h1, kind);
	}
	key[0] = h0;
	key[1] = h1;
}

static void
store_path(char *buf, size_t len, uint32 flags, const uint64 key[2])
{
	snprintf(buf, len, STORE_DIR "/pm-%u-%u-%016llx%016llx",
			 MyDatabaseId, flags,
			 (unsigned long long) key[0], (unsigned long long) key[1]);
}

/* The stored matcher for this term list, or NULL */
static PmMatcher *
store_load(uint32 flags, const uint64 key[2])
{
	char		path[MAXPGPATH];
	char		errbuf[256];
	struct stat st;
	char	   *buf;
	size_t		done = 0;
	int			fd;
	PmMatcher  *m;

	store_path(path, sizeof(path), flags, key);
	fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > MaxAllocHugeSize)
	{
		CloseTransientFile(fd);
		return NULL;
	}
	buf = palloc_extended((Size) st.st_size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	if (buf == NULL)
	{
		CloseTransientFile(fd);
		return NULL;
	}
	while (done < (size_t) st.st_size)
	{
		ssize_t		r = read(fd, buf + done, (size_t) st.st_size - done);

		if (r <= 0)
			break;
		done += (size_t) r;
	}
	CloseTransientFile(fd);
	if (done != (size_t) st.st_size)
	{
		pfree(buf);
		return NULL;
	}
	m = pm_deserialize(buf, done, errbuf, sizeof(errbuf));
	pfree(buf);
	if (m == NULL)
	{
		elog(DEBUG1, "precursor: ignoring stored matcher \"%s\": %s", path, errbuf);
		(void) unlink(path);
	}
	return m;
}

/* Remove the other stored matchers of this database and flags */
static void
store_prune(const char *keep)
{
	char		prefix[64];
	DIR		   *dir;
	struct dirent *de;
	const char *base = keep + strlen(STORE_DIR "/");

	snprintf(prefix, sizeof(prefix), "pm-%u-", MyDatabaseId);
	dir = AllocateDir(STORE_DIR);
	if (dir == NULL)
		return;
	while ((de = ReadDirExtended(dir, STORE_DIR, DEBUG1)) != NULL)
	{
		char		path[MAXPGPATH];
		unsigned int dboid;
		bool		stale;

		if (strncmp(de->d_name, "pm-", 3) != 0 ||
			sscanf(de->d_name, "pm-%u-", &dboid) != 1 ||
			strcmp(de->d_name, base) == 0)
			continue;
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
		{
			/* same database and flags ("pm-db-flags-"), other list */
			stale = strncmp(de->d_name, base, strrchr(base, '-') - base + 1) == 0 &&
				strstr(de->d_name, ".tmp") == NULL;
		}
		else
		{
			/* a database that no longer exists */
			stale = !SearchSysCacheExists1(DATABASEOID, ObjectIdGetDatum((Oid) dboid));
		}
		if (!stale)
			continue;
		snprintf(path, sizeof(path), STORE_DIR "/%s", de->d_name);
		(void) unlink(path);
	}
	FreeDir(dir);
}

/* Save a freshly compiled matcher; failures are only logged */
static void
store_save(const PmMatcher *m, uint32 flags, const uint64 key[2])
{
	char		path[MAXPGPATH];
	char		tmp[MAXPGPATH];
	char		errbuf[256];
	char	   *buf;
	size_t		len;
	size_t		done = 0;
	int			fd;

	buf = pm_serialize(m, &len, errbuf, sizeof(errbuf));
	if (buf == NULL)
	{
		elog(DEBUG1, "precursor: could not serialise the matcher: %s", errbuf);
		return;
	}
	store_path(path, sizeof(path), flags, key);
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, MyProcPid);

	/* free the malloc'd buffer whatever happens */
	PG_TRY();
	{
		if (MakePGDirectory(STORE_DIR) != 0 && errno != EEXIST)
			elog(DEBUG1, "precursor: could not create directory \"%s\": %m", STORE_DIR);
		fd = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_TRUNC | PG_BINARY);
		if (fd >= 0)
		{
			while (done < len)
			{
				ssize_t		w = write(fd, buf + done, len - done);

				if (w <= 0)
					break;
				done += (size_t) w;
			}
			CloseTransientFile(fd);
			if (done == len && rename(tmp, path) == 0)
				store_prune(path);
			else
				(void) unlink(tmp);
		}
	}
	PG_FINALLY();
	{
		free(buf);
	}
	PG_END_TRY();
}

/* Load the matcher for this term list, or compile (and store) it */
static PmMatcher *
load_or_build(WatchlistCache *c, uint32 flags, bool *loaded,
			  char *errbuf, size_t errlen)
{
	PmMatcher  *volatile m;

	*loaded = false;
	if (module_identity() == 0)
		return pm_build(c->pmterms, c->nterms, flags, errbuf, errlen);
	m = store_load(flags, c->term_key);
	if (m != NULL)
	{
		*loaded = true;
		return m;
	}
	m = pm_build(c->pmterms, c->nterms, flags, errbuf, errlen);
	if (m == NULL)
		return NULL;
	PG_TRY();
	{
		store_save(m, flags, c->term_key);
	}
	PG_CATCH();
	{
		pm_free(m);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return m;
}

/*
 * Read the watchlists and compile the exact matcher.  Everything goes into a
 * fresh context; only a complete cache is returned.
 */
static WatchlistCache *
build_cache(void)
{
	MemoryContext cxt;
	WatchlistCache *c;
	Oid			nsp;
	uint64		i;
	char		errbuf[256];
	int			nterms;

	/* freed with the (sub)transaction if anything below fails */
	cxt = AllocSetContextCreate(CurTransactionContext,
								"precursor watchlist cache",
								ALLOCSET_DEFAULT_SIZES);
	c = MemoryContextAllocZero(cxt, sizeof(WatchlistCache));
	c->cxt = cxt;

	nsp = get_namespace_oid("precursor", false);
	watchlist_relid = get_relname_relid("watchlist", nsp);
	if (!OidIsValid(watchlist_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"precursor.watchlist\" does not exist")));

	c->read_relids[0] = watchlist_relid;
	c->read_relids[1] = get_relname_relid("substance", nsp);
	c->read_relids[2] = get_relname_relid("substance_cn", nsp);
	c->read_relids[3] = get_relname_relid("synonym", nsp);
	c->read_relids[4] = get_relname_relid("watchlist_term", nsp);
	c->checked_user = GetUserId();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "precursor: SPI_connect failed");

	/*
	 * Substances of active lists.  Every operator is schema-qualified: the
	 * caller's search_path may hold a hostile "=" (the queries run with the
	 * caller's search_path and rights).
	 */
	spi_run("SELECT s.substance_id, s.name, s.casrn::pg_catalog.text, "
			"       s.category, w.code "
			"  FROM precursor.substance s "
			"  JOIN precursor.watchlist w "
			"    ON w.watchlist_id OPERATOR(pg_catalog.=) s.watchlist_id "
			" WHERE w.active "
			" ORDER BY s.substance_id");
	c->nsubs = (int) SPI_processed;
	c->subs = MemoryContextAllocZero(cxt, sizeof(CacheSubstance) * Max(c->nsubs, 1));
	c->cas = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(c->nsubs, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		CacheSubstance *s = &c->subs[i];
		bool		isnull;
		char	   *cas;

		s->substance_id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		s->name = spi_text(tup, desc, 2, cxt);
		cas = SPI_getvalue(tup, desc, 3);
		if (cas && !casrn_parse(cas, strlen(cas), &s->casrn, NULL))
			s->casrn = 0;
		s->category = spi_text(tup, desc, 4, cxt);
		s->watchlist_code = spi_text(tup, desc, 5, cxt);
		if (s->casrn != 0)
		{
			c->cas[c->ncas].ident = s->casrn;
			c->cas[c->ncas].sub = (int) i;
			c->ncas++;
		}
		CHECK_FOR_INTERRUPTS();
	}
	qsort(c->cas, c->ncas, sizeof(IdentEntry), cmp_ident);

	/* CN codes of those substances */
	spi_run("SELECT c.substance_id, c.cn_code::pg_catalog.text "
			"  FROM precursor.substance_cn c");
	c->cn = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		int			sub = find_sub(c->subs, c->nsubs, id);
		char	   *code = SPI_getvalue(tup, desc, 2);
		int64		v;

		CHECK_FOR_INTERRUPTS();
		if (sub < 0 || code == NULL || !cncode_parse(code, strlen(code), &v, NULL))
			continue;
		c->cn[c->ncn].ident = v;
		c->cn[c->ncn].sub = sub;
		c->ncn++;
	}
	qsort(c->cn, c->ncn, sizeof(IdentEntry), cmp_ident);

	/* Terms of active lists */
	spi_run("SELECT t.substance_id, t.term, t.term_kind, t.lang "
			"  FROM precursor.watchlist_term t "
			/* a stable order: the same lists give the same stored matcher */
			" ORDER BY t.substance_id, t.term_kind COLLATE pg_catalog.\"C\", "
			"          t.term COLLATE pg_catalog.\"C\"");
	c->terms = MemoryContextAllocZero(cxt, sizeof(CacheTerm) * Max(SPI_processed, 1));
	c->pmterms = MemoryContextAllocZero(cxt, sizeof(PmTerm) * Max(SPI_processed, 1));
	nterms = 0;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		int			sub = find_sub(c->subs, c->nsubs, id);
		CacheTerm  *t;
		PmTerm	   *p;

		if (sub < 0)
			continue;			/* substance of an inactive list */
		t = &c->terms[nterms];
		t->sub = sub;
		t->term = spi_text(tup, desc, 2, cxt);
		t->kind = spi_text(tup, desc, 3, cxt);
		t->lang = spi_text(tup, desc, 4, cxt);
		if (t->term == NULL || t->kind == NULL)
			continue;
		p = &c->pmterms[nterms];
		p->text = t->term;
		p->len = strlen(t->term);
		p->id = (uint32) nterms;
		if (strcmp(t->kind, "name") == 0)
			p->kind = PM_TERM_NAME;
		else if (strcmp(t->kind, "abbreviation") == 0)
			p->kind = PM_TERM_ABBREVIATION;
		else
			p->kind = PM_TERM_SYNONYM;
		nterms++;
		CHECK_FOR_INTERRUPTS();
	}
	c->nterms = nterms;

	SPI_finish();

	/* Last step: nothing after it may fail, or the matcher would leak. */
	term_list_key(c->pmterms, c->nterms, c->term_key);
	c->exact = load_or_build(c, 0, &c->exact_loaded, errbuf, sizeof(errbuf));
	if (c->exact == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compile the watchlist terms"),
				 errdetail("%s", errbuf)));

	return c;
}

/*
 * Pick up invalidations that arrived since the statement started, then
 * make sure the cache is current.
 */
static WatchlistCache *
get_cache(bool need_fuzzy)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();
	TimestampTz xact = GetCurrentTransactionStartTimestamp();

	precursor_require_utf8();

	/*
	 * A new transaction has already accepted invalidations; a new statement
	 * in the same transaction has not necessarily (its locks may already be
	 * held), so do it once per statement: cheap, and a READ COMMITTED
	 * statement then sees lists committed before it started.
	 */
	if (stmt != last_stmt_start || xact != last_xact_start)
	{
		last_stmt_start = stmt;
		last_xact_start = xact;
		AcceptInvalidationMessages();
	}

	/*
	 * A cache built from a snapshot that may predate a commit we were told
	 * about: rebuild as soon as we run with a newer snapshot (the next
	 * statement under READ COMMITTED, the next transaction otherwise).
	 */
	if (cache != NULL && cache->provisional &&
		(xact != cache->built_xact ||
		 (!IsolationUsesXactSnapshot() && stmt != cache->built_stmt)))
		cache_stale = true;

	if (cache == NULL || cache_stale)
	{
		WatchlistCache *fresh;
		uint64		seen = inval_count;

		/*
		 * On error the flag stays set and the half-built context goes with
		 * the aborted transaction.
		 */
		fresh = build_cache();

		MemoryContextSetParent(fresh->cxt, CacheMemoryContext);
		free_cache(cache);
		cache = fresh;

		/*
		 * An invalidation accepted while we read the tables (lock acquisition
		 * accepts them) may describe a change our snapshot did not see:
		 * rebuild again next time.
		 */
		cache_stale = (inval_count != seen);
		cache->built_xact = xact;
		cache->built_stmt = stmt;
		cache->provisional = (late_inval_xact == xact &&
							  (IsolationUsesXactSnapshot() || late_inval_stmt == stmt));
		cache->checked_stmt = stmt;
	}
	else if (cache->checked_user != GetUserId() || cache->checked_stmt != stmt)
	{
		/* once per statement and user: may this user read the lists? */
		Oid			user = GetUserId();
		int			i;

		for (i = 0; i < lengthof(cache->read_relids); i++)
		{
			Oid			relid = cache->read_relids[i];
			AclResult	aclresult;

			if (!OidIsValid(relid))
				continue;
			aclresult = pg_class_aclcheck(relid, user, ACL_SELECT);
			if (aclresult != ACLCHECK_OK)
				aclcheck_error(aclresult,
							   get_relkind_objtype(get_rel_relkind(relid)),
							   get_rel_name(relid));
		}
		cache->checked_user = user;
		cache->checked_stmt = stmt;
	}

	if (need_fuzzy && cache->fuzzy == NULL)
	{
		char		errbuf[256];

		/* a failed build fails again until the lists change: don't retry */
		if (cache->fuzzy_error == NULL)
		{
			bool		loaded;

			cache->fuzzy = load_or_build(cache, PM_BUILD_FUZZY, &loaded,
										 errbuf, sizeof(errbuf));
			if (cache->fuzzy == NULL)
				cache->fuzzy_error = MemoryContextStrdup(cache->cxt, errbuf);
		}
		if (cache->fuzzy == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not compile the watchlist terms for fuzzy matching"),
					 errdetail("%s", cache->fuzzy_error)));
	}
	return cache;
}

void
precursor_cache_stats(int *nterms, int *nsubstances, bool *fuzzy_built,
					  bool *loaded)
{
	WatchlistCache *c = get_cache(false);

	*nterms = c->nterms;
	*nsubstances = c->nsubs;
	*fuzzy_built = (c->fuzzy != NULL);
	*loaded = c->exact_loaded;
}

/* ----------------------------------------------------------------
 * The scan
 * ---------------------------------------------------------------- */

/*
 * Polled by the core between windows.  We never longjmp through the core:
 * it returns PM_INTERRUPTED and we call CHECK_FOR_INTERRUPTS() outside.
 * Interrupts that cannot be processed now must not stop the scan, or we
 * would restart it forever.
 */
static bool
scan_interrupted(void *arg)
{
	return InterruptPending && INTERRUPTS_CAN_BE_PROCESSED();
}

typedef struct Collector
{
	WatchlistCache *c;
	const char *text;
	bool		stop_at_first;
	bool		matched;		/* stop_at_first: found one */
	PrecursorHit *hits;
	int			nhits;
	int			maxhits;
} Collector;

static PrecursorHit *
new_hit(Collector *col, const PmHit *h)
{
	PrecursorHit *p;

	if (col->nhits >= col->maxhits)
	{
		col->maxhits = col->maxhits ? col->maxhits * 2 : 16;
		if (col->hits)
			col->hits = repalloc_huge(col->hits, sizeof(PrecursorHit) * col->maxhits);
		else
			col->hits = palloc(sizeof(PrecursorHit) * col->maxhits);
	}
	p = &col->hits[col->nhits++];
	memset(p, 0, sizeof(PrecursorHit));
	p->kind = h->kind;
	p->form = h->form;
	p->form_flags = h->form.flags;
	chemname_form_label(h->form.flags, p->form_label, sizeof(p->form_label));
	p->score = h->score;
	p->start_byte = (int32) h->start;
	p->end_byte = (int32) h->end;
	p->distance = h->distance;
	p->negated = h->negated;
	p->homoglyph = h->homoglyph;
	p->ident = h->ident;
	/* digits next to an identifier are not a purity */
	if (h->kind == PM_HIT_CAS || h->kind == PM_HIT_EC || h->kind == PM_HIT_CN)
		p->form.purity[0] = '\0';
	return p;
}

static void
fill_substance(PrecursorHit *p, const CacheSubstance *s, int sub)
{
	p->cache_sub = sub;
	p->substance_id = s->substance_id;
	p->substance_name = s->name;
	p->casrn = s->casrn;
	p->watchlist_code = s->watchlist_code;
	p->category = s->category;
}

/* Canonical text of an identifier hit, palloc'd */
static char *
ident_text(PmHitKind kind, int64 ident)
{
	char		buf[32];

	switch (kind)
	{
		case PM_HIT_CAS:
			casrn_format(ident, buf);
			break;
		case PM_HIT_EC:
			ecnumber_format((int32) ident, buf);
			break;
		case PM_HIT_CN:
			cncode_format(ident, buf);
			break;
		default:
			buf[0] = '\0';
	}
	return pstrdup(buf);
}

static bool
collect_hit(const PmHit *h, void *arg)
{
	Collector  *col = arg;
	WatchlistCache *c = col->c;
	bool		names_substance = false;

	switch (h->kind)
	{
		case PM_HIT_NAME:
		case PM_HIT_SYNONYM:
		case PM_HIT_FUZZY:
		case PM_HIT_HOMOGLYPH:
			{
				CacheTerm  *t;

				if (h->term_id >= (uint32) c->nterms)
					break;
				names_substance = true;
				if (col->stop_at_first)
					break;
				t = &c->terms[h->term_id];
				{
					PrecursorHit *p = new_hit(col, h);

					fill_substance(p, &c->subs[t->sub], t->sub);
					p->matched_term = t->term;
					p->term_kind = t->kind;
					p->term_lang = t->lang;
				}
				break;
			}
		case PM_HIT_CAS:
			{
				int			k = ident_lower_bound(c->cas, c->ncas, h->ident);
				char	   *txt = NULL;

				for (; k < c->ncas && c->cas[k].ident == h->ident; k++)
				{
					PrecursorHit *p;

					names_substance = true;
					if (col->stop_at_first)
						break;
					if (txt == NULL)
						txt = ident_text(h->kind, h->ident);
					p = new_hit(col, h);
					fill_substance(p, &c->subs[c->cas[k].sub], c->cas[k].sub);
					p->matched_term = txt;
				}
				break;
			}
		case PM_HIT_CN:
			{
				char	   *txt = NULL;
				int			k;

				/*
				 * The declared code is the substance's code or a subdivision
				 * of it.  A CN code alone does not identify a substance
				 * (several share one, with unscheduled chemicals too), hence
				 * the low score.
				 */
				int64		code = h->ident;
				bool		more = true;

				/* the code itself, then each enclosing level */
				while (more && !(col->stop_at_first && names_substance))
				{
					for (k = ident_lower_bound(c->cn, c->ncn, code);
						 k < c->ncn && c->cn[k].ident == code; k++)
					{
						PrecursorHit *p;

						names_substance = true;
						if (col->stop_at_first)
							break;
						if (txt == NULL)
							txt = ident_text(h->kind, h->ident);
						p = new_hit(col, h);
						fill_substance(p, &c->subs[c->cn[k].sub], c->cn[k].sub);
						p->matched_term = txt;
						p->score = Min(p->score, 0.5f);
					}
					more = cncode_parent(code, &code);
				}
				break;
			}
		case PM_HIT_EC:
			if (!col->stop_at_first)
			{
				/* No EC numbers in the model: show it, unresolved. */
				PrecursorHit *p = new_hit(col, h);

				p->matched_term = ident_text(h->kind, h->ident);
				p->score = Min(p->score, 0.3f);
			}
			break;
	}

	if (col->stop_at_first && names_substance && !h->negated)
	{
		col->matched = true;
		return true;
	}
	return false;
}

/*
 * Output order: start, longer first, substance, better first.  Sorting
 * small keys rather than hits (a few hundred bytes each) keeps a text with
 * millions of hits fast.
 */
typedef struct HitKey
{
	int32		start;
	int32		end;
	int32		substance_id;
	float4		score;
	int32		kind;
	int32		idx;			/* into the collector's array */
} HitKey;

static int
cmp_hitkey(const void *a, const void *b)
{
	const HitKey *x = a;
	const HitKey *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->substance_id != y->substance_id)
		return x->substance_id < y->substance_id ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->idx - y->idx;
}

typedef struct OffsetRef
{
	int32		byte;
	int32	   *dest;
} OffsetRef;

static int
cmp_offset(const void *a, const void *b)
{
	const OffsetRef *x = a;
	const OffsetRef *y = b;

	return (x->byte > y->byte) - (x->byte < y->byte);
}

/*
 * Is hit h (coming after every hit that starts before it or at the same
 * place with a longer span) inside a kept hit of the same substance?  Small
 * sets are checked directly; large ones through the furthest end reached so
 * far per substance of the cache.
 */
static bool
contained(PrecursorHit *h, PrecursorHit **kept, int nkept, int32 *maxend)
{
	if (h->substance_id == 0)
	{
		/* unresolved identifier: only an identical twin is redundant */
		PrecursorHit *prev = nkept > 0 ? kept[nkept - 1] : NULL;

		return prev && prev->substance_id == 0 && prev->ident == h->ident &&
			prev->start_byte == h->start_byte && prev->end_byte == h->end_byte;
	}
	if (maxend == NULL)
	{
		int			i;

		for (i = 0; i < nkept; i++)
			if (kept[i]->substance_id == h->substance_id &&
				kept[i]->end_byte >= h->end_byte)
				return true;
		return false;
	}
	if (maxend[h->cache_sub] >= h->end_byte)
		return true;
	maxend[h->cache_sub] = h->end_byte;
	return false;
}

/*
 * Drop duplicates and hits inside a longer hit of the same substance, put
 * the rest in output order, and compute character positions in one pass
 * over the text.  Returns the number of hits left, pointers in *out.
 */
static int
finish_hits(WatchlistCache *c, PrecursorHit *hits, int n, const char *text,
			PrecursorHit ***out)
{
	HitKey	   *keys;
	PrecursorHit **kept;
	int32	   *maxend = NULL;
	int			nkept = 0;
	int			i;
	OffsetRef  *refs;
	int32		pos_byte = 0;
	int32		pos_char = 1;

	*out = NULL;
	if (n == 0)
		return 0;

	keys = palloc_extended(sizeof(HitKey) * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		keys[i].start = hits[i].start_byte;
		keys[i].end = hits[i].end_byte;
		keys[i].substance_id = hits[i].substance_id;
		keys[i].score = hits[i].score;
		keys[i].kind = (int32) hits[i].kind;
		keys[i].idx = i;
	}
	qsort(keys, n, sizeof(HitKey), cmp_hitkey);

	if (n > 16)
	{
		int32		j;

		maxend = palloc(sizeof(int32) * Max(c->nsubs, 1));
		for (j = 0; j < c->nsubs; j++)
			maxend[j] = -1;
	}
	kept = palloc_extended(sizeof(PrecursorHit *) * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		PrecursorHit *h = &hits[keys[i].idx];

		CHECK_FOR_INTERRUPTS();
		if (!contained(h, kept, nkept, maxend))
			kept[nkept++] = h;
	}
	pfree(keys);
	if (maxend)
		pfree(maxend);
	n = nkept;

	refs = palloc_extended(sizeof(OffsetRef) * 2 * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		refs[2 * i].byte = kept[i]->start_byte;
		refs[2 * i].dest = &kept[i]->start_char;
		refs[2 * i + 1].byte = kept[i]->end_byte;
		refs[2 * i + 1].dest = &kept[i]->end_char;
	}
	qsort(refs, 2 * n, sizeof(OffsetRef), cmp_offset);
	for (i = 0; i < 2 * n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (refs[i].byte > pos_byte)
		{
			pos_char += pg_mbstrlen_with_len(text + pos_byte,
											 refs[i].byte - pos_byte);
			pos_byte = refs[i].byte;
		}
		*refs[i].dest = pos_char;
	}
	pfree(refs);
	*out = kept;
	return n;
}

/* Run the scan, restarting after an interrupt that did not end the query */
static void
run_scan(Collector *col, PmMatcher *m, const char *text, int len,
		 uint32 flags, bool lookup)
{
	for (;;)
	{
		PmStatus	st;

		col->nhits = 0;
		col->matched = false;
		if (lookup)
			st = pm_lookup(m, text, (size_t) len, flags, collect_hit, col);
		else
			st = pm_screen(m, text, (size_t) len, flags, collect_hit, col,
						   scan_interrupted, NULL);

		switch (st)
		{
			case PM_OK:
			case PM_STOPPED:
				return;
			case PM_INTERRUPTED:
				CHECK_FOR_INTERRUPTS();
				/* a benign interrupt: scan again from the start */
				continue;
			case PM_INVALID_UTF8:
				/* cannot happen for text in a UTF8 database */
				ereport(ERROR,
						(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
						 errmsg("invalid UTF-8 in the screened text")));
				break;
			case PM_ERROR:
				ereport(ERROR,
						(errcode(ERRCODE_INTERNAL_ERROR),
						 errmsg("watchlist scan failed"),
						 errdetail("%s", pm_last_error(m))));
				break;
		}
	}
}

/*
 * Give a returned hit its own copies of the strings that point into the
 * cache: the caller may keep hits while a later call in the same query
 * rebuilds (and frees) the cache after an invalidation.  Identifier texts
 * are already palloc'd by ident_text().
 */
static void
copy_hit_strings(PrecursorHit *h)
{
	if (h->substance_name)
		h->substance_name = pstrdup(h->substance_name);
	if (h->watchlist_code)
		h->watchlist_code = pstrdup(h->watchlist_code);
	if (h->category)
		h->category = pstrdup(h->category);
	if (h->kind != PM_HIT_CAS && h->kind != PM_HIT_EC && h->kind != PM_HIT_CN)
	{
		if (h->matched_term)
			h->matched_term = pstrdup(h->matched_term);
		if (h->term_kind)
			h->term_kind = pstrdup(h->term_kind);
		if (h->term_lang)
			h->term_lang = pstrdup(h->term_lang);
	}
}

List *
precursor_screen_text(const char *text, int len, const ScreenOptions *opts)
{
	WatchlistCache *c;
	Collector	col;
	uint32		flags = 0;
	List	   *result = NIL;
	PrecursorHit **sorted;
	int			n;
	int			i;

	if (opts->stop_at_first && !opts->lookup)
	{
		/* One hit that names a substance, found again in full below. */
		if (!precursor_text_matches(text, len, opts->fuzzy))
			return NIL;
	}

	/*
	 * Only now: get_cache() may rebuild and free the cache, so no pointer
	 * into it may be held across a call.
	 */
	c = get_cache(opts->fuzzy);
	memset(&col, 0, sizeof(col));
	col.c = c;
	col.text = text;

	if (opts->fuzzy)
		flags |= PM_SCAN_FUZZY;
	run_scan(&col, opts->fuzzy ? c->fuzzy : c->exact, text, len, flags,
			 opts->lookup);

	n = finish_hits(c, col.hits, col.nhits, text, &sorted);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (opts->stop_at_first &&
			(sorted[i]->negated || sorted[i]->substance_id == 0))
			continue;
		copy_hit_strings(sorted[i]);
		result = lappend(result, sorted[i]);
		if (opts->stop_at_first)
			break;
	}
	return result;
}

bool
precursor_text_matches(const char *text, int len, bool fuzzy)
{
	WatchlistCache *c = get_cache(fuzzy);
	Collector	col;
	uint32		flags = PM_SCAN_SKIP_NEGATED;

	memset(&col, 0, sizeof(col));
	col.c = c;
	col.text = text;
	col.stop_at_first = true;
	if (fuzzy)
		flags |= PM_SCAN_FUZZY;
	run_scan(&col, fuzzy ? c->fuzzy : c->exact, text, len, flags, false);
	return col.matched;
}

/*
 * Raise screen()'s permission error unless the current role may read the
 * watchlists (for the screening trigger, whose annotate and reject modes
 * reveal list entries to the role that fires it).
 */
void
precursor_watchlist_check_read(void)
{
	(void) get_cache(false);
}
