/*
 * matching_store.c
 *		Compiled matchers saved under $PGDATA/pg_precursor and loaded back
 *		by the next backend that reads the same term list.
 *
 * A file is named by the database, the build flags and the first half of
 * its key, and holds:
 *
 *		magic "PCSTORE2", format version (uint32), build flags (uint32),
 *		key (SHA-256 of the term list, format and module file: 32 bytes),
 *		payload length (uint64), payload (pm_serialize), and a SHA-256
 *		digest of everything before it.
 *
 * The loader trusts nothing it reads: only a regular file is opened (with
 * O_NONBLOCK, so a FIFO cannot stall the backend, and checked with fstat),
 * its size is bounded, the key inside must equal the key of the list being
 * compiled (a file copied from another list's name is refused), the digest
 * must match, and pm_deserialize() bounds-checks every count and offset of
 * the payload.  Whatever fails, the file is removed and the caller
 * compiles.  Files are written under a temporary name and renamed; older
 * files of the same database and flags, and those of dropped databases,
 * are removed when a newer one is saved.
 */
#include "matching_store.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/cryptohash.h"
#include "common/hashfn.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/syscache.h"

#define STORE_DIR		"pg_precursor"
#define STORE_MAGIC		"PCSTORE2"
#define STORE_VERSION	2
#define STORE_HEADER	(8 + 4 + 4 + PG_SHA256_DIGEST_LENGTH + 8)
#define STORE_MAX_BYTES	((Size) 1024 * 1024 * 1024)

/*
 * Identity of the loaded module file (inode, size, mtime): a stored matcher
 * holds terms normalised by the code that built it, so a reinstalled module
 * must not load matchers of the previous one.  0 when unknown.
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

/* SHA-256 of the concatenated parts; errors are the server's */
typedef struct Sha
{
	pg_cryptohash_ctx *ctx;
} Sha;

static void
sha_begin(Sha *sha)
{
	sha->ctx = pg_cryptohash_create(PG_SHA256);
	if (sha->ctx == NULL || pg_cryptohash_init(sha->ctx) < 0)
		elog(ERROR, "could not initialise SHA-256: %s",
			 pg_cryptohash_error(sha->ctx));
}

static void
sha_add(Sha *sha, const void *data, size_t len)
{
	if (pg_cryptohash_update(sha->ctx, (const uint8 *) data, len) < 0)
		elog(ERROR, "could not compute SHA-256: %s",
			 pg_cryptohash_error(sha->ctx));
}

