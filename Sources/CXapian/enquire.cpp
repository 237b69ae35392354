// Enquire and MSet: ranking, sorting, collapsing, time limits, result items and snippets.
#include "shim.hpp"

using cx::guarded;
using cx::str;

namespace {

Xapian::MSetIterator item(const cx_mset *mset, size_t index) {
    if (index >= mset->handle.size()) throw Xapian::RangeError("result index out of range");
    return mset->handle[Xapian::doccount(index)];
}

}  // namespace

extern "C" {

cx_enquire *cx_enquire_new(const cx_database *db, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_enquire *>(nullptr), [&] { return new cx_enquire(db->get()); });
}

void cx_enquire_free(cx_enquire *enquire) noexcept { delete enquire; }

bool cx_enquire_set_query(cx_enquire *enquire, const cx_query *query, cx_error *error) noexcept {
    return guarded(error, false, [&] { enquire->handle.set_query(query->handle); return true; });
}

bool cx_enquire_set_sort_by_relevance(cx_enquire *enquire, cx_error *error) noexcept {
    return guarded(error, false, [&] { enquire->handle.set_sort_by_relevance(); return true; });
}

bool cx_enquire_set_sort_by_value(cx_enquire *enquire, uint32_t slot, bool reverse, bool then_relevance,
                                  cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (then_relevance) enquire->handle.set_sort_by_value_then_relevance(slot, reverse);
        else enquire->handle.set_sort_by_value(slot, reverse);
        return true;
    });
}

bool cx_enquire_set_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b, double min_normlen,
                         cx_error *error) noexcept {
    return guarded(error, false, [&] {
        enquire->handle.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
        return true;
    });
}

bool cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, unsigned max, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        enquire->handle.set_collapse_key(slot == UINT32_MAX ? Xapian::BAD_VALUENO : slot, max);
        return true;
    });
}

bool cx_enquire_set_time_limit(cx_enquire *enquire, double seconds, cx_error *error) noexcept {
    return guarded(error, false, [&] { enquire->handle.set_time_limit(seconds); return true; });
}

cx_mset *cx_enquire_mset(cx_enquire *enquire, unsigned first, unsigned max, unsigned check_at_least,
                         cx_error *error) noexcept {
    return guarded(error, static_cast<cx_mset *>(nullptr), [&] {
        auto mset = std::make_unique<cx_mset>();
        mset->handle = enquire->handle.get_mset(first, max, check_at_least);
        return mset.release();
    });
}

void cx_mset_free(cx_mset *mset) noexcept { delete mset; }

size_t cx_mset_size(const cx_mset *mset) noexcept { return mset->handle.size(); }

uint32_t cx_mset_matches_estimated(const cx_mset *mset) noexcept { return mset->handle.get_matches_estimated(); }
uint32_t cx_mset_matches_lower_bound(const cx_mset *mset) noexcept { return mset->handle.get_matches_lower_bound(); }
uint32_t cx_mset_matches_upper_bound(const cx_mset *mset) noexcept { return mset->handle.get_matches_upper_bound(); }

uint32_t cx_mset_docid(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(*item(mset, index)); });
}

uint32_t cx_mset_rank(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(item(mset, index).get_rank()); });
}

double cx_mset_weight(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, 0.0, [&] { return double(item(mset, index).get_weight()); });
}

int cx_mset_percent(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, 0, [&] { return item(mset, index).get_percent(); });
}

uint32_t cx_mset_collapse_count(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, uint32_t(0), [&] { return uint32_t(item(mset, index).get_collapse_count()); });
}

cx_bytes cx_mset_collapse_key(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(item(mset, index).get_collapse_key()); });
}

cx_document *cx_mset_document(const cx_mset *mset, size_t index, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_document *>(nullptr), [&] {
        auto doc = std::make_unique<cx_document>();
        doc->handle = item(mset, index).get_document();
        return doc.release();
    });
}

cx_bytes cx_mset_snippet(const cx_mset *mset, cx_bytes text, size_t length, const char *language, unsigned flags,
                         cx_bytes highlight_start, cx_bytes highlight_end, cx_bytes omit, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] {
        return cx::owned(mset->handle.snippet(str(text), length, cx::stemmer(language), flags, str(highlight_start),
                                              str(highlight_end), str(omit)));
    });
}

}  // extern "C"
