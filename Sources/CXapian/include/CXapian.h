/*
 * CXapian: a plain C API over libxapian (1.4), implemented in C++.
 *
 * Ownership, stated once:
 *  - every handle made by cx_*_open / cx_*_new (or returned by a function documented as "new") is freed by
 *    exactly one call to its cx_*_free; freeing NULL does nothing;
 *  - cx_bytes handed out inside a handle (cx_strings_at, cx_values_at) live as long as that handle;
 *  - cx_bytes returned by value as "owned" are malloc'd and freed with cx_bytes_free;
 *  - every function that can fail takes a cx_error *, fills it on failure and returns NULL/false/0; the
 *    strings in a cx_error belong to it and are released by cx_error_clear.
 * No C++ exception crosses this boundary: every function is noexcept and catches everything.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define CX_NOEXCEPT noexcept
extern "C" {
#else
#define CX_NOEXCEPT
#endif

#pragma clang assume_nonnull begin

typedef struct cx_database cx_database;         /* Xapian::Database or Xapian::WritableDatabase */
typedef struct cx_document cx_document;         /* Xapian::Document */
typedef struct cx_termgen cx_termgen;           /* Xapian::TermGenerator with its stemmer and stopper */
typedef struct cx_query cx_query;               /* Xapian::Query */
typedef struct cx_queryparser cx_queryparser;   /* Xapian::QueryParser with its range processors */
typedef struct cx_enquire cx_enquire;           /* Xapian::Enquire */
typedef struct cx_mset cx_mset;                 /* Xapian::MSet */
typedef struct cx_stemmer cx_stemmer;           /* Xapian::Stem */
typedef struct cx_strings cx_strings;           /* a list of byte strings */
typedef struct cx_docids cx_docids;             /* a list of document ids */
typedef struct cx_values cx_values;             /* a document's (slot, value) pairs */
typedef struct cx_slot_values cx_slot_values;   /* one value slot's (document id, value) pairs */

/** Bytes with their length: terms, values and document data may contain NUL. */
typedef struct cx_bytes {
    const char *_Nullable data;
    size_t length;
} cx_bytes;

/** The Xapian error classes a caller may want to tell apart; CX_OTHER covers the rest. */
typedef enum cx_error_kind {
    CX_OK = 0,
    CX_DATABASE_NOT_FOUND,
    CX_DATABASE_LOCK,
    CX_DATABASE_MODIFIED,
    CX_DATABASE_CORRUPT,
    CX_DATABASE_VERSION,
    CX_DATABASE_OPENING,
    CX_DATABASE_CREATE,
    CX_DATABASE_CLOSED,
    CX_DATABASE,
    CX_DOC_NOT_FOUND,
    CX_QUERY_PARSER,
    CX_WILDCARD,
    CX_NETWORK_TIMEOUT,
    CX_NETWORK,
    CX_FEATURE_UNAVAILABLE,
    CX_INVALID_ARGUMENT,
    CX_INVALID_OPERATION,
    CX_UNIMPLEMENTED,
    CX_RANGE,
    CX_SERIALISATION,
    CX_INTERNAL,
    CX_OUT_OF_MEMORY,
    CX_OTHER
} cx_error_kind;

/** Filled by every call that can fail; its strings belong to it (release with cx_error_clear). */
typedef struct cx_error {
    cx_error_kind kind;
    char *_Nullable type_name; /* Xapian's class, e.g. "DatabaseModifiedError" */
    char *_Nullable message;
} cx_error;

void cx_error_clear(cx_error *error) CX_NOEXCEPT;

void cx_bytes_free(cx_bytes bytes) CX_NOEXCEPT;

/* ---- lists ---- */
size_t cx_strings_count(const cx_strings *list) CX_NOEXCEPT;
cx_bytes cx_strings_at(const cx_strings *list, size_t index) CX_NOEXCEPT;
void cx_strings_free(cx_strings *_Nullable list) CX_NOEXCEPT;

size_t cx_docids_count(const cx_docids *list) CX_NOEXCEPT;
/** The list's ids, contiguous (NULL or dangling when it is empty); valid as long as the list. */
const uint32_t *_Nullable cx_docids_data(const cx_docids *list) CX_NOEXCEPT;
uint32_t cx_docids_at(const cx_docids *list, size_t index) CX_NOEXCEPT;
void cx_docids_free(cx_docids *_Nullable list) CX_NOEXCEPT;

