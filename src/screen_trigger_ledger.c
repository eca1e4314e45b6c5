/*
 * screen_trigger_ledger.c
 *		The shipments per (consignee, substance) that the cumulative rule of
 *		precursor.screen_trigger() sums, and the lock that keeps them exact.
 *
 * Owns a per-backend hash table of the pairs this transaction has read
 * (ledger_cxt, ledger_pairs), dropped by ledger_reset() from the
 * transaction callbacks in screen_trigger_writer.c.
 *
 * The cumulative rule sums a consignee's shipments of a substance within the
 * window.  Instead of a query per shipment, the first shipment of a
 * (consignee, substance) pair in a transaction reads the pair's ledger rows
 * once, under the ledger lock (ledger_lock()); the transaction's own
 * shipments are then added to that list as they are recorded.  The list
 * stays exact while the lock is held: no other session can add a shipment
 * before this transaction ends.  It is dropped at the end of the
 * transaction, when a subtransaction aborts (its rows and possibly its lock
 * are gone), and when an UPDATE deletes ledger rows.  (Ledger rows changed by
 * hand in the same transaction are not seen; only the tables' owner can do
 * that.)
 */
#include "precursor.h"

#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "common/hashfn.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "screen_trigger_int.h"

/* Upper-case, trimmed, single-spaced: how consignees are grouped */
char *
consignee_key(const char *s)
{
	StringInfoData b;
	bool		space = false;

	initStringInfo(&b);
	for (; *s; s++)
	{
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		{
			space = b.len > 0;
			continue;
		}
		if (space)
			appendStringInfoChar(&b, ' ');
		space = false;
		appendStringInfoChar(&b, pg_ascii_toupper((unsigned char) *s));
	}
	return b.data;
}


static MemoryContext ledger_cxt = NULL;
static HTAB *ledger_pairs = NULL;

static uint32
ledger_key_hash(const void *key, Size keysize)
{
	const LedgerKey *k = key;

	return hash_combine(hash_bytes((const unsigned char *) k->consignee_key,
								   strlen(k->consignee_key)),
						(uint32) k->substance_id);
}

static int
ledger_key_match(const void *a, const void *b, Size keysize)
{
	const LedgerKey *x = a;
	const LedgerKey *y = b;

	if (x->substance_id != y->substance_id)
		return 1;
	return strcmp(x->consignee_key, y->consignee_key);
}

void
ledger_reset(void)
{
	ledger_pairs = NULL;
	if (ledger_cxt != NULL)
		MemoryContextReset(ledger_cxt);
}


/*
 * Read the ledger rows of (consignee key, substance) into pair, by a direct
 * scan of shipment_ledger_window_idx (consignee_key, substance_id,
 * shipped_on): no SPI, no executor.  The snapshot is the one a non-read-only
 * SPI query would take: the command counter is advanced first (this
 * transaction's flushed rows are seen) and, in READ COMMITTED, the snapshot
 * is taken after the caller's ledger lock.  Runs as the alert tables'
 * owner (the caller), who can read the ledger.
 */
