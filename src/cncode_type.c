/*
 * cncode_type.c
 *		Server glue of the cncode type: I/O, comparison, hashing, hierarchy,
 *		and the planner support function that makes "col <@ const" use a
 *		btree index.
 *
 * The value is the int64 of src/core/cncode.h, passed by value.  Comparison
 * is plain int64 comparison, which is consistent for any int64, including the
 * internal subtree bounds.
 */
#include "precursor.h"

#include "access/hash.h"
#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/sortsupport.h"
#include "utils/syscache.h"

#include "cncode.h"

#define DatumGetCnCode(d)	DatumGetInt64(d)
#define CnCodeGetDatum(v)	Int64GetDatum(v)
#define PG_GETARG_CNCODE(n) DatumGetCnCode(PG_GETARG_DATUM(n))
#define PG_RETURN_CNCODE(v) return CnCodeGetDatum(v)

static const char *const cn_level_names[] = {
	"chapter", "heading", "hs_subheading", "cn_subheading", "taric"
};

/* ---------- input and output ---------- */

PG_FUNCTION_INFO_V1(cncode_in);
Datum
cncode_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	PrecursorError err;
	int64_t		v;

	if (!cncode_parse(str, strlen(str), &v, &err))
	{
		precursor_report_input_error(PRECURSOR_ESCONTEXT(fcinfo), &err, str);
		return (Datum) 0;
	}
	PG_RETURN_CNCODE(v);
}

static char *
cncode_to_cstring(int64 v)
{
	char	   *buf = palloc(CNCODE_TEXT_MAX);

	if (!cncode_value_is_valid(v))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted cncode value %lld", (long long) v)));
	cncode_format(v, buf);
	return buf;
}

PG_FUNCTION_INFO_V1(cncode_out);
Datum
cncode_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(cncode_to_cstring(PG_GETARG_CNCODE(0)));
}

/* Binary form: the int64 encoding, validated on receipt. */
PG_FUNCTION_INFO_V1(cncode_recv);
Datum
cncode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			start = buf->cursor;
	int64		v;

	precursor_recv_check_length(buf, 8, "cncode", CNCODE_BINARY_FORMAT);
	v = pq_getmsgint64(buf);
	if (!cncode_value_is_valid(v))
		precursor_recv_invalid(buf, start, "cncode", CNCODE_BINARY_FORMAT,
							   psprintf("%lld", (long long) v));
	PG_RETURN_CNCODE(v);
}

PG_FUNCTION_INFO_V1(cncode_send);
Datum
cncode_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_CNCODE(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Never raises for a malformed value: the pg-semver is_semver() pattern. */
PG_FUNCTION_INFO_V1(cncode_is_valid_text);
Datum
cncode_is_valid_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(cncode_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, NULL));
}

/* ---------- comparison and hashing ---------- */

#define CN_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_CNCODE(0) op PG_GETARG_CNCODE(1)); \
}

CN_CMP_FN(cncode_eq, ==)
CN_CMP_FN(cncode_ne, !=)
CN_CMP_FN(cncode_lt, <)
CN_CMP_FN(cncode_le, <=)
CN_CMP_FN(cncode_gt, >)
CN_CMP_FN(cncode_ge, >=)

PG_FUNCTION_INFO_V1(cncode_cmp);
Datum
cncode_cmp(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_CNCODE(0);
	int64		b = PG_GETARG_CNCODE(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

static int
cncode_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	int64		a = DatumGetCnCode(x);
	int64		b = DatumGetCnCode(y);

	return a < b ? -1 : (a > b ? 1 : 0);
}

PG_FUNCTION_INFO_V1(cncode_sortsupport);
Datum
cncode_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = cncode_fastcmp;
	PG_RETURN_VOID();
}

/* Same hashes as int8, which suits a value that is an int8 underneath. */
PG_FUNCTION_INFO_V1(cncode_hash);
Datum
cncode_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(cncode_hash_extended);
Datum
cncode_hash_extended(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(hashint8extended, PG_GETARG_DATUM(0),
							   PG_GETARG_DATUM(1));
}

/* ---------- hierarchy ---------- */

PG_FUNCTION_INFO_V1(cncode_contains_fn);
Datum
cncode_contains_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cncode_contains(PG_GETARG_CNCODE(0), PG_GETARG_CNCODE(1)));
}

PG_FUNCTION_INFO_V1(cncode_contained_by_fn);
Datum
cncode_contained_by_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cncode_contains(PG_GETARG_CNCODE(1), PG_GETARG_CNCODE(0)));
}

PG_FUNCTION_INFO_V1(cncode_level_fn);
Datum
cncode_level_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cncode_level(PG_GETARG_CNCODE(0)));
}

PG_FUNCTION_INFO_V1(cncode_level_name);
Datum
cncode_level_name(PG_FUNCTION_ARGS)
{
	int			level = cncode_level(PG_GETARG_CNCODE(0));

	if (level < 0 || level > CN_TARIC)
		elog(ERROR, "corrupted cncode level %d", level);
	PG_RETURN_TEXT_P(cstring_to_text(cn_level_names[level]));
}

PG_FUNCTION_INFO_V1(cncode_parent_fn);
Datum
cncode_parent_fn(PG_FUNCTION_ARGS)
{
	int64_t		parent;

	if (!cncode_parent(PG_GETARG_CNCODE(0), &parent))
		PG_RETURN_NULL();
	PG_RETURN_CNCODE(parent);
}

