
-- ===========================================================================
-- 22 list releases: which edition of the shipped lists is installed, and
-- what changed between editions.
--
-- Shipped rows are read-only and recreated by the extension's scripts, so a
-- new edition of the lists (an amendment of the annexes, a CND decision)
-- reaches a database only through a new extension version: its upgrade
-- script rewrites the shipped rows and records a new release here, with a
-- snapshot of every shipped entry.  precursor.list_release_changes compares
-- each release with the one before.
-- ===========================================================================

CREATE TABLE precursor.list_release (
	release		text PRIMARY KEY,
	previous	text NULL UNIQUE REFERENCES precursor.list_release,
	shipped_in	text NOT NULL,
	acts_up_to	text NOT NULL,
	installed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	note		text NULL,
	CONSTRAINT list_release_not_own_previous CHECK (previous IS DISTINCT FROM release)
);
COMMENT ON TABLE precursor.list_release IS
	'Editions of the shipped EU and UN lists, oldest first through previous; the one no other release names as previous is installed. Written only by the extension''s scripts.';
COMMENT ON COLUMN precursor.list_release.release IS 'Release identifier: the date from which the latest act in the edition applies, with .N for the Nth corrected edition of the same acts.';
COMMENT ON COLUMN precursor.list_release.previous IS 'The release this one replaced (NULL for the first).';
COMMENT ON COLUMN precursor.list_release.shipped_in IS 'The extension version whose script installed this release.';
COMMENT ON COLUMN precursor.list_release.acts_up_to IS 'The latest amending act included (EU delegated regulation or CND decision).';
COMMENT ON COLUMN precursor.list_release.installed_at IS 'When this database installed the release (CREATE or ALTER EXTENSION).';
COMMENT ON COLUMN precursor.list_release.note IS 'What the release is, in words.';

CREATE TABLE precursor.list_release_entry (
	release		text NOT NULL REFERENCES precursor.list_release ON DELETE CASCADE,
	watchlist	text NOT NULL,
	entry_key	text NOT NULL,
	name		text NOT NULL,
	casrn		@extschema@.casrn NULL,
	category	text NOT NULL,
	source_act	text NOT NULL,
	synonyms	text[] NOT NULL,
	coverage	text[] NULL,
	PRIMARY KEY (release, watchlist, entry_key)
);
COMMENT ON TABLE precursor.list_release_entry IS
	'Snapshot of every shipped watchlist entry in each release, for precursor.list_release_changes.';
COMMENT ON COLUMN precursor.list_release_entry.release IS 'The release of the snapshot.';
COMMENT ON COLUMN precursor.list_release_entry.watchlist IS 'Code of the shipped watchlist (EU-273/2004, EU-111/2005, UN-1988).';
COMMENT ON COLUMN precursor.list_release_entry.entry_key IS 'What identifies the entry across releases: its CAS RN, or its name when it has none.';
COMMENT ON COLUMN precursor.list_release_entry.name IS 'Name of the entry in this release.';
COMMENT ON COLUMN precursor.list_release_entry.casrn IS 'CAS RN of the entry, when it has one.';
COMMENT ON COLUMN precursor.list_release_entry.category IS 'Category of the entry in this release.';
COMMENT ON COLUMN precursor.list_release_entry.source_act IS 'The act the entry in its wording in this release comes from.';
COMMENT ON COLUMN precursor.list_release_entry.synonyms IS 'The shipped synonyms of the entry in this release, sorted.';
COMMENT ON COLUMN precursor.list_release_entry.coverage IS 'What the entry covers besides the substance itself in this release: esters, ethers, salts, stereoisomers (NULL: not recorded).';