static void
ledger_read(const char *ckey, int32 substance_id, LedgerPair *pair)
{
	Oid			nsp = get_namespace_oid("precursor", false);
	Oid			relid = get_relname_relid("shipment_ledger", nsp);
	Oid			indid = get_relname_relid("shipment_ledger_window_idx", nsp);
	Relation	heap;
	Relation	index;
	AttrNumber	att_date;
	AttrNumber	att_qty;
	ScanKeyData keys[2];
	Snapshot	snap;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	text	   *ckey_text = cstring_to_text(ckey);

	if (!OidIsValid(relid) || !OidIsValid(indid))
		elog(ERROR, "precursor.shipment_ledger or its index shipment_ledger_window_idx is missing");

	heap = table_open(relid, AccessShareLock);
	index = index_open(indid, AccessShareLock);
	if (index->rd_index->indrelid != relid ||
		index->rd_index->indnkeyatts < 2 ||
		index->rd_index->indkey.values[0] != get_attnum(relid, "consignee_key") ||
		index->rd_index->indkey.values[1] != get_attnum(relid, "substance_id"))
		elog(ERROR, "index precursor.shipment_ledger_window_idx does not lead with (consignee_key, substance_id)");
	att_date = get_attnum(relid, "shipped_on");
	att_qty = get_attnum(relid, "quantity");
	if (att_date == InvalidAttrNumber || att_qty == InvalidAttrNumber)
		elog(ERROR, "precursor.shipment_ledger lacks shipped_on or quantity");

	/* the index's collation, not ScanKeyInit's C: the tree is sorted by it */
	ScanKeyEntryInitialize(&keys[0], 0, 1, BTEqualStrategyNumber, InvalidOid,
						   index->rd_indcollation[0], F_TEXTEQ,
						   PointerGetDatum(ckey_text));
	ScanKeyEntryInitialize(&keys[1], 0, 2, BTEqualStrategyNumber, InvalidOid,
						   index->rd_indcollation[1], F_INT4EQ,
						   Int32GetDatum(substance_id));

	CommandCounterIncrement();
	snap = RegisterSnapshot(GetTransactionSnapshot());
	slot = table_slot_create(heap, NULL);
	scan = index_beginscan(heap, index, snap, 2, 0);
	index_rescan(scan, keys, 2, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		n1,
					n2;
		Datum		d,
					q;

		CHECK_FOR_INTERRUPTS();
		d = slot_getattr(slot, att_date, &n1);
		q = slot_getattr(slot, att_qty, &n2);
		if (n1 || n2)
			continue;
		if (pair->n >= pair->max)
		{
			pair->max *= 2;
			pair->ship = repalloc(pair->ship, sizeof(LedgerShipment) * pair->max);
		}
		pair->ship[pair->n].shipped_on = DatumGetDateADT(d);
		pair->ship[pair->n].quantity = DatumGetFloat8(DirectFunctionCall1(numeric_float8, q));
		pair->n++;
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	index_close(index, AccessShareLock);
	table_close(heap, AccessShareLock);
	pfree(ckey_text);
}

/*
 * The shipments of (consignee key, substance) known to this transaction,
 * read from the ledger under the pair's advisory lock if not yet known.
 */
LedgerPair *
ledger_get(const char *ckey, int32 substance_id)
{
	LedgerKey	key;
	LedgerPair *pair;
	bool		found;

	screen_callbacks_init();
	if (ledger_cxt == NULL)
		ledger_cxt = AllocSetContextCreate(TopMemoryContext,
										   "precursor shipment ledger cache",
										   ALLOCSET_DEFAULT_SIZES);
	if (ledger_pairs == NULL)
	{
		HASHCTL		ctl;

		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(LedgerKey);
		ctl.entrysize = sizeof(LedgerPair);
		ctl.hash = ledger_key_hash;
		ctl.match = ledger_key_match;
		ctl.hcxt = ledger_cxt;
		ledger_pairs = hash_create("precursor shipment ledger pairs", 256, &ctl,
								   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}

	key.substance_id = substance_id;
	key.consignee_key = ckey;
	pair = hash_search(ledger_pairs, &key, HASH_FIND, NULL);
	if (pair != NULL)
		return pair;

	/*
	 * A concurrent session's shipments are committed (and read below, with a
	 * snapshot taken after the lock) before ours are summed.
	 */
	ledger_lock();

	/*
	 * Entered only once the list is complete: an error while reading leaves
	 * the pair unknown, to be read again.
	 */
	{
		LedgerPair	tmp;
		MemoryContext old = MemoryContextSwitchTo(ledger_cxt);

		tmp.n = 0;
		tmp.max = 16;
		tmp.ship = palloc(sizeof(LedgerShipment) * tmp.max);
		MemoryContextSwitchTo(old);
		ledger_read(ckey, substance_id, &tmp);

		key.consignee_key = MemoryContextStrdup(ledger_cxt, ckey);
		pair = hash_search(ledger_pairs, &key, HASH_ENTER, &found);
		pair->n = tmp.n;
		pair->max = tmp.max;
		pair->ship = tmp.ship;
	}
	/* and the shipments recorded but not yet written (see pending_add()) */
	pending_merge_ledger(ckey, substance_id, pair);
	return pair;
}

/*
 * Serialise the transactions that read or record shipments: EXCLUSIVE lock on
 * precursor.shipment_ledger_lock to the end of the transaction.  One lock,
 * not one per (consignee, substance) taken in row order: two loads naming
 * crossed consignees deadlocked that way, and no lock order can be fixed
 * before the rows arrive.  The table grants nothing to anyone, so no other
 * role can take or hold the lock (an advisory lock can be taken by anyone).
 * Readers of the ledger (SELECT) are not blocked.  Re-taking a held lock is a
 * local hash lookup.
 */
void
ledger_lock(void)
{
	Oid			nsp = get_namespace_oid("precursor", false);
	Oid			relid = get_relname_relid("shipment_ledger_lock", nsp);

	/* a database still at 1.0: the ledger itself, which only its owner can lock */
	if (!OidIsValid(relid))
		relid = get_relname_relid("shipment_ledger", nsp);
	if (!OidIsValid(relid))
		elog(ERROR, "table precursor.shipment_ledger is missing");
	LockRelationOid(relid, ExclusiveLock);
}

void
ledger_add(LedgerPair *pair, DateADT shipped_on, double quantity)
{
	if (pair->n >= pair->max)
	{
		pair->max *= 2;
		pair->ship = repalloc(pair->ship, sizeof(LedgerShipment) * pair->max);
	}
	pair->ship[pair->n].shipped_on = shipped_on;
	pair->ship[pair->n].quantity = quantity;
	pair->n++;
}