/* The ancestor (or the code itself) at a given level; NULL if above it. */
static Datum
cncode_ancestor_at(FunctionCallInfo fcinfo, int want)
{
	int64_t		v = PG_GETARG_CNCODE(0);

	if (cncode_level(v) < want)
		PG_RETURN_NULL();
	while (cncode_level(v) > want)
		(void) cncode_parent(v, &v);
	PG_RETURN_CNCODE(v);
}

PG_FUNCTION_INFO_V1(cncode_chapter);
Datum
cncode_chapter(PG_FUNCTION_ARGS)
{
	return cncode_ancestor_at(fcinfo, CN_CHAPTER);
}

PG_FUNCTION_INFO_V1(cncode_heading);
Datum
cncode_heading(PG_FUNCTION_ARGS)
{
	return cncode_ancestor_at(fcinfo, CN_HEADING);
}

PG_FUNCTION_INFO_V1(cncode_digits);
Datum
cncode_digits(PG_FUNCTION_ARGS)
{
	char	   *s = cncode_to_cstring(PG_GETARG_CNCODE(0));
	char	   *d = s;
	char	   *p;

	for (p = s; *p; p++)
		if (*p != ' ')
			*d++ = *p;
	*d = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(s));
}

PG_FUNCTION_INFO_V1(cncode_subtree_last_fn);
Datum
cncode_subtree_last_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_CNCODE(cncode_subtree_last(PG_GETARG_CNCODE(0)));
}

/* ---------- planner support: index conditions for containment ---------- */

static bool
opfamily_is_btree(Oid opfamily)
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

/*
 * The OID of precursor.cn_subtree_last(cncode), found in the schema of the
 * clause's own function rather than through search_path.
 */
static Oid
cncode_subtree_last_oid(Oid clause_funcid, Oid typid)
{
	char	   *nspname = get_namespace_name(get_func_namespace(clause_funcid));
	List	   *name;

	if (nspname == NULL)
		return InvalidOid;
	name = list_make2(makeString(nspname), makeString(pstrdup("cn_subtree_last")));
	return LookupFuncName(name, 1, &typid, true);
}

/*
 * "index <@ C" and "C @> index" become "index >= C AND index <= last", where
 * last is cn_subtree_last(C).  For a constant C the bound is computed now;
 * for a parameter (generic plans of prepared statements) it is the
 * expression cn_subtree_last($n), evaluated once at executor start-up.  The
 * range is exactly the subtree under the encoding, so the original clause
 * need not be rechecked.
 */
static List *
cncode_range_clauses(Node *indexkey, Node *other, Oid opfamily, Oid funcid,
					 bool *lossy)
{
	Oid			typid = exprType(indexkey);
	Oid			ge_op;
	Oid			le_op;
	Expr	   *lo_expr;
	Expr	   *hi_expr;

	if (exprType(other) != typid || !opfamily_is_btree(opfamily))
		return NIL;
	ge_op = get_opfamily_member(opfamily, typid, typid, BTGreaterEqualStrategyNumber);
	le_op = get_opfamily_member(opfamily, typid, typid, BTLessEqualStrategyNumber);
	if (!OidIsValid(ge_op) || !OidIsValid(le_op))
		return NIL;

	if (IsA(other, Const))
	{
		Const	   *c = (Const *) other;
		int64		lo;

		if (c->constisnull)
			return NIL;
		lo = DatumGetCnCode(c->constvalue);
		if (!cncode_value_is_valid(lo))
			return NIL;
		lo_expr = (Expr *) c;
		hi_expr = (Expr *) makeConst(typid, -1, InvalidOid, sizeof(int64),
									 CnCodeGetDatum(cncode_subtree_last(lo)),
									 false, FLOAT8PASSBYVAL);
	}
	else if (IsA(other, Param))
	{
		Oid			last_fn = cncode_subtree_last_oid(funcid, typid);

		if (!OidIsValid(last_fn))
			return NIL;
		lo_expr = (Expr *) other;
		hi_expr = (Expr *) makeFuncExpr(last_fn, typid, list_make1(other),
										InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
	}
	else
		return NIL;

	*lossy = false;
	return list_make2(make_opclause(ge_op, BOOLOID, false, (Expr *) indexkey, lo_expr,
									InvalidOid, InvalidOid),
					  make_opclause(le_op, BOOLOID, false, (Expr *) indexkey, hi_expr,
									InvalidOid, InvalidOid));
}

/*
 * Shared body of the two support functions; key_arg is the argument that
 * must be the index key for the clause to be a range (the inner code).
 */
static Node *
cncode_support_common(Node *rawreq, int key_arg)
{
	SupportRequestIndexCondition *req;
	List	   *args;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		return NULL;
	req = (SupportRequestIndexCondition *) rawreq;
	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return NULL;
	if (list_length(args) != 2 || req->indexarg != key_arg)
		return NULL;
	return (Node *) cncode_range_clauses(list_nth(args, key_arg),
										 list_nth(args, 1 - key_arg),
										 req->opfamily, req->funcid, &req->lossy);
}

/* Support of cncode_contained_by(inner, outer): "index <@ C". */
PG_FUNCTION_INFO_V1(cncode_contained_by_support);
Datum
cncode_contained_by_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cncode_support_common((Node *) PG_GETARG_POINTER(0), 0));
}

/* Support of cncode_contains(outer, inner): "C @> index". */
PG_FUNCTION_INFO_V1(cncode_contains_support);
Datum
cncode_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cncode_support_common((Node *) PG_GETARG_POINTER(0), 1));
}
