/*
 * inchikey_type.c
 *		Server glue of the inchikey type: I/O, comparison, hashing, the
 *		skeleton, and the planner support function that makes a skeleton
 *		match against a constant use a btree index.
 *
 * The value is the 16-byte InchiKey of src/core/inchikey.h, passed by
 * reference; memcmp order is text order.
 */
#include "precursor.h"

#include "access/hash.h"
#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "inchikey.h"

#define PG_GETARG_INCHIKEY(n)	((InchiKey *) PG_GETARG_POINTER(n))

PG_FUNCTION_INFO_V1(inchikey_in);
Datum
inchikey_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	PrecursorError err;
	InchiKey   *k = palloc(sizeof(InchiKey));

	if (!inchikey_parse(str, strlen(str), k, &err))
	{
		precursor_report_input_error(PRECURSOR_ESCONTEXT(fcinfo), &err, str);
		return (Datum) 0;
	}
	PG_RETURN_POINTER(k);
}

PG_FUNCTION_INFO_V1(inchikey_out);
Datum
inchikey_out(PG_FUNCTION_ARGS)
{
	InchiKey   *k = PG_GETARG_INCHIKEY(0);
	char	   *buf = palloc(INCHIKEY_LEN + 1);

	inchikey_format(k, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: the 16 packed bytes, validated on receipt. */
PG_FUNCTION_INFO_V1(inchikey_recv);
Datum
inchikey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			start = buf->cursor;
	InchiKey   *k = palloc(sizeof(InchiKey));

	precursor_recv_check_length(buf, INCHIKEY_PACKED_LEN, "inchikey", INCHIKEY_BINARY_FORMAT);
	pq_copymsgbytes(buf, (char *) k->bytes, INCHIKEY_PACKED_LEN);
	if (!inchikey_is_valid(k))
		precursor_recv_invalid(buf, start, "inchikey", INCHIKEY_BINARY_FORMAT,
							   "16 bytes that are not 25 packed letters of a well-formed key");
	PG_RETURN_POINTER(k);
}

PG_FUNCTION_INFO_V1(inchikey_send);
Datum
inchikey_send(PG_FUNCTION_ARGS)
{
	InchiKey   *k = PG_GETARG_INCHIKEY(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (char *) k->bytes, INCHIKEY_PACKED_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(inchikey_is_valid_text);
Datum
inchikey_is_valid_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(inchikey_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, NULL));
}

/* ---------- comparison and hashing ---------- */

#define IK_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(inchikey_cmp(PG_GETARG_INCHIKEY(0), PG_GETARG_INCHIKEY(1)) op 0); \
}

IK_CMP_FN(inchikey_eq, ==)
IK_CMP_FN(inchikey_ne, !=)
IK_CMP_FN(inchikey_lt, <)
IK_CMP_FN(inchikey_le, <=)
IK_CMP_FN(inchikey_gt, >)
IK_CMP_FN(inchikey_ge, >=)

PG_FUNCTION_INFO_V1(inchikey_cmp_fn);
Datum
inchikey_cmp_fn(PG_FUNCTION_ARGS)
{
	int			c = inchikey_cmp(PG_GETARG_INCHIKEY(0), PG_GETARG_INCHIKEY(1));

	PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

PG_FUNCTION_INFO_V1(inchikey_hash);
Datum
inchikey_hash(PG_FUNCTION_ARGS)
{
	return hash_any(PG_GETARG_INCHIKEY(0)->bytes, INCHIKEY_PACKED_LEN);
}

PG_FUNCTION_INFO_V1(inchikey_hash_extended);
Datum
inchikey_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended(PG_GETARG_INCHIKEY(0)->bytes, INCHIKEY_PACKED_LEN,
							 PG_GETARG_INT64(1));
}

/* ---------- skeleton ---------- */