static void
sha_end(Sha *sha, uint8 *digest)
{
	if (pg_cryptohash_final(sha->ctx, digest, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "could not compute SHA-256: %s",
			 pg_cryptohash_error(sha->ctx));
	pg_cryptohash_free(sha->ctx);
	sha->ctx = NULL;
}

bool
matching_store_key(const PmTerm *terms, int n, uint32 flags,
				  MatcherStoreKey *key)
{
	uint64		module = module_identity();
	uint32		version = STORE_VERSION;
	Sha			sha;
	int			i;

	if (module == 0)
		return false;
	sha_begin(&sha);
	sha_add(&sha, STORE_MAGIC, 8);
	sha_add(&sha, &version, sizeof(version));
	sha_add(&sha, &module, sizeof(module));
	sha_add(&sha, &flags, sizeof(flags));
	sha_add(&sha, &n, sizeof(n));
	for (i = 0; i < n; i++)
	{
		/* lengths first: ("ab", "c") and ("a", "bc") differ */
		uint64		len = terms[i].len;
		uint32		kind = (uint32) terms[i].kind;

		sha_add(&sha, &len, sizeof(len));
		sha_add(&sha, &kind, sizeof(kind));
		sha_add(&sha, &terms[i].id, sizeof(terms[i].id));
		sha_add(&sha, terms[i].text, terms[i].len);
	}
	sha_end(&sha, key->digest);
	return true;
}

static void
store_path(char *buf, size_t len, uint32 flags, const MatcherStoreKey *key)
{
	uint64		k0,
				k1;

	memcpy(&k0, key->digest, sizeof(k0));
	memcpy(&k1, key->digest + sizeof(k0), sizeof(k1));
	snprintf(buf, len, STORE_DIR "/pm-%u-%u-%016llx%016llx",
			 MyDatabaseId, flags, (unsigned long long) k0, (unsigned long long) k1);
}

/*
 * Check a stored file's bytes against the key and flags; on success point
 * *payload at the serialised matcher inside.
 */
static bool
store_verify(const char *buf, size_t len, uint32 flags,
			 const MatcherStoreKey *key, const char **payload,
			 size_t *payload_len, const char **why)
{
	uint32		version;
	uint32		fflags;
	uint64		plen;
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	Sha			sha;

	if (len < STORE_HEADER + PG_SHA256_DIGEST_LENGTH ||
		memcmp(buf, STORE_MAGIC, 8) != 0)
	{
		*why = "not a matcher file of this format";
		return false;
	}
	memcpy(&version, buf + 8, sizeof(version));
	memcpy(&fflags, buf + 12, sizeof(fflags));
	memcpy(&plen, buf + 16 + PG_SHA256_DIGEST_LENGTH, sizeof(plen));
	if (version != STORE_VERSION || fflags != flags)
	{
		*why = "another format version or build flags";
		return false;
	}
	if (memcmp(buf + 16, key->digest, PG_SHA256_DIGEST_LENGTH) != 0)
	{
		*why = "compiled from another term list or module build";
		return false;
	}
	if (plen != len - STORE_HEADER - PG_SHA256_DIGEST_LENGTH)
	{
		*why = "payload length does not match the file size";
		return false;
	}
	sha_begin(&sha);
	sha_add(&sha, buf, len - PG_SHA256_DIGEST_LENGTH);
	sha_end(&sha, digest);
	if (memcmp(digest, buf + len - PG_SHA256_DIGEST_LENGTH, PG_SHA256_DIGEST_LENGTH) != 0)
	{
		*why = "SHA-256 digest mismatch";
		return false;
	}
	*payload = buf + STORE_HEADER;
	*payload_len = (size_t) plen;
	return true;
}

/*
 * Read a whole regular file of bounded size into a palloc'd buffer, never
 * blocking on what is not a regular file.  NULL (with *why) on any failure.
 */
static char *
read_regular_file(const char *path, size_t *len, const char **why)
{
	struct stat st;
	char	   *buf;
	size_t		done = 0;
	int			fd;

	fd = OpenTransientFile(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | PG_BINARY);
	if (fd < 0)
	{
		*why = errno == ENOENT ? NULL : "could not be opened";
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
	{
		CloseTransientFile(fd);
		*why = "not a regular file";
		return NULL;
	}
	if (st.st_size <= 0 || (Size) st.st_size > STORE_MAX_BYTES)
	{
		CloseTransientFile(fd);
		*why = "empty or too large";
		return NULL;
	}
	buf = palloc_extended((Size) st.st_size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	if (buf == NULL)
	{
		CloseTransientFile(fd);
		*why = "out of memory";
		return NULL;
	}
	while (done < (size_t) st.st_size)
	{
		ssize_t		r = read(fd, buf + done, (size_t) st.st_size - done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		done += (size_t) r;
		CHECK_FOR_INTERRUPTS();
	}
	CloseTransientFile(fd);
	if (done != (size_t) st.st_size)
	{
		pfree(buf);
		*why = "short read";
		return NULL;
	}
	*len = done;
	return buf;
}

PmMatcher *
matching_store_load(uint32 flags, const MatcherStoreKey *key)
{
	char		path[MAXPGPATH];
	PrecursorError err;
	const char *why = NULL;
	const char *payload;
	size_t		payload_len;
	char	   *buf;
	size_t		len;
	PmMatcher  *m = NULL;

	store_path(path, sizeof(path), flags, key);
	buf = read_regular_file(path, &len, &why);
	if (buf != NULL)
	{
		if (store_verify(buf, len, flags, key, &payload, &payload_len, &why))
		{
			m = pm_deserialize(payload, payload_len, &err);
			if (m == NULL)
				why = err.detail;
		}
		pfree(buf);
	}
	if (m == NULL && why != NULL)
	{
		/* compiled again and saved over it */
		ereport(LOG,
				(errmsg("precursor: ignoring stored matcher \"%s\": %s", path, why)));
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

/* Write all of buf to fd; false on a short write */
static bool
write_all(int fd, const char *buf, size_t len)
{
	size_t		done = 0;

	while (done < len)
	{
		ssize_t		w = write(fd, buf + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		done += (size_t) w;
	}
	return true;
}

void
matching_store_save(const PmMatcher *m, uint32 flags, const MatcherStoreKey *key)
{
	char		path[MAXPGPATH];
	char		tmp[MAXPGPATH];
	PrecursorError err;
	char	   *payload;
	size_t		payload_len;

	payload = pm_serialize(m, &payload_len, &err);
	if (payload == NULL)
	{
		elog(DEBUG1, "precursor: could not serialise the matcher: %s", err.detail);
		return;
	}
	store_path(path, sizeof(path), flags, key);
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, MyProcPid);

	/* free the malloc'd payload whatever happens */
	PG_TRY();
	{
		char		header[STORE_HEADER];
		uint8		digest[PG_SHA256_DIGEST_LENGTH];
		uint32		version = STORE_VERSION;
		uint64		plen = payload_len;
		Sha			sha;
		int			fd;

		memcpy(header, STORE_MAGIC, 8);
		memcpy(header + 8, &version, sizeof(version));
		memcpy(header + 12, &flags, sizeof(flags));
		memcpy(header + 16, key->digest, PG_SHA256_DIGEST_LENGTH);
		memcpy(header + 16 + PG_SHA256_DIGEST_LENGTH, &plen, sizeof(plen));
		sha_begin(&sha);
		sha_add(&sha, header, sizeof(header));
		sha_add(&sha, payload, payload_len);
		sha_end(&sha, digest);

		if (MakePGDirectory(STORE_DIR) != 0 && errno != EEXIST)
			elog(DEBUG1, "precursor: could not create directory \"%s\": %m", STORE_DIR);
		fd = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | PG_BINARY);
		if (fd >= 0)
		{
			bool		written;

			written = write_all(fd, header, sizeof(header)) &&
				write_all(fd, payload, payload_len) &&
				write_all(fd, (const char *) digest, sizeof(digest));
			CloseTransientFile(fd);
			if (written && rename(tmp, path) == 0)
				store_prune(path);
			else
				(void) unlink(tmp);
		}
	}
	PG_FINALLY();
	{
		free(payload);
	}
	PG_END_TRY();
}
