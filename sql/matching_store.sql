--
-- matching_store: the matcher store ($PGDATA/pg_precursor) loads only a
-- file it can verify.  A file of another term list under this list's name,
-- a damaged file and a named pipe are all refused, compiled again, and
-- replaced by a good file.  (Superuser only: the files are read and written
-- with lo_import/lo_export and COPY TO PROGRAM.)
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- The stored exact matcher ("pm-<database>-0-<key>") of the shipped lists
SELECT count(*) AS safrole_hits FROM precursor.screen('safrole');
\c
SELECT loaded AS list_a_loaded FROM precursor.watchlist_cache_info();
SELECT 'pg_precursor/' || f AS list_a_file
  FROM pg_catalog.pg_ls_dir('pg_precursor') f
 WHERE f LIKE 'pm-' || (SELECT oid FROM pg_catalog.pg_database
						 WHERE datname = pg_catalog.current_database()) || '-0-%' \gset
SELECT pg_catalog.lo_import(:'list_a_file') AS list_a_lo \gset

-- List B: one more substance, so one more term
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('MATCHING-STORE-TEST', 'matching_store test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'Zylostorin', 'watch', 'https://example.invalid/zylostorin', 'internal note 2'
  FROM precursor.watchlist WHERE code = 'MATCHING-STORE-TEST';
SELECT substance, watchlist FROM precursor.screen('Zylostorin, safrole') ORDER BY 2;
SELECT 'pg_precursor/' || f AS list_b_file
  FROM pg_catalog.pg_ls_dir('pg_precursor') f
 WHERE f LIKE 'pm-' || (SELECT oid FROM pg_catalog.pg_database
						 WHERE datname = pg_catalog.current_database()) || '-0-%' \gset
SELECT :'list_a_file' <> :'list_b_file' AS another_name;
\c
SELECT loaded AS list_b_loaded FROM precursor.watchlist_cache_info();

-- 1. List A's file copied over list B's name (issue 8: it used to be loaded,
-- and safrole came back as another substance): refused and compiled
SELECT pg_catalog.lo_export(:list_a_lo, :'list_b_file') > 0 AS swapped;
\c
SELECT loaded AS swapped_loaded FROM precursor.watchlist_cache_info();
SELECT substance, watchlist FROM precursor.screen('Zylostorin, safrole') ORDER BY 2;
-- the compiled matcher was saved over it: the next backend loads that
\c
SELECT loaded AS replaced_loaded FROM precursor.watchlist_cache_info();

-- 2. One byte of the file changed: the SHA-256 digest no longer matches
SELECT pg_catalog.lo_from_bytea(0,
		 pg_catalog.set_byte(b, pg_catalog.length(b) / 2,
							 pg_catalog.get_byte(b, pg_catalog.length(b) / 2) # 1))
		 AS damaged_lo
  FROM pg_catalog.pg_read_binary_file(:'list_b_file') b \gset
SELECT pg_catalog.lo_export(:damaged_lo, :'list_b_file') > 0 AS damaged;
\c
SELECT loaded AS damaged_loaded FROM precursor.watchlist_cache_info();
SELECT count(*) AS zylostorin_hits FROM precursor.screen('Zylostorin');

-- 3. The file cut short
SELECT pg_catalog.lo_from_bytea(0, pg_catalog.substr(b, 1, pg_catalog.length(b) - 100))
		 AS short_lo
  FROM pg_catalog.pg_read_binary_file(:'list_b_file') b \gset
SELECT pg_catalog.lo_export(:short_lo, :'list_b_file') > 0 AS cut_short;
\c
SELECT loaded AS short_loaded FROM precursor.watchlist_cache_info();

-- 4. A named pipe at the path (nobody writes to it): opening it must not
-- block the backend (it used to, past any statement_timeout)
-- (not echoed: the file name holds the key, which changes with every build)
\set ECHO none
SELECT pg_catalog.format('COPY (SELECT 1) TO PROGRAM %L',
						'rm -f ' || :'list_b_file' || ' && mkfifo ' || :'list_b_file') \gexec
\set ECHO all
SELECT (pg_catalog.pg_stat_file(:'list_b_file')).size = 0 AS fifo_in_place;
\c
SET statement_timeout = '20s';
SELECT loaded AS fifo_loaded FROM precursor.watchlist_cache_info();
SELECT count(*) AS zylostorin_hits FROM precursor.screen('Zylostorin');
RESET statement_timeout;
-- replaced by a regular file again
\c
SELECT loaded AS after_fifo_loaded FROM precursor.watchlist_cache_info();

-- clean up: list B goes, list A's matcher is compiled and stored again
SELECT pg_catalog.lo_unlink(:list_a_lo) + pg_catalog.lo_unlink(:damaged_lo) +
	   pg_catalog.lo_unlink(:short_lo) AS unlinked;
DELETE FROM precursor.substance WHERE name = 'Zylostorin';
DELETE FROM precursor.watchlist WHERE code = 'MATCHING-STORE-TEST';
SELECT count(*) AS safrole_hits FROM precursor.screen('safrole');