PG_FUNCTION_INFO_V1(inchikey_skeleton_fn);
Datum
inchikey_skeleton_fn(PG_FUNCTION_ARGS)
{
	char		buf[INCHIKEY_SKELETON_LEN + 1];

	inchikey_skeleton(PG_GETARG_INCHIKEY(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(inchikey_same_skeleton_fn);
Datum
inchikey_same_skeleton_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(inchikey_same_skeleton(PG_GETARG_INCHIKEY(0), PG_GETARG_INCHIKEY(1)));
}

static Datum
inchikey_bound(FunctionCallInfo fcinfo, bool upper)
{
	InchiKey   *lo = palloc(sizeof(InchiKey));
	InchiKey   *hi = palloc(sizeof(InchiKey));

	inchikey_skeleton_bounds(PG_GETARG_INCHIKEY(0), lo, hi);
	if (upper)
	{
		pfree(lo);
		PG_RETURN_POINTER(hi);
	}
	pfree(hi);
	PG_RETURN_POINTER(lo);
}

PG_FUNCTION_INFO_V1(inchikey_skeleton_min);
Datum
inchikey_skeleton_min(PG_FUNCTION_ARGS)
{
	return inchikey_bound(fcinfo, false);
}

PG_FUNCTION_INFO_V1(inchikey_skeleton_max);
Datum
inchikey_skeleton_max(PG_FUNCTION_ARGS)
{
	return inchikey_bound(fcinfo, true);
}

/* ---------- planner support: skeleton match as a btree range ---------- */

static bool
ik_opfamily_is_btree(Oid opfamily)
{
	HeapTuple	tup;
	bool		result;

	tup = SearchSysCache1(OPFAMILYOID, ObjectIdGetDatum(opfamily));
	if (!HeapTupleIsValid(tup))
		return false;
	result = ((Form_pg_opfamily) GETSTRUCT(tup))->opfmethod == BTREE_AM_OID;
	ReleaseSysCache(tup);
	return result;
}

static Expr *
ik_bound_clause(Oid opno, Node *indexkey, Oid typid, InchiKey *bound)
{
	return make_opclause(opno, BOOLOID, false, (Expr *) indexkey,
						 (Expr *) makeConst(typid, -1, InvalidOid, INCHIKEY_PACKED_LEN,
											PointerGetDatum(bound), false, false),
						 InvalidOid, InvalidOid);
}

/*
 * "index ~= C" (either side) becomes "index >= min(C) AND index <= max(C)":
 * all keys with one skeleton are contiguous in the packed order, and the
 * bounds are the smallest and largest well-formed keys with it, so the
 * range is exact.
 */
PG_FUNCTION_INFO_V1(inchikey_same_skeleton_support);
Datum
inchikey_same_skeleton_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestIndexCondition *req;
	List	   *args;
	Node	   *indexkey;
	Node	   *other;
	Oid			typid;
	Oid			ge_op;
	Oid			le_op;
	InchiKey   *lo;
	InchiKey   *hi;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestIndexCondition *) rawreq;
	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		PG_RETURN_POINTER(NULL);
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		PG_RETURN_POINTER(NULL);

	indexkey = list_nth(args, req->indexarg);
	other = list_nth(args, 1 - req->indexarg);
	typid = exprType(indexkey);
	if (!IsA(other, Const) || ((Const *) other)->constisnull ||
		((Const *) other)->consttype != typid ||
		!ik_opfamily_is_btree(req->opfamily))
		PG_RETURN_POINTER(NULL);
	ge_op = get_opfamily_member(req->opfamily, typid, typid, BTGreaterEqualStrategyNumber);
	le_op = get_opfamily_member(req->opfamily, typid, typid, BTLessEqualStrategyNumber);
	if (!OidIsValid(ge_op) || !OidIsValid(le_op))
		PG_RETURN_POINTER(NULL);

	lo = palloc(sizeof(InchiKey));
	hi = palloc(sizeof(InchiKey));
	inchikey_skeleton_bounds((InchiKey *) DatumGetPointer(((Const *) other)->constvalue),
							 lo, hi);
	req->lossy = false;
	PG_RETURN_POINTER(list_make2(ik_bound_clause(ge_op, indexkey, typid, lo),
								 ik_bound_clause(le_op, indexkey, typid, hi)));
}
