// Documents: data, terms, postings and value slots.
#include "shim.hpp"

using cx::guarded;
using cx::str;

extern "C" {

cx_document *cx_document_new(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_document *>(nullptr), [&] { return new cx_document(); });
}

void cx_document_free(cx_document *doc) noexcept { delete doc; }

uint32_t cx_document_docid(const cx_document *doc) noexcept {
    return guarded(nullptr, uint32_t(0), [&] { return uint32_t(doc->handle.get_docid()); });
}

cx_bytes cx_document_data(const cx_document *doc, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(doc->handle.get_data()); });
}

bool cx_document_set_data(cx_document *doc, cx_bytes data, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.set_data(str(data)); return true; });
}

bool cx_document_add_term(cx_document *doc, cx_bytes term, unsigned wdf_increment, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.add_term(str(term), wdf_increment); return true; });
}

bool cx_document_add_boolean_term(cx_document *doc, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.add_boolean_term(str(term)); return true; });
}

bool cx_document_add_posting(cx_document *doc, cx_bytes term, unsigned position, unsigned wdf_increment,
                             cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.add_posting(str(term), position, wdf_increment); return true; });
}

bool cx_document_remove_term(cx_document *doc, cx_bytes term, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.remove_term(str(term)); return true; });
}

cx_bytes cx_document_value(const cx_document *doc, uint32_t slot, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(doc->handle.get_value(slot)); });
}

bool cx_document_set_value(cx_document *doc, uint32_t slot, cx_bytes value, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.add_value(slot, str(value)); return true; });
}

bool cx_document_clear_values(cx_document *doc, cx_error *error) noexcept {
    return guarded(error, false, [&] { doc->handle.clear_values(); return true; });
}

cx_strings *cx_document_terms(const cx_document *doc, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_strings *>(nullptr), [&] {
        auto list = std::make_unique<cx_strings>();
        for (auto it = doc->handle.termlist_begin(); it != doc->handle.termlist_end(); ++it) {
            list->items.push_back(*it);
        }
        return list.release();
    });
}

cx_values *cx_document_values(const cx_document *doc, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_values *>(nullptr), [&] {
        auto list = std::make_unique<cx_values>();
        for (auto it = doc->handle.values_begin(); it != doc->handle.values_end(); ++it) {
            list->items.emplace_back(it.get_valueno(), *it);
        }
        return list.release();
    });
}

}  // extern "C"
