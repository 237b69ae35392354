// Queries and the query parser (prefixes, boolean filters, date and number ranges, spelling correction).
#include "shim.hpp"

using cx::guarded;
using cx::str;

namespace {

Xapian::Query::op query_op(cx_query_op op) {
    switch (op) {
        case CX_OP_AND: return Xapian::Query::OP_AND;
        case CX_OP_OR: return Xapian::Query::OP_OR;
        case CX_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case CX_OP_XOR: return Xapian::Query::OP_XOR;
        case CX_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case CX_OP_FILTER: return Xapian::Query::OP_FILTER;
        case CX_OP_NEAR: return Xapian::Query::OP_NEAR;
        case CX_OP_PHRASE: return Xapian::Query::OP_PHRASE;
        case CX_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
        case CX_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
        case CX_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

/// Dates as Xapian's DateRangeProcessor reads them (2024-05-31, 20240531, 31/05/2024), and also a year (2024) or a
/// year and month (2024-05): from its first day when it begins a range, to its last when it ends one.
class CalendarRangeProcessor : public Xapian::DateRangeProcessor {
  public:
    CalendarRangeProcessor(Xapian::valueno slot, const std::string &field) : Xapian::DateRangeProcessor(slot, field, 0) {}

    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        return Xapian::DateRangeProcessor::operator()(widened(begin, false), widened(end, true));
    }

  private:
    static bool digits(const std::string &text, size_t from, size_t count) {
        for (size_t i = from; i < from + count; ++i) {
            if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
        }
        return true;
    }

    static std::string widened(const std::string &date, bool last) {
        if (date.size() == 4 && digits(date, 0, 4)) return date + (last ? "-12-31" : "-01-01");
        if (date.size() != 7 || !digits(date, 0, 4) || date[4] != '-' || !digits(date, 5, 2)) return date;
        int year = std::stoi(date.substr(0, 4));
        int month = std::stoi(date.substr(5, 2));
        if (month < 1 || month > 12) return date;
        if (!last) return date + "-01";
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int day = month == 2 && leap ? 29 : days[month - 1];
        return date + "-" + std::to_string(day);
    }
};

cx_query *wrap(Xapian::Query query) {
    auto result = std::make_unique<cx_query>();
    result->handle = std::move(query);
    return result.release();
}

}  // namespace

extern "C" {

cx_query *cx_query_new_term(cx_bytes term, unsigned wqf, unsigned position, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] { return wrap(Xapian::Query(str(term), wqf, position)); });
}

cx_query *cx_query_new_match_all(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] { return wrap(Xapian::Query::MatchAll); });
}

cx_query *cx_query_new_match_nothing(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] { return wrap(Xapian::Query::MatchNothing); });
}

cx_query *cx_query_new_combined(cx_query_op op, const cx_query *const *subqueries, size_t count, unsigned window,
                                cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] {
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) parts.push_back(subqueries[i]->handle);
        return wrap(Xapian::Query(query_op(op), parts.begin(), parts.end(), window));
    });
}

cx_query *cx_query_new_scaled(const cx_query *query, double factor, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->handle, factor));
    });
}

cx_query *cx_query_new_wildcard(cx_bytes prefix, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, str(prefix)));
    });
}

cx_query *cx_query_new_value_range(uint32_t slot, cx_bytes begin, cx_bytes end, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, str(begin), str(end)));
    });
}

bool cx_query_is_empty(const cx_query *query) noexcept {
    return guarded(nullptr, true, [&] { return query->handle.empty(); });
}

cx_bytes cx_query_description(const cx_query *query, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(query->handle.get_description()); });
}

cx_strings *cx_query_terms(const cx_query *query, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_strings *>(nullptr), [&] {
        auto list = std::make_unique<cx_strings>();
        for (auto it = query->handle.get_unique_terms_begin(); it != query->handle.get_unique_terms_end(); ++it) {
            list->items.push_back(*it);
        }
        return list.release();
    });
}

void cx_query_free(cx_query *query) noexcept { delete query; }

cx_queryparser *cx_queryparser_new(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_queryparser *>(nullptr), [&] { return new cx_queryparser(); });
}

void cx_queryparser_free(cx_queryparser *qp) noexcept { delete qp; }

bool cx_queryparser_set_stemmer(cx_queryparser *qp, const char *language, cx_error *error) noexcept {
    return guarded(error, false, [&] { qp->handle.set_stemmer(cx::stemmer(language)); return true; });
}

bool cx_queryparser_set_stemming_strategy(cx_queryparser *qp, cx_stem_strategy strategy, cx_error *error) noexcept {
    return guarded(error, false, [&] { qp->handle.set_stemming_strategy(cx::qp_strategy(strategy)); return true; });
}

bool cx_queryparser_set_stop_words(cx_queryparser *qp, const cx_bytes *words, size_t count, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        auto stopper = cx::stopper(words, count);
        qp->handle.set_stopper(stopper.get());
        qp->stopper = std::move(stopper);
        return true;
    });
}

bool cx_queryparser_set_default_op(cx_queryparser *qp, cx_query_op op, cx_error *error) noexcept {
    return guarded(error, false, [&] { qp->handle.set_default_op(query_op(op)); return true; });
}

bool cx_queryparser_set_database(cx_queryparser *qp, const cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] { qp->handle.set_database(db->get()); return true; });
}

bool cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, const char *prefix, cx_error *error) noexcept {
    return guarded(error, false, [&] { qp->handle.add_prefix(field, prefix); return true; });
}

bool cx_queryparser_add_boolean_prefix(cx_queryparser *qp, const char *field, const char *prefix, const char *grouping,
                                       cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (grouping) {
            std::string group(grouping);
            qp->handle.add_boolean_prefix(field, prefix, &group);
        } else {
            qp->handle.add_boolean_prefix(field, prefix);
        }
        return true;
    });
}

bool cx_queryparser_add_date_range(cx_queryparser *qp, uint32_t slot, const char *field, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        // Owned by the parser once released (Xapian's intrusive reference counting).
        auto *processor = new CalendarRangeProcessor(slot, field);
        qp->handle.add_rangeprocessor(processor->release());
        return true;
    });
}

bool cx_queryparser_add_number_range(cx_queryparser *qp, uint32_t slot, const char *field, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        auto *processor = new Xapian::NumberRangeProcessor(slot, field, 0);
        qp->handle.add_rangeprocessor(processor->release());
        return true;
    });
}

cx_query *cx_queryparser_parse(cx_queryparser *qp, cx_bytes query, unsigned flags, cx_bytes default_prefix,
                               cx_error *error) noexcept {
    return guarded(error, static_cast<cx_query *>(nullptr), [&] {
        return wrap(qp->handle.parse_query(str(query), flags, str(default_prefix)));
    });
}

cx_bytes cx_queryparser_corrected_query(const cx_queryparser *qp, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(qp->handle.get_corrected_query_string()); });
}

}  // extern "C"
