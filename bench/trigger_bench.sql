-- bench/trigger_bench.sql: COPY the same declarations file into three tables:
--   plain  no trigger
--   noop   a C BEFORE ROW trigger that does nothing (contrib lo's lo_manage,
--          which on INSERT only looks up its column and returns the row):
--          the floor of any row trigger, since COPY then stops batching
--          its inserts
--   c      precursor.screen_trigger() in alert mode
--   plpg   the PL/pgSQL trigger a user would write: every watchlist term as
--          an ILIKE pattern, one alert row per hit (run on a subsample)
-- psql variables: file (CSV path), sub (CSV of the subsample), subrows.
\set ON_ERROR_STOP 1
\timing off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
DROP TABLE IF EXISTS bench_plain, bench_noop, bench_c, bench_plpg, bench_plpg_alert, bench_times;
CREATE TABLE bench_times (variant text, rows bigint, seconds float8);
CREATE TABLE bench_plain (decl_id bigint, declared_on date, consignor text, consignee text,
	dest_country text, goods_text text, cn_code text, cas text, qty numeric, unit text);
CREATE TABLE bench_noop (LIKE bench_plain);
CREATE TABLE bench_c (LIKE bench_plain);
DROP FUNCTION IF EXISTS bench_noop_trigger();
CREATE FUNCTION bench_noop_trigger() RETURNS trigger AS '$libdir/lo', 'lo_manage' LANGUAGE C;
CREATE TRIGGER noop BEFORE INSERT ON bench_noop FOR EACH ROW EXECUTE FUNCTION bench_noop_trigger('goods_text');
CREATE TABLE bench_plpg (LIKE bench_plain);
SELECT precursor.attach_screening('bench_c', 'description=goods_text', 'casrn=cas', 'cn=cn_code',
	'quantity=qty', 'unit=unit', 'consignee=consignee', 'consignor=consignor',
	'country=dest_country', 'date=declared_on', 'key=decl_id', 'mode=alert') IS NOT NULL AS attached;

CREATE TABLE bench_plpg_alert (decl_id bigint, substance_id int, term text);
CREATE FUNCTION bench_plpg_screen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT substance_id, term FROM precursor.watchlist_term LOOP
		IF NEW.goods_text ILIKE '%' || t.term || '%' THEN
			INSERT INTO bench_plpg_alert VALUES (NEW.decl_id, t.substance_id, t.term);
		END IF;
	END LOOP;
	RETURN NEW;
END $$;
CREATE TRIGGER screen BEFORE INSERT ON bench_plpg FOR EACH ROW EXECUTE FUNCTION bench_plpg_screen();

-- warm the caches (watchlist compile, plans) outside the timings
BEGIN;
INSERT INTO bench_c (decl_id, goods_text) VALUES (0, 'Acetone');
INSERT INTO bench_plpg (decl_id, goods_text) VALUES (0, 'Acetone');
ROLLBACK;
SELECT count(*) >= 0 AS warmed FROM precursor.watchlist_term;

CREATE FUNCTION bench_copy(tbl text, path text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE format('COPY %I FROM %L WITH (FORMAT csv, HEADER)', tbl, path);
	RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;

\echo 'COPY without trigger'
SELECT bench_copy('bench_plain', :'file') AS s \gset
INSERT INTO bench_times SELECT 'plain', count(*), :s FROM bench_plain;
\echo 'COPY with a no-op C trigger'
SELECT bench_copy('bench_noop', :'file') AS s \gset
INSERT INTO bench_times SELECT 'noop', count(*), :s FROM bench_noop;
TRUNCATE bench_noop;
\echo 'COPY with precursor.screen_trigger'
SELECT bench_copy('bench_c', :'file') AS s \gset
INSERT INTO bench_times SELECT 'c', count(*), :s FROM bench_c;
TRUNCATE bench_plain;
\echo 'COPY without trigger (subsample)'
SELECT bench_copy('bench_plain', :'sub') AS s \gset
INSERT INTO bench_times SELECT 'plain_sub', count(*), :s FROM bench_plain;
\echo 'COPY with the PL/pgSQL ILIKE trigger (subsample)'
SELECT bench_copy('bench_plpg', :'sub') AS s \gset
INSERT INTO bench_times SELECT 'plpg_sub', count(*), :s FROM bench_plpg;

\echo
\echo 'Results'
SELECT variant, rows, round(seconds::numeric, 2) AS seconds,
       round((seconds * 1e6 / rows)::numeric, 2) AS us_per_row
  FROM bench_times ORDER BY variant;
SELECT round(((SELECT seconds FROM bench_times WHERE variant = 'c') /
              (SELECT seconds FROM bench_times WHERE variant = 'plain'))::numeric, 2) AS c_over_plain,
       round(((SELECT seconds FROM bench_times WHERE variant = 'c') /
              (SELECT seconds FROM bench_times WHERE variant = 'noop'))::numeric, 2) AS c_over_noop,
       round(((SELECT seconds FROM bench_times WHERE variant = 'noop') /
              (SELECT seconds FROM bench_times WHERE variant = 'plain'))::numeric, 2) AS noop_over_plain,
       round(((SELECT seconds / rows FROM bench_times WHERE variant = 'plpg_sub') /
              (SELECT seconds / rows FROM bench_times WHERE variant = 'plain_sub'))::numeric, 1) AS plpgsql_over_plain,
       round(((SELECT seconds / rows FROM bench_times WHERE variant = 'plpg_sub') /
              (SELECT seconds / rows FROM bench_times WHERE variant = 'c'))::numeric, 1) AS plpgsql_over_c,
       round(((SELECT seconds / rows FROM bench_times WHERE variant = 'plpg_sub') *
              (SELECT rows FROM bench_times WHERE variant = 'c'))::numeric, 0) AS plpgsql_extrapolated_seconds_full;
SELECT (SELECT count(*) FROM precursor.alert WHERE source_table = 'public.bench_c') AS c_alerts,
       (SELECT count(DISTINCT row_key) FROM precursor.alert WHERE source_table = 'public.bench_c') AS c_rows_alerted,
       (SELECT count(*) FROM bench_c) AS c_rows,
       (SELECT count(*) FROM precursor.shipment_ledger WHERE source_table = 'public.bench_c') AS c_ledger_rows;
