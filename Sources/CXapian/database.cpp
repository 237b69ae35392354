// Databases: opening (disk, memory, remote, shards), transactions, statistics, metadata, spelling, documents.
#include "shim.hpp"

#include <malloc.h>
#include <unistd.h>

using cx::guarded;
using cx::str;

namespace {

int open_flags(cx_open_action action) {
    switch (action) {
        case CX_CREATE_OR_OPEN: return Xapian::DB_CREATE_OR_OPEN;
        case CX_CREATE_OR_OVERWRITE: return Xapian::DB_CREATE_OR_OVERWRITE;
        case CX_CREATE: return Xapian::DB_CREATE;
        case CX_OPEN: return Xapian::DB_OPEN;
    }
    return Xapian::DB_CREATE_OR_OPEN;
}

Xapian::WritableDatabase &writable(cx_database *db) {
    if (!db->writable) throw Xapian::InvalidOperationError("the database was opened read-only");
    return db->writable_handle;
}

}  // namespace

extern "C" {

cx_database *cx_database_open(const char *path, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_database *>(nullptr), [&] {
        auto db = std::make_unique<cx_database>();
        db->handle = Xapian::Database(path);
        return db.release();
    });
}

cx_database *cx_database_open_writable(const char *path, cx_open_action action, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_database *>(nullptr), [&] {
        auto db = std::make_unique<cx_database>();
        db->writable_handle = Xapian::WritableDatabase(path, open_flags(action));
        db->writable = true;
        return db.release();
    });
}

cx_database *cx_database_new_in_memory(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_database *>(nullptr), [&] {
        auto db = std::make_unique<cx_database>();
        db->writable_handle = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        db->writable = true;
        return db.release();
    });
}

cx_database *cx_database_open_remote(const char *host, unsigned port, unsigned timeout_ms, unsigned connect_timeout_ms,
                                     cx_error *error) noexcept {
    return guarded(error, static_cast<cx_database *>(nullptr), [&] {
        auto db = std::make_unique<cx_database>();
        db->handle = Xapian::Remote::open(host, port, timeout_ms, connect_timeout_ms);
        return db.release();
    });
}

cx_database *cx_database_new_empty(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_database *>(nullptr), [&] { return new cx_database(); });
}

bool cx_database_add_shard(cx_database *db, const cx_database *shard, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (db->writable) throw Xapian::InvalidOperationError("shards are combined into a read-only database");
        db->handle.add_database(shard->get());
        return true;
    });
}

void cx_database_free(cx_database *db) noexcept {
    // Xapian's destructors do not throw (a writable database's destructor commits and swallows errors).
    delete db;
}

bool cx_database_is_writable(const cx_database *db) noexcept { return db->writable; }

bool cx_database_reopen(cx_database *db, bool *changed, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        bool result = db->writable ? db->writable_handle.reopen() : db->handle.reopen();
        if (changed) *changed = result;
        return true;
    });
}

bool cx_database_close(cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (db->writable) db->writable_handle.close(); else db->handle.close();
        return true;
    });
}

bool cx_database_commit(cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).commit(); return true; });
}

bool cx_database_begin_transaction(cx_database *db, bool flushed, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).begin_transaction(flushed); return true; });
}

bool cx_database_commit_transaction(cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).commit_transaction(); return true; });
}

bool cx_database_cancel_transaction(cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).cancel_transaction(); return true; });
}

uint32_t cx_database_shard_count(const cx_database *db, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(db->get().size()); });
}

uint32_t cx_database_doc_count(const cx_database *db, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(db->get().get_doccount()); });
}

uint32_t cx_database_last_docid(const cx_database *db, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(db->get().get_lastdocid()); });
}

double cx_database_average_length(const cx_database *db, cx_error *error) noexcept {
    return guarded(error, 0.0, [&] { return double(db->get().get_avlength()); });
}

uint32_t cx_database_term_frequency(const cx_database *db, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(db->get().get_termfreq(str(term))); });
}

bool cx_database_term_exists(const cx_database *db, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, false, [&] { return db->get().term_exists(str(term)); });
}