CREATE VIEW precursor.list_release_changes WITH (security_invoker = true) AS
	WITH pair AS (
		SELECT r.release, r.previous FROM precursor.list_release AS r WHERE r.previous IS NOT NULL
	), old AS (
		-- the previous release's entries, labelled with the release that follows
		SELECT p.release AS next_release, e.watchlist, e.entry_key, e.name, e.casrn, e.category,
			   e.source_act, e.synonyms, e.coverage
		  FROM pair AS p
		  JOIN precursor.list_release_entry AS e ON e.release = p.previous
	), new AS (
		SELECT e.* FROM pair AS p
		  JOIN precursor.list_release_entry AS e ON e.release = p.release
	), kept AS (
		SELECT n.release, n.watchlist, n.name, n.casrn, n.source_act, n.synonyms, n.coverage,
			   n.category AS new_category, o.category AS old_category, o.name AS old_name,
			   o.synonyms AS old_synonyms, o.coverage AS old_coverage
		  FROM new AS n
		  JOIN old AS o ON o.next_release = n.release AND o.watchlist = n.watchlist AND o.entry_key = n.entry_key
	)
	SELECT n.release, 'added'::text AS change, n.watchlist, n.name, n.casrn,
		   NULL::text AS old_category, n.category AS new_category, NULL::text AS synonym, n.source_act AS act,
		   NULL::text AS detail
	  FROM new AS n
	 WHERE NOT EXISTS (SELECT FROM old AS o WHERE o.next_release = n.release AND o.watchlist = n.watchlist
											 AND o.entry_key = n.entry_key)
	UNION ALL
	SELECT o.next_release, 'removed', o.watchlist, o.name, o.casrn, o.category, NULL,
		   NULL, (SELECT r.acts_up_to FROM precursor.list_release AS r WHERE r.release = o.next_release), NULL
	  FROM old AS o
	 WHERE NOT EXISTS (SELECT FROM new AS n WHERE n.release = o.next_release AND n.watchlist = o.watchlist
											 AND n.entry_key = o.entry_key)
	UNION ALL
	SELECT k.release, 'recategorised', k.watchlist, k.name, k.casrn, k.old_category, k.new_category, NULL,
		   k.source_act, NULL
	  FROM kept AS k
	 WHERE k.old_category <> k.new_category
	UNION ALL
	SELECT k.release, 'renamed', k.watchlist, k.name, k.casrn, k.old_category, k.new_category, NULL,
		   k.source_act, pg_catalog.format('was %s', k.old_name)
	  FROM kept AS k
	 WHERE k.old_name <> k.name
	UNION ALL
	SELECT k.release, 'coverage', k.watchlist, k.name, k.casrn, k.old_category, k.new_category, NULL,
		   k.source_act,
		   pg_catalog.format('covers %s (was %s)',
							 COALESCE(NULLIF(pg_catalog.array_to_string(k.coverage, ', '), ''), 'the substance only'),
							 COALESCE(NULLIF(pg_catalog.array_to_string(k.old_coverage, ', '), ''), 'the substance only'))
	  FROM kept AS k
	 WHERE k.coverage <> k.old_coverage
	UNION ALL
	SELECT k.release, 'new synonym', k.watchlist, k.name, k.casrn, k.old_category, k.new_category, s.synonym,
		   k.source_act, NULL
	  FROM kept AS k
	 CROSS JOIN LATERAL pg_catalog.unnest(k.synonyms) AS s(synonym)
	 WHERE s.synonym <> ALL (k.old_synonyms);
COMMENT ON VIEW precursor.list_release_changes IS
	'What each release changed in the shipped lists compared with the one before: entries added, removed, recategorised, renamed, with a changed coverage (esters, ethers, salts, stereoisomers), and new synonyms, with the act behind each change (for a removal: the latest act of the release) and, for a renaming or a coverage change, what it was before (detail).';

CREATE FUNCTION precursor.list_release_snapshot(release_id text) RETURNS bigint
	LANGUAGE sql VOLATILE
BEGIN ATOMIC
	INSERT INTO precursor.list_release_entry
		(release, watchlist, entry_key, name, casrn, category, source_act, synonyms, coverage)
	SELECT list_release_snapshot.release_id, w.code, COALESCE(s.casrn::text, s.name), s.name, s.casrn,
		   s.category, s.source_act,
		   COALESCE((SELECT pg_catalog.array_agg(y.name ORDER BY y.name)
					   FROM precursor.synonym AS y WHERE y.substance_id = s.substance_id AND y.builtin),
					'{}'),
		   pg_catalog.array_remove(ARRAY[CASE WHEN s.covers_esters THEN 'esters' END,
										 CASE WHEN s.covers_ethers THEN 'ethers' END,
										 CASE WHEN s.covers_salts THEN 'salts' END,
										 CASE WHEN s.covers_stereoisomers THEN 'stereoisomers' END], NULL)
	  FROM precursor.substance AS s
	  JOIN precursor.watchlist AS w ON w.watchlist_id = s.watchlist_id
	 WHERE s.builtin AND w.builtin;
	SELECT pg_catalog.count(*) FROM precursor.list_release_entry AS e
	 WHERE e.release = list_release_snapshot.release_id;
END;
COMMENT ON FUNCTION precursor.list_release_snapshot(text) IS
	'Records the shipped entries as they are now under the given release; called by the extension''s scripts after they write the shipped rows. Returns the number of entries of the release.';
REVOKE ALL ON FUNCTION precursor.list_release_snapshot(text) FROM PUBLIC;

-- The releases and their entries are written by part 23 (generated).

CREATE VIEW precursor.list_release_installed WITH (security_invoker = true) AS
	SELECT r.* FROM precursor.list_release AS r
	 WHERE NOT EXISTS (SELECT FROM precursor.list_release AS n WHERE n.previous = r.release);
COMMENT ON VIEW precursor.list_release_installed IS
	'The release of the shipped lists installed in this database.';

REVOKE ALL ON precursor.list_release, precursor.list_release_entry, precursor.list_release_changes,
	precursor.list_release_installed FROM PUBLIC;
GRANT SELECT ON precursor.list_release, precursor.list_release_entry, precursor.list_release_changes,
	precursor.list_release_installed TO precursor_reader;
