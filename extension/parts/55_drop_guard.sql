
-- ===========================================================================
-- 55 drop guard: DROP EXTENSION precursor (or DROP SCHEMA ... CASCADE of its
-- schema) refuses while user watchlist rows or alerts exist, unless
-- precursor.allow_drop_with_data is on (src/drop_guard.c).
-- ===========================================================================

CREATE FUNCTION precursor.drop_guard() RETURNS event_trigger
	LANGUAGE c AS 'MODULE_PATHNAME', 'precursor_drop_guard';
COMMENT ON FUNCTION precursor.drop_guard() IS
	'Event trigger function: refuses DROP EXTENSION precursor, and DROP SCHEMA ... CASCADE of its schema, while user watchlist rows or alerts exist and precursor.allow_drop_with_data is off.';

CREATE EVENT TRIGGER precursor_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION precursor.drop_guard();
COMMENT ON EVENT TRIGGER precursor_drop_guard IS
	'Keeps DROP EXTENSION precursor from deleting user watchlists and alerts unless precursor.allow_drop_with_data is on.';
