SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The trigger's configuration errors not covered by screening_trigger.sql,
-- each refused at CREATE TRIGGER time with a message naming what is wrong,
-- and the spellings it tolerates (spaces around values and list items).
CREATE SCHEMA screening_config;
SET search_path = screening_config, public;
\set VERBOSITY terse

CREATE TABLE decl (id int, goods text, qty numeric, unit text, hits jsonb,
                   hits_gen jsonb GENERATED ALWAYS AS ('[]'::jsonb) STORED);

-- an argument given twice
SELECT precursor.attach_screening('decl', 'description=goods', 'description=unit');
-- an empty mode, or an unknown one in a list
SELECT precursor.attach_screening('decl', 'description=goods', 'mode=');
SELECT precursor.attach_screening('decl', 'description=goods', 'mode=alert,shout');
-- an annotate column without annotate mode, a generated one, one that is
-- also an input
SELECT precursor.attach_screening('decl', 'description=goods', 'annotate=hits');
SELECT precursor.attach_screening('decl', 'description=goods', 'annotate=hits_gen', 'mode=annotate');
SELECT precursor.attach_screening('decl', 'description=goods', 'key=hits', 'annotate=hits', 'mode=annotate');
-- reject_categories: empty, or without reject mode
SELECT precursor.attach_screening('decl', 'description=goods', 'mode=reject', 'reject_categories= , ');
SELECT precursor.attach_screening('decl', 'description=goods', 'reject_categories=1');
-- below_threshold takes ignore or alert
SELECT precursor.attach_screening('decl', 'description=goods', 'below_threshold=sometimes');
-- a BEFORE DELETE trigger is refused (nothing to screen)
CREATE TRIGGER bad BEFORE DELETE ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods');
-- the function is a trigger function only, and validation needs a trigger
SELECT precursor.screen_trigger();
SELECT precursor.screen_trigger_validate(0);
SELECT count(*) AS triggers_left FROM pg_trigger WHERE tgrelid = 'decl'::regclass AND NOT tgisinternal;
\set VERBOSITY default

-- spaces after "=" and around list items are ignored: categories
-- " 1 ", "Table I " are 1 and Table I
SELECT precursor.attach_screening('decl', 'description= goods', 'key=id',
	'mode= reject , alert ', 'reject_categories= Table I ,  1 ') IS NOT NULL AS attached;
INSERT INTO decl (id, goods) VALUES (1, 'safrole');
INSERT INTO decl (id, goods) VALUES (2, 'toluene');
SELECT id FROM decl ORDER BY id;
SELECT row_key, substance_name FROM precursor.alert WHERE source_table = 'screening_config.decl';

-- an EC number in the description: no list records EC numbers, so it names
-- no substance and raises nothing (it raised an alert for a substance "?")
CREATE TABLE decl_ec (id int, goods text, hits jsonb);
SELECT precursor.attach_screening('decl_ec', 'description=goods', 'key=id', 'annotate=hits',
	'mode=alert,annotate') IS NOT NULL AS attached;
INSERT INTO decl_ec VALUES (1, 'solvent, EINECS 200-662-2', NULL), (2, 'acetone, EC 200-662-2', NULL);
SELECT id, jsonb_path_query_array(hits, '$[*].substance') AS substances,
       jsonb_path_query_array(hits, '$[*].reasons[*].rule') AS rules
  FROM decl_ec ORDER BY id;
SELECT row_key, substance_name FROM precursor.alert WHERE source_table = 'screening_config.decl_ec';

RESET search_path;
DROP SCHEMA screening_config CASCADE;