size_t cx_values_count(const cx_values *list) CX_NOEXCEPT;
uint32_t cx_values_slot_at(const cx_values *list, size_t index) CX_NOEXCEPT;
cx_bytes cx_values_at(const cx_values *list, size_t index) CX_NOEXCEPT;
void cx_values_free(cx_values *_Nullable list) CX_NOEXCEPT;

size_t cx_slot_values_count(const cx_slot_values *list) CX_NOEXCEPT;
uint32_t cx_slot_values_docid_at(const cx_slot_values *list, size_t index) CX_NOEXCEPT;
cx_bytes cx_slot_values_at(const cx_slot_values *list, size_t index) CX_NOEXCEPT;
void cx_slot_values_free(cx_slot_values *_Nullable list) CX_NOEXCEPT;

/* ---- databases ---- */
typedef enum cx_open_action {
    CX_CREATE_OR_OPEN = 1,
    CX_CREATE_OR_OVERWRITE = 2,
    CX_CREATE = 3,
    CX_OPEN = 4
} cx_open_action;

/** Opens a database read-only. */
cx_database *_Nullable cx_database_open(const char *path, cx_error *error) CX_NOEXCEPT;
/** Opens or creates a writable database on disk. */
cx_database *_Nullable cx_database_open_writable(const char *path, cx_open_action action, cx_error *error) CX_NOEXCEPT;
/** A new writable database held in memory only. */
cx_database *_Nullable cx_database_new_in_memory(cx_error *error) CX_NOEXCEPT;
/** A read-only database served by xapian-tcpsrv at host:port (Xapian's remote backend). */
cx_database *_Nullable cx_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                               unsigned connect_timeout_ms, cx_error *error) CX_NOEXCEPT;
/** An empty read-only database to which shards are added with cx_database_add_shard. */
cx_database *_Nullable cx_database_new_empty(cx_error *error) CX_NOEXCEPT;
/** Adds `shard` to the read-only `db`, so that both are searched as one. */
bool cx_database_add_shard(cx_database *db, const cx_database *shard, cx_error *error) CX_NOEXCEPT;
void cx_database_free(cx_database *_Nullable db) CX_NOEXCEPT;

bool cx_database_is_writable(const cx_database *db) CX_NOEXCEPT;
/** Reopens at the latest revision; `changed` tells whether anything changed. */
bool cx_database_reopen(cx_database *db, bool *changed, cx_error *error) CX_NOEXCEPT;
bool cx_database_close(cx_database *db, cx_error *error) CX_NOEXCEPT;
bool cx_database_commit(cx_database *db, cx_error *error) CX_NOEXCEPT;
bool cx_database_begin_transaction(cx_database *db, bool flushed, cx_error *error) CX_NOEXCEPT;
bool cx_database_commit_transaction(cx_database *db, cx_error *error) CX_NOEXCEPT;
bool cx_database_cancel_transaction(cx_database *db, cx_error *error) CX_NOEXCEPT;

uint32_t cx_database_doc_count(const cx_database *db, cx_error *error) CX_NOEXCEPT;
/** The number of shards the database combines (1 for one database). */
uint32_t cx_database_shard_count(const cx_database *db, cx_error *error) CX_NOEXCEPT;
uint32_t cx_database_last_docid(const cx_database *db, cx_error *error) CX_NOEXCEPT;
double cx_database_average_length(const cx_database *db, cx_error *error) CX_NOEXCEPT;
uint32_t cx_database_term_frequency(const cx_database *db, cx_bytes term, cx_error *error) CX_NOEXCEPT;
bool cx_database_term_exists(const cx_database *db, cx_bytes term, cx_error *error) CX_NOEXCEPT;
/** New: the document ids that index `term`, ascending. */
cx_docids *_Nullable cx_database_postings(const cx_database *db, cx_bytes term, cx_error *error) CX_NOEXCEPT;
/** New: the terms starting with `prefix`, at most `limit` (0: no limit), ascending. */
/* The positions of `term` in document `docid`, ascending (Database::positionlist); empty when it has none. */
cx_docids *_Nullable cx_database_positions(const cx_database *db, uint32_t docid, cx_bytes term, cx_error *error) CX_NOEXCEPT;
cx_strings *_Nullable cx_database_all_terms(const cx_database *db, cx_bytes prefix, size_t limit, cx_error *error) CX_NOEXCEPT;
/** New: every document holding a value in `slot`, with that value, by ascending document id (a value stream:
 *  one pass over the slot, not a read of each document). */
