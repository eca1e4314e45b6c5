/*
 * precursor 1.1 -> 1.2: upgrade script.
 *
 * Keeps every row and every screening trigger.  Each step below names what
 * it changes; tests/integration/upgrade_from_older.sh installs 1.0 and 1.1,
 * fills them, updates them to 1.2 and compares the member objects and their
 * definitions with a fresh 1.2 install.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION precursor UPDATE TO '1.2'" to load this file. \quit
