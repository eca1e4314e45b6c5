--
-- matching_encoding: the matching engine works on UTF-8 only and says so
-- clearly in a database of another encoding.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

\set regress_db :DBNAME
CREATE DATABASE matching_encoding_latin1
	ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c matching_encoding_latin1
SET client_min_messages = warning;
CREATE EXTENSION precursor;
RESET client_min_messages;
SELECT pg_catalog.getdatabaseencoding();
SELECT precursor.matches('acetic anhydride');
SELECT * FROM precursor.screen('acetic anhydride');
SELECT precursor.normalize_name('Essigsäureanhydrid');
\c :regress_db
DROP DATABASE matching_encoding_latin1;