cx_slot_values *_Nullable cx_database_slot_values(const cx_database *db, uint32_t slot, cx_error *error) CX_NOEXCEPT;
/** New: the document `docid`. */
cx_document *_Nullable cx_database_document(const cx_database *db, uint32_t docid, cx_error *error) CX_NOEXCEPT;
/** New: the document `docid`, not checked to exist (Xapian::DOC_ASSUME_VALID): nothing is read until its data
 *  or a value is asked for, and a missing document reads as empty. */
cx_document *_Nullable cx_database_document_assuming_valid(const cx_database *db, uint32_t docid, cx_error *error) CX_NOEXCEPT;
/** The value of user metadata `key` (empty when unset); owned. */
cx_bytes cx_database_metadata(const cx_database *db, cx_bytes key, cx_error *error) CX_NOEXCEPT;
bool cx_database_set_metadata(cx_database *db, cx_bytes key, cx_bytes value, cx_error *error) CX_NOEXCEPT;
/** The best spelling correction of `word` within `max_edit_distance` (empty when none); owned. */
cx_bytes cx_database_spelling_suggestion(const cx_database *db, cx_bytes word, unsigned max_edit_distance,
                                         cx_error *error) CX_NOEXCEPT;
bool cx_database_add_spelling(cx_database *db, cx_bytes word, unsigned frequency, cx_error *error) CX_NOEXCEPT;

