// Error translation and the small shared pieces (lists, owned bytes, value serialisation).
#include "shim.hpp"

#include <exception>

namespace {

char *copy_string(const std::string &value) noexcept {
    char *data = static_cast<char *>(std::malloc(value.size() + 1));
    if (!data) return nullptr;
    std::memcpy(data, value.data(), value.size());
    data[value.size()] = 0;
    return data;
}

void fill(cx_error *error, cx_error_kind kind, const std::string &type, const std::string &message) noexcept {
    if (!error) return;
    cx_error_clear(error);
    error->kind = kind;
    error->type_name = copy_string(type);
    error->message = copy_string(message);
}

void fill_xapian(cx_error *error, cx_error_kind kind, const Xapian::Error &e) noexcept {
    try {
        fill(error, kind, e.get_type(), e.get_msg());
    } catch (...) {
        fill(error, kind, "Error", "");
    }
}

// The two halves of item `index` of a list of (number, bytes) pairs; 0 and empty bytes past its end.
template <typename List>
uint32_t number_at(const List *list, size_t index) {
    return index < list->items.size() ? list->items[index].first : 0;
}

template <typename List>
cx_bytes bytes_at(const List *list, size_t index) {
    if (index >= list->items.size()) return cx_bytes{nullptr, 0};
    return cx::borrowed(list->items[index].second);
}

}  // namespace

namespace cx {

void record_current_exception(cx_error *error) noexcept {
    try {
        throw;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        fill_xapian(error, CX_DATABASE_NOT_FOUND, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        fill_xapian(error, CX_DATABASE_VERSION, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        fill_xapian(error, CX_DATABASE_OPENING, e);
    } catch (const Xapian::DatabaseLockError &e) {
        fill_xapian(error, CX_DATABASE_LOCK, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        fill_xapian(error, CX_DATABASE_MODIFIED, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        fill_xapian(error, CX_DATABASE_CORRUPT, e);
    } catch (const Xapian::DatabaseCreateError &e) {
        fill_xapian(error, CX_DATABASE_CREATE, e);
    } catch (const Xapian::DatabaseClosedError &e) {
        fill_xapian(error, CX_DATABASE_CLOSED, e);
    } catch (const Xapian::DatabaseError &e) {
        fill_xapian(error, CX_DATABASE, e);
    } catch (const Xapian::DocNotFoundError &e) {
        fill_xapian(error, CX_DOC_NOT_FOUND, e);
    } catch (const Xapian::QueryParserError &e) {
        fill_xapian(error, CX_QUERY_PARSER, e);
    } catch (const Xapian::WildcardError &e) {
        fill_xapian(error, CX_WILDCARD, e);
    } catch (const Xapian::NetworkTimeoutError &e) {
        fill_xapian(error, CX_NETWORK_TIMEOUT, e);
    } catch (const Xapian::NetworkError &e) {
        fill_xapian(error, CX_NETWORK, e);
    } catch (const Xapian::FeatureUnavailableError &e) {
        fill_xapian(error, CX_FEATURE_UNAVAILABLE, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        fill_xapian(error, CX_INVALID_ARGUMENT, e);
    } catch (const Xapian::InvalidOperationError &e) {
        fill_xapian(error, CX_INVALID_OPERATION, e);
    } catch (const Xapian::UnimplementedError &e) {
        fill_xapian(error, CX_UNIMPLEMENTED, e);
    } catch (const Xapian::RangeError &e) {
        fill_xapian(error, CX_RANGE, e);
    } catch (const Xapian::SerialisationError &e) {
        fill_xapian(error, CX_SERIALISATION, e);
    } catch (const Xapian::InternalError &e) {
        fill_xapian(error, CX_INTERNAL, e);
    } catch (const Xapian::Error &e) {
        fill_xapian(error, CX_OTHER, e);
    } catch (const std::bad_alloc &) {
        fill(error, CX_OUT_OF_MEMORY, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        fill(error, CX_OTHER, "std::exception", e.what());
    } catch (...) {
        fill(error, CX_OTHER, "unknown", "an unknown C++ exception");
    }
}

}  // namespace cx

extern "C" {

void cx_error_clear(cx_error *error) noexcept {
    if (!error) return;
    std::free(error->type_name);
    std::free(error->message);
    error->type_name = nullptr;
    error->message = nullptr;
    error->kind = CX_OK;
}

void cx_bytes_free(cx_bytes bytes) noexcept { std::free(const_cast<char *>(bytes.data)); }

size_t cx_strings_count(const cx_strings *list) noexcept { return list->items.size(); }
cx_bytes cx_strings_at(const cx_strings *list, size_t index) noexcept {
    if (index >= list->items.size()) return cx_bytes{nullptr, 0};
    return cx::borrowed(list->items[index]);
}
void cx_strings_free(cx_strings *list) noexcept { delete list; }

size_t cx_docids_count(const cx_docids *list) noexcept { return list->items.size(); }
const uint32_t *cx_docids_data(const cx_docids *list) noexcept { return list->items.data(); }
uint32_t cx_docids_at(const cx_docids *list, size_t index) noexcept {
    return index < list->items.size() ? list->items[index] : 0;
}
void cx_docids_free(cx_docids *list) noexcept { delete list; }

size_t cx_values_count(const cx_values *list) noexcept { return list->items.size(); }
uint32_t cx_values_slot_at(const cx_values *list, size_t index) noexcept { return number_at(list, index); }
cx_bytes cx_values_at(const cx_values *list, size_t index) noexcept { return bytes_at(list, index); }
void cx_values_free(cx_values *list) noexcept { delete list; }

size_t cx_slot_values_count(const cx_slot_values *list) noexcept { return list->items.size(); }
uint32_t cx_slot_values_docid_at(const cx_slot_values *list, size_t index) noexcept { return number_at(list, index); }
cx_bytes cx_slot_values_at(const cx_slot_values *list, size_t index) noexcept { return bytes_at(list, index); }
void cx_slot_values_free(cx_slot_values *list) noexcept { delete list; }

cx_bytes cx_sortable_serialise(double value) noexcept {
    return cx::guarded(nullptr, cx_bytes{nullptr, 0}, [&] { return cx::owned(Xapian::sortable_serialise(value)); });
}

double cx_sortable_unserialise(cx_bytes bytes) noexcept {
    return cx::guarded(nullptr, 0.0, [&] { return Xapian::sortable_unserialise(cx::str(bytes)); });
}

}  // extern "C"
