SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The trigger buffers alerts and shipment ledger rows and writes them in
-- batches: at the end of each statement, every 1000 rows, and before commit.
-- What must not change: the alerts of a statement are there when the next
-- statement runs, a rolled-back savepoint (or PL/pgSQL exception block)
-- takes its alerts and shipments with it and nothing else, and the
-- cumulative rule counts shipments not yet written.
CREATE SCHEMA screening_batching;
SET search_path = screening_batching, public;

CREATE TABLE d (id int, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('d', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id') IS NOT NULL AS attached;

CREATE VIEW alerts AS
SELECT row_key::int AS id, substance_name,
       jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table = 'screening_batching.d';

-- visible to the next statement of the same transaction, INSERT and COPY
BEGIN;
INSERT INTO d VALUES (1, 'Safrole, 1 l', 1, 'l', 'A', '2025-03-01');
SELECT * FROM alerts ORDER BY id;
COPY d FROM STDIN WITH (FORMAT csv);
2,Isosafrole,1,l,A,2025-03-01
3,Citric acid,10,kg,A,2025-03-01
\.
SELECT * FROM alerts ORDER BY id;

-- a rolled-back savepoint drops its alerts, and only its alerts
SAVEPOINT s;
INSERT INTO d VALUES (4, 'Safrole', 1, 'l', 'A', '2025-03-01');
ROLLBACK TO s;
INSERT INTO d VALUES (5, 'Piperonal', 1, 'kg', 'A', '2025-03-01');
RELEASE s;
SELECT * FROM alerts ORDER BY id;
COMMIT;
SELECT * FROM alerts ORDER BY id;

-- a COPY as the first statement of a new session loads the library from
-- inside the trigger, too late for this statement's end-of-statement hook:
-- its alerts are written when the next statement starts (here a SELECT in
-- the same transaction) ...
\c -
SET search_path = screening_batching, public;
BEGIN;
COPY d FROM STDIN WITH (FORMAT csv);
6,Safrole,2,l,B,2025-03-02
\.
SELECT * FROM alerts WHERE id = 6;
COMMIT;
-- ... or before commit, where the portal's snapshot is already gone
\c -
SET search_path = screening_batching, public;
COPY d FROM STDIN WITH (FORMAT csv);
7,Safrole,2,l,C,2025-03-02
\.
SELECT * FROM alerts WHERE id = 7;

-- an exception block inside a statement: the statement's own rows, still
-- buffered when the block's subtransaction ends, are kept; the block's rows
-- are dropped, even those its inner statement had already written
CREATE FUNCTION inner_insert(i int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		INSERT INTO screening_batching.d VALUES (100 + i, 'Safrole', 1, 'l', 'A', '2025-03-01');
		RAISE EXCEPTION 'undo';
	EXCEPTION WHEN raise_exception THEN
		NULL;
	END;
	RETURN 'Isosafrole';
END $$;
INSERT INTO d SELECT i, CASE WHEN i = 11 THEN inner_insert(i) ELSE 'Safrole' END,
	1, 'l', 'A', '2025-03-01'
  FROM generate_series(10, 12) i;
SELECT * FROM alerts WHERE id >= 10 ORDER BY id;

-- more rows than one batch: the batches written inside a savepoint go
-- with it
BEGIN;
SAVEPOINT big;
INSERT INTO d SELECT 1000 + i, 'Safrole', 1, 'l', 'A', '2025-03-01' FROM generate_series(1, 2500) i;
SELECT count(*) AS alerts_in_savepoint FROM alerts WHERE id > 1000;
ROLLBACK TO big;
SELECT count(*) AS alerts_after_rollback FROM alerts WHERE id > 1000;
INSERT INTO d SELECT 5000 + i, 'Safrole', 1, 'l', 'A', '2025-03-01' FROM generate_series(1, 1500) i;
COMMIT;
SELECT count(*) AS alerts_committed, min(id), max(id) FROM alerts WHERE id > 1000;

-- split shipments (potassium permanganate, 100 kg): three of 40 kg in one
-- statement; between the first and the third a subtransaction aborts, which
-- drops the transaction's cached shipment list, so the third reads the
-- ledger again and must add the first, still buffered
CREATE FUNCTION buyer_after_abort() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		RAISE EXCEPTION 'undo';
	EXCEPTION WHEN raise_exception THEN
		NULL;
	END;
	RETURN 'Split Co';
END $$;
INSERT INTO d SELECT 20 + i, 'Potassium permanganate', 40, 'kg',
	CASE WHEN i = 2 THEN buyer_after_abort() ELSE 'SPLIT CO' END, '2025-04-01'
  FROM generate_series(1, 3) i;
SELECT * FROM alerts WHERE id BETWEEN 20 AND 29 ORDER BY id;
SELECT count(*) AS ledger_rows, sum(quantity) AS total_kg
  FROM precursor.shipment_ledger WHERE source_table = 'screening_batching.d';

-- an UPDATE replaces the row's shipment, also one recorded in the same
-- transaction
BEGIN;
INSERT INTO d VALUES (30, 'Potassium permanganate', 10, 'kg', 'Other Co', '2025-04-01');
UPDATE d SET qty = 20 WHERE id = 30;
SELECT row_key, quantity FROM precursor.shipment_ledger
 WHERE source_table = 'screening_batching.d' AND row_key = '30';
COMMIT;

RESET search_path;
DROP SCHEMA screening_batching CASCADE;
DELETE FROM precursor.shipment_ledger WHERE source_table = 'screening_batching.d';
