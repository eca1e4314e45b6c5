-- The shipped rows (watchlists, entries, CN codes, synonyms) and the list
-- releases with their entries, one line per row and column ("table key
-- column=value"), sorted: a fresh install and an upgraded one of the same
-- version must print the same text, so a data-only difference (a corrected
-- row the upgrade script forgot) fails the upgrade test, and the diff names
-- the row and the column.  installed_at (when the database installed a
-- release) is left out.
SET search_path = pg_catalog;
WITH row_ AS (
	SELECT 'watchlist ' || w.watchlist_id AS k, to_jsonb(w) AS r FROM precursor.watchlist AS w WHERE w.builtin
	UNION ALL
	SELECT 'substance ' || s.substance_id, to_jsonb(s) FROM precursor.substance AS s WHERE s.builtin
	UNION ALL
	SELECT format('substance_cn %s/%s/%s', c.substance_id, c.cn_code, c.ex), to_jsonb(c)
	  FROM precursor.substance_cn AS c WHERE c.builtin
	UNION ALL
	SELECT 'synonym ' || y.synonym_id, to_jsonb(y) FROM precursor.synonym AS y WHERE y.builtin
	UNION ALL
	SELECT 'list_release ' || r.release, to_jsonb(r) - 'installed_at' FROM precursor.list_release AS r
	UNION ALL
	SELECT format('list_release_entry %s/%s/%s', e.release, e.watchlist, e.entry_key), to_jsonb(e)
	  FROM precursor.list_release_entry AS e
)
SELECT x.l FROM (SELECT row_.k || ' ' || c.key || '=' || c.value::text AS l
				   FROM row_ CROSS JOIN LATERAL jsonb_each(row_.r) AS c) AS x
 ORDER BY x.l COLLATE "C";