uint32_t cx_database_add_document(cx_database *db, const cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** Replaces the document indexed by `id_term` (adding it when none is); returns its docid. */
uint32_t cx_database_replace_document(cx_database *db, cx_bytes id_term, const cx_document *doc, cx_error *error) CX_NOEXCEPT;
bool cx_database_delete_document(cx_database *db, cx_bytes id_term, cx_error *error) CX_NOEXCEPT;
/** Stores `doc` as document `docid` (replacing it, or adding it under that id when there is none). */
bool cx_database_replace_document_at(cx_database *db, uint32_t docid, const cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** Deletes document `docid` (Xapian's DocNotFoundError when there is none). */
bool cx_database_delete_document_at(cx_database *db, uint32_t docid, cx_error *error) CX_NOEXCEPT;

/* ---- documents ---- */
cx_document *_Nullable cx_document_new(cx_error *error) CX_NOEXCEPT;
void cx_document_free(cx_document *_Nullable doc) CX_NOEXCEPT;
uint32_t cx_document_docid(const cx_document *doc) CX_NOEXCEPT;
/** Owned. */
cx_bytes cx_document_data(const cx_document *doc, cx_error *error) CX_NOEXCEPT;
bool cx_document_set_data(cx_document *doc, cx_bytes data, cx_error *error) CX_NOEXCEPT;
bool cx_document_add_term(cx_document *doc, cx_bytes term, unsigned wdf_increment, cx_error *error) CX_NOEXCEPT;
bool cx_document_add_boolean_term(cx_document *doc, cx_bytes term, cx_error *error) CX_NOEXCEPT;
bool cx_document_add_posting(cx_document *doc, cx_bytes term, unsigned position, unsigned wdf_increment,
                             cx_error *error) CX_NOEXCEPT;
bool cx_document_remove_term(cx_document *doc, cx_bytes term, cx_error *error) CX_NOEXCEPT;
/** Owned; empty when the slot is unset. */
cx_bytes cx_document_value(const cx_document *doc, uint32_t slot, cx_error *error) CX_NOEXCEPT;
bool cx_document_set_value(cx_document *doc, uint32_t slot, cx_bytes value, cx_error *error) CX_NOEXCEPT;
/** Removes every value without reading those a stored document has (Document::clear_values). */
bool cx_document_clear_values(cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** New: the document's terms, ascending. */
cx_strings *_Nullable cx_document_terms(const cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** New: the document's values, by ascending slot. */
cx_values *_Nullable cx_document_values(const cx_document *doc, cx_error *error) CX_NOEXCEPT;

/* ---- values ---- */
/** Xapian::sortable_serialise: a string whose byte order sorts as the number does; owned. */
cx_bytes cx_sortable_serialise(double value) CX_NOEXCEPT;
double cx_sortable_unserialise(cx_bytes bytes) CX_NOEXCEPT;

/* ---- term generator ---- */
typedef enum cx_stem_strategy { CX_STEM_NONE = 0, CX_STEM_SOME = 1, CX_STEM_ALL = 2, CX_STEM_ALL_Z = 3,
                                CX_STEM_SOME_FULL_POS = 4 } cx_stem_strategy;

cx_termgen *_Nullable cx_termgen_new(cx_error *error) CX_NOEXCEPT;
void cx_termgen_free(cx_termgen *_Nullable tg) CX_NOEXCEPT;
/** Sets the stemmer by language name or ISO code ("english", "en", "none" or "" for none). */
bool cx_termgen_set_stemmer(cx_termgen *tg, const char *language, cx_error *error) CX_NOEXCEPT;
bool cx_termgen_set_stemming_strategy(cx_termgen *tg, cx_stem_strategy strategy, cx_error *error) CX_NOEXCEPT;
/** Sets the stop words (an empty list removes the stopper). */
bool cx_termgen_set_stop_words(cx_termgen *tg, const cx_bytes *_Nullable words, size_t count, cx_error *error) CX_NOEXCEPT;
/** Turns on Xapian's CJK n-gram mode (TermGenerator::FLAG_CJK_NGRAM). */
bool cx_termgen_set_cjk_ngram(cx_termgen *tg, bool on, cx_error *error) CX_NOEXCEPT;
/** Records spelling data into `db` as text is indexed (FLAG_SPELLING); NULL stops. */
bool cx_termgen_set_spelling_database(cx_termgen *tg, cx_database *_Nullable db, cx_error *error) CX_NOEXCEPT;
/** Indexes into `doc` from now on: Xapian documents are shared handles, so what index_text adds is in `doc`. */
bool cx_termgen_set_document(cx_termgen *tg, cx_document *doc, cx_error *error) CX_NOEXCEPT;
bool cx_termgen_index_text(cx_termgen *tg, cx_bytes text, unsigned wdf_increment, cx_bytes prefix,
                           bool with_positions, cx_error *error) CX_NOEXCEPT;
bool cx_termgen_increase_termpos(cx_termgen *tg, unsigned delta, cx_error *error) CX_NOEXCEPT;
unsigned cx_termgen_termpos(const cx_termgen *tg) CX_NOEXCEPT;

/* ---- queries ---- */
typedef enum cx_query_op {
    CX_OP_AND = 0, CX_OP_OR = 1, CX_OP_AND_NOT = 2, CX_OP_XOR = 3, CX_OP_AND_MAYBE = 4, CX_OP_FILTER = 5,
    CX_OP_NEAR = 6, CX_OP_PHRASE = 7, CX_OP_ELITE_SET = 10, CX_OP_SYNONYM = 13, CX_OP_MAX = 14
} cx_query_op;

cx_query *_Nullable cx_query_new_term(cx_bytes term, unsigned wqf, unsigned position, cx_error *error) CX_NOEXCEPT;
cx_query *_Nullable cx_query_new_match_all(cx_error *error) CX_NOEXCEPT;
cx_query *_Nullable cx_query_new_match_nothing(cx_error *error) CX_NOEXCEPT;
/** Combines `count` subqueries with `op`; `window` is for NEAR/PHRASE/ELITE_SET (0: default). */
cx_query *_Nullable cx_query_new_combined(cx_query_op op, const cx_query *_Nonnull const *_Nullable subqueries,
                                          size_t count, unsigned window, cx_error *error) CX_NOEXCEPT;
cx_query *_Nullable cx_query_new_scaled(const cx_query *query, double factor, cx_error *error) CX_NOEXCEPT;
/** A wildcard query: terms starting with `prefix`. */
cx_query *_Nullable cx_query_new_wildcard(cx_bytes prefix, cx_error *error) CX_NOEXCEPT;
/** A value-range query over `slot`: begin <= value <= end. */
cx_query *_Nullable cx_query_new_value_range(uint32_t slot, cx_bytes begin, cx_bytes end, cx_error *error) CX_NOEXCEPT;
bool cx_query_is_empty(const cx_query *query) CX_NOEXCEPT;
/** Xapian's description of the query; owned. */
cx_bytes cx_query_description(const cx_query *query, cx_error *error) CX_NOEXCEPT;
/* `word` stemmed by Xapian's stemmer for `language` ("none" leaves it as it is). */
cx_bytes cx_stem_word(const char *language, cx_bytes word, cx_error *error) CX_NOEXCEPT;
/* A stemmer for `language`, kept to stem many words (cx_stemmer_free). */
cx_stemmer *_Nullable cx_stemmer_new(const char *language, cx_error *error) CX_NOEXCEPT;
/* `word` stemmed; owned. */
cx_bytes cx_stemmer_stem(cx_stemmer *stemmer, cx_bytes word, cx_error *error) CX_NOEXCEPT;
void cx_stemmer_free(cx_stemmer *_Nullable stemmer) CX_NOEXCEPT;
/* The distinct terms of a query, ascending (Query::get_unique_terms); wildcards are not expanded. */
cx_strings *_Nullable cx_query_terms(const cx_query *query, cx_error *error) CX_NOEXCEPT;
void cx_query_free(cx_query *_Nullable query) CX_NOEXCEPT;

/* ---- query parser ---- */
enum {
    CX_FLAG_BOOLEAN = 1, CX_FLAG_PHRASE = 2, CX_FLAG_LOVEHATE = 4, CX_FLAG_BOOLEAN_ANY_CASE = 8,
    CX_FLAG_WILDCARD = 16, CX_FLAG_PURE_NOT = 32, CX_FLAG_PARTIAL = 64, CX_FLAG_SPELLING_CORRECTION = 128,
    CX_FLAG_SYNONYM = 256, CX_FLAG_AUTO_SYNONYMS = 512, CX_FLAG_AUTO_MULTIWORD_SYNONYMS = 1024,
    CX_FLAG_CJK_NGRAM = 2048, CX_FLAG_DEFAULT = 7
};

cx_queryparser *_Nullable cx_queryparser_new(cx_error *error) CX_NOEXCEPT;
void cx_queryparser_free(cx_queryparser *_Nullable qp) CX_NOEXCEPT;
bool cx_queryparser_set_stemmer(cx_queryparser *qp, const char *language, cx_error *error) CX_NOEXCEPT;
bool cx_queryparser_set_stemming_strategy(cx_queryparser *qp, cx_stem_strategy strategy, cx_error *error) CX_NOEXCEPT;
bool cx_queryparser_set_stop_words(cx_queryparser *qp, const cx_bytes *_Nullable words, size_t count,
                                   cx_error *error) CX_NOEXCEPT;
bool cx_queryparser_set_default_op(cx_queryparser *qp, cx_query_op op, cx_error *error) CX_NOEXCEPT;
/** The database for wildcard expansion and spelling correction (the parser keeps a reference). */
bool cx_queryparser_set_database(cx_queryparser *qp, const cx_database *db, cx_error *error) CX_NOEXCEPT;
bool cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, const char *prefix, cx_error *error) CX_NOEXCEPT;
/** A boolean filter prefix; fields sharing `grouping` are ORed together (NULL: own group). */
bool cx_queryparser_add_boolean_prefix(cx_queryparser *qp, const char *field, const char *prefix,
                                       const char *_Nullable grouping, cx_error *error) CX_NOEXCEPT;
/** A date range `field`YYYY-MM-DD..YYYY-MM-DD over `slot` holding YYYYMMDD strings (Xapian::DateRangeProcessor). */
bool cx_queryparser_add_date_range(cx_queryparser *qp, uint32_t slot, const char *field, cx_error *error) CX_NOEXCEPT;
/** A numeric range `field`A..B over `slot` holding sortable-serialised numbers (Xapian::NumberRangeProcessor). */
bool cx_queryparser_add_number_range(cx_queryparser *qp, uint32_t slot, const char *field, cx_error *error) CX_NOEXCEPT;
cx_query *_Nullable cx_queryparser_parse(cx_queryparser *qp, cx_bytes query, unsigned flags, cx_bytes default_prefix,
                                         cx_error *error) CX_NOEXCEPT;
/** The corrected query string after a parse with CX_FLAG_SPELLING_CORRECTION (empty: none); owned. */
cx_bytes cx_queryparser_corrected_query(const cx_queryparser *qp, cx_error *error) CX_NOEXCEPT;

/* ---- enquire and results ---- */
cx_enquire *_Nullable cx_enquire_new(const cx_database *db, cx_error *error) CX_NOEXCEPT;
void cx_enquire_free(cx_enquire *_Nullable enquire) CX_NOEXCEPT;
bool cx_enquire_set_query(cx_enquire *enquire, const cx_query *query, cx_error *error) CX_NOEXCEPT;
bool cx_enquire_set_sort_by_relevance(cx_enquire *enquire, cx_error *error) CX_NOEXCEPT;
/** Sorts by the value in `slot` (descending when `reverse`), relevance breaking ties when `then_relevance`. */
bool cx_enquire_set_sort_by_value(cx_enquire *enquire, uint32_t slot, bool reverse, bool then_relevance,
                                  cx_error *error) CX_NOEXCEPT;
bool cx_enquire_set_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b, double min_normlen,
                         cx_error *error) CX_NOEXCEPT;
/** Keeps at most `max` documents per value in `slot` (Xapian's collapse); slot UINT32_MAX turns it off. */
bool cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, unsigned max, cx_error *error) CX_NOEXCEPT;
/** Stops matching after `seconds` (0: no limit), returning the best found so far. */
bool cx_enquire_set_time_limit(cx_enquire *enquire, double seconds, cx_error *error) CX_NOEXCEPT;
cx_mset *_Nullable cx_enquire_mset(cx_enquire *enquire, unsigned first, unsigned max, unsigned check_at_least,
                                   cx_error *error) CX_NOEXCEPT;

void cx_mset_free(cx_mset *_Nullable mset) CX_NOEXCEPT;
size_t cx_mset_size(const cx_mset *mset) CX_NOEXCEPT;
uint32_t cx_mset_matches_estimated(const cx_mset *mset) CX_NOEXCEPT;
uint32_t cx_mset_matches_lower_bound(const cx_mset *mset) CX_NOEXCEPT;
uint32_t cx_mset_matches_upper_bound(const cx_mset *mset) CX_NOEXCEPT;
uint32_t cx_mset_docid(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
uint32_t cx_mset_rank(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
double cx_mset_weight(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
int cx_mset_percent(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
uint32_t cx_mset_collapse_count(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
/** Owned. */
cx_bytes cx_mset_collapse_key(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;
cx_document *_Nullable cx_mset_document(const cx_mset *mset, size_t index, cx_error *error) CX_NOEXCEPT;

enum { CX_SNIPPET_BACKGROUND_MODEL = 1, CX_SNIPPET_EXHAUSTIVE = 2, CX_SNIPPET_EMPTY_WITHOUT_MATCH = 4,
       CX_SNIPPET_CJK_NGRAM = 2048 };
/** MSet::snippet: `text` cut to about `length` bytes around the query's matches, which are wrapped in
 *  `highlight_start`/`highlight_end`, `omit` marking cuts; owned. */
cx_bytes cx_mset_snippet(const cx_mset *mset, cx_bytes text, size_t length, const char *language, unsigned flags,
                         cx_bytes highlight_start, cx_bytes highlight_end, cx_bytes omit, cx_error *error) CX_NOEXCEPT;

/** Tells glibc's malloc to serve large blocks from memory already freed instead of fresh pages (a higher mmap
 *  threshold, no trimming of the heap's top, an arena per core): for processes that allocate and free large
 *  buffers by the thousand on several threads, as an ingest does. */
void cx_malloc_reuse_freed_memory(void) CX_NOEXCEPT;

/** Gives back to the system the pages malloc holds free (malloc_trim), which `cx_malloc_reuse_freed_memory`
 *  otherwise keeps. */
void cx_malloc_release_free_memory(void) CX_NOEXCEPT;

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif
