SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The screening trigger on a partitioned table: attached to the parent, it
-- is cloned to every partition (also one attached or created later), rows
-- routed by INSERT and COPY are screened once, and alerts name the table
-- the trigger was attached to... or the partition; this file pins which.
CREATE SCHEMA screening_partition;
SET search_path = screening_partition, public;

CREATE TABLE decl (id int, day date NOT NULL, goods text, qty numeric, unit text, buyer text,
                   hits jsonb)
	PARTITION BY RANGE (day);
CREATE TABLE decl_2025q1 PARTITION OF decl FOR VALUES FROM ('2025-01-01') TO ('2025-04-01');
CREATE TABLE decl_2025q2 PARTITION OF decl FOR VALUES FROM ('2025-04-01') TO ('2025-07-01');
SELECT precursor.attach_screening('decl', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id', 'annotate=hits', 'mode=alert,annotate') IS NOT NULL AS attached;
-- a partition created after the trigger gets it too
CREATE TABLE decl_2025q3 PARTITION OF decl FOR VALUES FROM ('2025-07-01') TO ('2025-10-01');
-- and so does a table attached as a partition
CREATE TABLE decl_2025q4 (LIKE decl);
ALTER TABLE decl ATTACH PARTITION decl_2025q4 FOR VALUES FROM ('2025-10-01') TO ('2026-01-01');
SELECT c.relname, t.tgname, t.tgparentid <> 0 AS cloned
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'screening_partition'::regnamespace AND NOT t.tgisinternal
 ORDER BY 1;

-- rows routed to every partition, by INSERT and by COPY, each screened once
INSERT INTO decl (id, day, goods, qty, unit, buyer) VALUES
	(1, '2025-02-01', 'safrole 5 l', 5, 'l', 'Part Co'),
	(2, '2025-05-01', 'cotton shirts', 5, 'kg', 'Part Co'),
	(3, '2025-08-01', 'piperonal 1 kg', 1, 'kg', 'Part Co');
COPY decl (id, day, goods, qty, unit, buyer) FROM STDIN WITH (FORMAT csv);
4,2025-06-20,potassium permanganate,60,kg,Parted Co
5,2025-07-05,potassium permanganate,60,kg,Parted Co
6,2025-11-15,toluene,1,kg,Part Co
\.
SELECT tableoid::regclass AS partition, id, jsonb_array_length(hits) AS findings,
       hits->0->>'substance' AS substance
  FROM decl ORDER BY id;
SELECT source_table, row_key, substance_name, jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table LIKE 'screening_partition.%' ORDER BY alert_id;
-- the cumulative rule adds shipments across partitions of one table
SELECT source_table, row_key, quantity FROM precursor.shipment_ledger
 WHERE source_table LIKE 'screening_partition.%' ORDER BY row_key;

-- the trigger cannot be dropped from one partition alone
DROP TRIGGER precursor_screen ON decl_2025q1;
-- dropping it from the parent drops every clone
DROP TRIGGER precursor_screen ON decl;
SELECT count(*) AS triggers_left FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'screening_partition'::regnamespace AND NOT t.tgisinternal;

RESET search_path;
DROP SCHEMA screening_partition CASCADE;