cx_docids *cx_database_postings(const cx_database *db, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_docids *>(nullptr), [&] {
        auto list = std::make_unique<cx_docids>();
        const Xapian::Database &d = db->get();
        std::string t = str(term);
        for (auto it = d.postlist_begin(t); it != d.postlist_end(t); ++it) list->items.push_back(*it);
        return list.release();
    });
}

cx_docids *cx_database_positions(const cx_database *db, uint32_t docid, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_docids *>(nullptr), [&] {
        auto list = std::make_unique<cx_docids>();
        const Xapian::Database &d = db->get();
        std::string t = str(term);
        for (auto it = d.positionlist_begin(docid, t); it != d.positionlist_end(docid, t); ++it) list->items.push_back(*it);
        return list.release();
    });
}

cx_strings *cx_database_all_terms(const cx_database *db, cx_bytes prefix, size_t limit, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_strings *>(nullptr), [&] {
        auto list = std::make_unique<cx_strings>();
        const Xapian::Database &d = db->get();
        std::string p = str(prefix);
        for (auto it = d.allterms_begin(p); it != d.allterms_end(p); ++it) {
            if (limit && list->items.size() >= limit) break;
            list->items.push_back(*it);
        }
        return list.release();
    });
}

cx_slot_values *cx_database_slot_values(const cx_database *db, uint32_t slot, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_slot_values *>(nullptr), [&] {
        auto list = std::make_unique<cx_slot_values>();
        const Xapian::Database &d = db->get();
        for (auto it = d.valuestream_begin(slot); it != d.valuestream_end(slot); ++it) {
            list->items.emplace_back(it.get_docid(), *it);
        }
        return list.release();
    });
}

cx_document *cx_database_document(const cx_database *db, uint32_t docid, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_document *>(nullptr), [&] {
        auto doc = std::make_unique<cx_document>();
        doc->handle = db->get().get_document(docid);
        return doc.release();
    });
}

cx_document *cx_database_document_assuming_valid(const cx_database *db, uint32_t docid, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_document *>(nullptr), [&] {
        auto doc = std::make_unique<cx_document>();
        doc->handle = db->get().get_document(docid, Xapian::DOC_ASSUME_VALID);
        return doc.release();
    });
}

cx_bytes cx_database_metadata(const cx_database *db, cx_bytes key, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(db->get().get_metadata(str(key))); });
}

bool cx_database_set_metadata(cx_database *db, cx_bytes key, cx_bytes value, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).set_metadata(str(key), str(value)); return true; });
}

cx_bytes cx_database_spelling_suggestion(const cx_database *db, cx_bytes word, unsigned max_edit_distance,
                                         cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] {
        return cx::owned(db->get().get_spelling_suggestion(str(word), max_edit_distance));
    });
}

bool cx_database_add_spelling(cx_database *db, cx_bytes word, unsigned frequency, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).add_spelling(str(word), frequency); return true; });
}

uint32_t cx_database_add_document(cx_database *db, const cx_document *doc, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(writable(db).add_document(doc->handle)); });
}

uint32_t cx_database_replace_document(cx_database *db, cx_bytes id_term, const cx_document *doc,
                                      cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] {
        return uint32_t(writable(db).replace_document(str(id_term), doc->handle));
    });
}

bool cx_database_delete_document(cx_database *db, cx_bytes id_term, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).delete_document(str(id_term)); return true; });
}

bool cx_database_replace_document_at(cx_database *db, uint32_t docid, const cx_document *doc, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).replace_document(docid, doc->handle); return true; });
}

bool cx_database_delete_document_at(cx_database *db, uint32_t docid, cx_error *error) noexcept {
    return guarded(error, false, [&] { writable(db).delete_document(docid); return true; });
}

void cx_malloc_reuse_freed_memory(void) CX_NOEXCEPT {
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    // An arena per core, not eight: memory one thread freed is then found by the others.
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, static_cast<int>(cores < 2 ? 2 : cores > 64 ? 64 : cores));
}

void cx_malloc_release_free_memory(void) CX_NOEXCEPT { malloc_trim(0); }

}  // extern "C"
