/*
 * screen_trigger_int.h
 *		Structures shared by the rooms of precursor.screen_trigger(): its
 *		configuration (screen_trigger_config.c), the shipment ledger
 *		(screen_trigger_ledger.c), the batched alert writer (screen_trigger_writer.c), the
 *		rules (screen_trigger_rules.c) and the entry point (screen_trigger.c).
 *
 * Internal to the trigger: nothing else includes it.
 */
#ifndef SCREEN_TRIGGER_INT_H
#define SCREEN_TRIGGER_INT_H

#include "access/htup.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "utils/date.h"
#include "utils/relcache.h"

#include "casrn.h"
#include "cncode.h"
#include "matching.h"
#include "watchlist_rules.h"

/* SQLSTATE of a rejected declaration: class PR (precursor), see README */
#define ERRCODE_PRECURSOR_REJECTED	MAKE_SQLSTATE('P','R','0','0','1')

#define MAX_EXCERPT_BYTES	2000
#define MAX_CN_CANDIDATES	64

/* What a configured column is used for */
typedef enum ColRole
{
	COL_DESCRIPTION = 0,
	COL_CASRN,
	COL_CN,
	COL_QUANTITY,
	COL_UNIT,
	COL_CONSIGNEE,
	COL_CONSIGNOR,
	COL_COUNTRY,
	COL_DATE,
	COL_KEY,
	COL_ANNOTATE,
	COL_INCHIKEY,
	NUM_COL_ROLES
} ColRole;

#define MODE_ALERT		0x01
#define MODE_ANNOTATE	0x02
#define MODE_REJECT		0x04

typedef struct ScreenColumn
{
	AttrNumber	attnum;			/* 0 = not configured */
	Oid			typid;			/* base type */
	int16		typlen;
	bool		typbyval;
	bool		typed_ident;	/* precursor.casrn / precursor.cncode / inchikey */
	char	   *name;
} ScreenColumn;

typedef struct ScreenConfig
{
	Oid			tgoid;
	char	   *tgname;
	char	   *table_name;		/* schema-qualified, quoted */
	ScreenColumn col[NUM_COL_ROLES];
	FmgrInfo	key_out;
	int			modes;
	int			nreject;
	char	  **reject_categories;
	char	   *reject_text;
	Interval   *window;
	char	   *window_text;
	bool		alert_below_threshold;
	bool		registered;		/* approved in precursor.screened_table */
	ScreenOptions opts;
	Oid			writer;			/* owner of precursor.alert */
	Datum		empty_jsonb;
	MemoryContext rowcxt;
} ScreenConfig;

/*
 * Evidence gathered for one chemical in one row.  The same chemical is
 * usually listed several times (EU 273/2004, EU 111/2005, UN 1988): its
 * entries are grouped by CAS RN into one finding, so that a row naming
 * acetic anhydride makes one alert, not three.  The most severe entry is the
 * finding's primary substance; the others are recorded in listed_as.
 */
#define MAX_LISTINGS	8
#define MAX_SPANS		16

typedef struct Finding
{
	int64		chem_key;		/* CAS RN, or -substance_id when it has none */
	int32		substance_id;	/* primary entry */
	const char *name;
	const char *watchlist;
	const char *category;
	float		severity;
	int			nlistings;
	int32		listing_id[MAX_LISTINGS];
	RuleSubstance *listing[MAX_LISTINGS];	/* NULL if not in the rules cache */
	RuleSubstance *thr;			/* the entry whose threshold applies */
	int			nspans;
	int32		span[MAX_SPANS][3];	/* start, end, kind of hits recorded */
	int64		more_mentions;	/* mentions past MAX_SPANS, counted only */
	int32		last_more[3];	/* the last of them, to count a span once */
	float		confidence;		/* how sure the identification is */
	float		aggravation;	/* what makes it worse */
	bool		identified;		/* by name or CAS RN, not only a CN code */
	bool		declared_cas;	/* the declared CAS RN is this chemical's */
	bool		declared_inchikey;	/* the declared InChIKey is this chemical's */
	bool		obfuscated;		/* found through a misspelling or look-alikes */
	bool		cn_only;		/* a cn_watch finding */
	bool		below_threshold;
	bool		aggravated;
	bool		alert;
	float		score;
	StringInfoData reasons;		/* JSON objects, comma separated */
} Finding;

/*
 * The reason codes: the "rule" of each JSON object in a finding's reasons.
 * Their text and meaning are in trigger_reasons[] (screen_trigger_reasons.c).
 */
typedef enum ReasonCode
{
	REASON_NAME,
	REASON_CAS,
	REASON_CAS_IN_TEXT,
	REASON_EC_IN_TEXT,
	REASON_CN_IN_TEXT,
	REASON_MORE_MENTIONS,
	REASON_HITS_TRUNCATED,
	REASON_CUMULATIVE,
	REASON_QUANTITY_UNKNOWN,
	REASON_QUANTITY_INVALID,
	REASON_UNIT_UNKNOWN,
	REASON_UNIT_UNCONVERTIBLE,
	REASON_OVER_THRESHOLD,
	REASON_BELOW_THRESHOLD,
	REASON_CN_MISMATCH,
	REASON_CN_WATCH,
	REASON_CASRN_INVALID,
	REASON_CN_INVALID,
	REASON_INCHIKEY,
	REASON_INCHIKEY_IN_TEXT,
	REASON_INCHIKEY_INVALID,
	NUM_REASONS
} ReasonCode;

