// Internal to CXapian: the handle structs and the exception guard every exported function runs in.
#pragma once
#include "CXapian.h"

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct cx_database {
    // A writable database is also a Database; `writable` says whether `handle` may be cast.
    Xapian::Database handle;
    Xapian::WritableDatabase writable_handle;
    bool writable = false;
    const Xapian::Database &get() const { return writable ? writable_handle : handle; }
};
struct cx_document { Xapian::Document handle; };
struct cx_query { Xapian::Query handle; };
struct cx_strings { std::vector<std::string> items; };
struct cx_docids { std::vector<Xapian::docid> items; };
struct cx_values { std::vector<std::pair<Xapian::valueno, std::string>> items; };
struct cx_slot_values { std::vector<std::pair<Xapian::docid, std::string>> items; };
struct cx_termgen {
    Xapian::TermGenerator handle;
    Xapian::Stem stemmer;
    std::unique_ptr<Xapian::SimpleStopper> stopper;  // the generator holds a plain pointer to it
};
struct cx_queryparser {
    Xapian::QueryParser handle;
    std::unique_ptr<Xapian::SimpleStopper> stopper;
};
struct cx_enquire {
    explicit cx_enquire(const Xapian::Database &db) : handle(db) {}
    Xapian::Enquire handle;
};
struct cx_mset { Xapian::MSet handle; };
struct cx_stemmer { Xapian::Stem handle; };

namespace cx {

/// Turns the exception in flight into `error`, most derived Xapian class first.
void record_current_exception(cx_error *error) noexcept;

/// Runs `body`, turning any exception into `error` and `fallback`.
template <typename Result, typename Body>
Result guarded(cx_error *error, Result fallback, Body &&body) noexcept {
    try {
        return body();
    } catch (...) {
        record_current_exception(error);
        return fallback;
    }
}

inline std::string str(cx_bytes bytes) {
    return bytes.data ? std::string(bytes.data, bytes.length) : std::string();
}

/// Copies `value` into malloc'd bytes for the caller (freed with cx_bytes_free); throws bad_alloc.
inline cx_bytes owned(const std::string &value) {
    char *data = static_cast<char *>(std::malloc(value.size() + 1));
    if (!data) throw std::bad_alloc();
    std::memcpy(data, value.data(), value.size());
    data[value.size()] = 0;
    return cx_bytes{data, value.size()};
}

inline cx_bytes borrowed(const std::string &value) { return cx_bytes{value.data(), value.size()}; }

/// The Xapian stemmer for a language name or ISO code; "" and "none" give no stemmer.
inline Xapian::Stem stemmer(const char *language) {
    std::string name(language);
    if (name.empty() || name == "none") return Xapian::Stem();
    return Xapian::Stem(name);
}

inline Xapian::TermGenerator::stem_strategy tg_strategy(cx_stem_strategy s) {
    switch (s) {
        case CX_STEM_NONE: return Xapian::TermGenerator::STEM_NONE;
        case CX_STEM_SOME: return Xapian::TermGenerator::STEM_SOME;
        case CX_STEM_ALL: return Xapian::TermGenerator::STEM_ALL;
        case CX_STEM_ALL_Z: return Xapian::TermGenerator::STEM_ALL_Z;
        case CX_STEM_SOME_FULL_POS: return Xapian::TermGenerator::STEM_SOME_FULL_POS;
    }
    return Xapian::TermGenerator::STEM_SOME;
}

inline Xapian::QueryParser::stem_strategy qp_strategy(cx_stem_strategy s) {
    switch (s) {
        case CX_STEM_NONE: return Xapian::QueryParser::STEM_NONE;
        case CX_STEM_SOME: return Xapian::QueryParser::STEM_SOME;
        case CX_STEM_ALL: return Xapian::QueryParser::STEM_ALL;
        case CX_STEM_ALL_Z: return Xapian::QueryParser::STEM_ALL_Z;
        case CX_STEM_SOME_FULL_POS: return Xapian::QueryParser::STEM_SOME_FULL_POS;
    }
    return Xapian::QueryParser::STEM_SOME;
}

inline std::unique_ptr<Xapian::SimpleStopper> stopper(const cx_bytes *words, size_t count) {
    if (!words || count == 0) return nullptr;
    auto result = std::make_unique<Xapian::SimpleStopper>();
    for (size_t i = 0; i < count; ++i) result->add(str(words[i]));
    return result;
}

}  // namespace cx