typedef struct RowData
{
	char	   *desc;
	int			desc_len;
	bool		has_cas;
	int64		cas;
	bool		has_cn;
	int64		cn;
	char		cn_text[CNCODE_TEXT_MAX];
	char		cas_text[CASRN_TEXT_MAX];
	bool		has_qty;
	bool		qty_invalid;	/* not positive and finite */
	double		qty;
	char	   *unit;
	char	   *cas_invalid;	/* a declared CAS RN / CN code that does not parse */
	char	   *cn_invalid;
	bool		has_inchikey;	/* the declared InChIKey (inchikey= column) */
	InchiKey	inchikey;
	char		inchikey_text[INCHIKEY_LEN + 1];
	char	   *inchikey_invalid;
	char	   *consignee;
	char	   *consignor;
	char	   *country;
	DateADT		date;
	char	   *key;
	char	   *supersedes;		/* ids of the alerts an UPDATE superseded, "1,2" */
} RowData;

/*
 * Columns of the batched alert and shipment ledger inserts, by name: the
 * parameter $n of plan_alert / plan_ledger_insert is column n - 1 here, and
 * the types below are what the buffered values hold.
 */
typedef enum AlertCol
{
	ALERT_SOURCE_TABLE,
	ALERT_TRIGGER_NAME,
	ALERT_ROW_KEY,
	ALERT_SUBSTANCE_ID,
	ALERT_SUBSTANCE_NAME,
	ALERT_WATCHLIST_CODE,
	ALERT_CATEGORY,
	ALERT_SCORE,
	ALERT_REASONS,				/* JSON text, cast to jsonb */
	ALERT_CONSIGNEE,
	ALERT_CONSIGNOR,
	ALERT_COUNTRY,
	ALERT_DECLARED_ON,
	ALERT_QUANTITY,				/* float8, cast to numeric */
	ALERT_UNIT,
	ALERT_DECLARED_CN,
	ALERT_DECLARED_CASRN,
	ALERT_DESCRIPTION,
	ALERT_LISTED_AS,			/* JSON array text, to text[] */
	ALERT_SUPERSEDES,			/* "1,2", to bigint[] */
	ALERT_NCOLS
} AlertCol;

typedef enum LedgerCol
{
	LEDGER_CONSIGNEE_KEY,
	LEDGER_CONSIGNEE,
	LEDGER_SUBSTANCE_ID,
	LEDGER_SHIPPED_ON,
	LEDGER_QUANTITY,			/* float8, cast to numeric */
	LEDGER_UNIT,
	LEDGER_SOURCE_TABLE,
	LEDGER_ROW_KEY,
	LEDGER_COUNTRY,
	LEDGER_NCOLS
} LedgerCol;

/* the shipments of one (consignee key, substance) pair, see screen_trigger_ledger.c */
typedef struct LedgerKey
{
	int32		substance_id;
	const char *consignee_key;	/* owned by the cache */
} LedgerKey;

typedef struct LedgerShipment
{
	DateADT		shipped_on;
	double		quantity;		/* kg or l, as stored */
} LedgerShipment;

typedef struct LedgerPair
{
	LedgerKey	key;			/* hash key: must be first */
	int			n;
	int			max;
	LedgerShipment *ship;
} LedgerPair;

/*
 * SPI for one row, entered at most once: connected, search_path pinned (see
 * precursor_search_path_pin()) and the saved plans prepared.  Left by
 * trigger_spi_leave() before the trigger returns.
 */
typedef struct SpiRow
{
	bool		connected;
	int			nestlevel;
} SpiRow;

/* screen_trigger_config.c */
extern ScreenConfig *trigger_config_parse(Relation rel, const char *tgname,
										  Oid tgoid, int nargs, char **args);
extern ScreenConfig *trigger_config_get(FunctionCallInfo fcinfo,
										TriggerData *trigdata);
extern bool trigger_category_listed(const char *cat, char **list, int n);

/* screen_trigger_ledger.c */
extern char *consignee_key(const char *s);
extern LedgerPair *ledger_get(const char *ckey, int32 substance_id);
extern void ledger_add(LedgerPair *pair, DateADT shipped_on, double quantity);
extern void ledger_lock(void);
extern void ledger_reset(void);

/* screen_trigger_writer.c */
extern void screen_callbacks_init(void);
extern void trigger_spi_enter(SpiRow *spi);
extern void trigger_spi_leave(SpiRow *spi);
extern void pending_add_shipment(Oid writer, Datum *v, const char *nulls,
								 double stored);
extern void pending_merge_ledger(const char *ckey, int32 substance_id,
								 LedgerPair *pair);
extern bool pending_batch_full(void);
extern void pending_flush(void);
extern void insert_alerts(ScreenConfig *cfg, RowData *row, List *findings);
extern void replace_row_history(ScreenConfig *cfg, const char *old_key,
								SpiRow *spi, RowData *row);

/* screen_trigger_reasons.c: a reason is reason_begin, reason_str/num..., reason_end */
extern const char *reason_code(ReasonCode code);
extern void reason_begin(Finding *f, ReasonCode code);
extern void reason_str(Finding *f, const char *key, const char *value);
extern void reason_num(Finding *f, const char *key, double value);
extern void reason_end(Finding *f);

/* screen_trigger_rules.c */
extern void trigger_identify(ScreenConfig *cfg, RowData *row, List **findings);
extern void trigger_check_reject(ScreenConfig *cfg, RowData *row, List *findings);
extern void apply_quantity_rules(ScreenConfig *cfg, RowData *row, Finding *f);
extern void apply_cn_rules(ScreenConfig *cfg, RowData *row, List **findings);
extern void apply_ident_rules(ScreenConfig *cfg, RowData *row, List *findings);
extern void score_findings(ScreenConfig *cfg, List *findings);
extern void append_listings_json(StringInfo b, Finding *f);
extern char *annotation_json(List *findings);

#endif							/* SCREEN_TRIGGER_INT_H */
