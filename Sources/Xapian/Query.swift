internal import CXapian

/// A Xapian query: terms combined with operators, built directly or by `QueryParser`.
public final class Query: CustomStringConvertible {
    /// Query operators (Xapian::Query::op).
    public enum Operator: Sendable {
        case and, or, andNot, xor, andMaybe, filter, near, phrase, eliteSet, synonym, max

        var raw: cx_query_op {
            switch self {
            case .and: CX_OP_AND
            case .or: CX_OP_OR
            case .andNot: CX_OP_AND_NOT
            case .xor: CX_OP_XOR
            case .andMaybe: CX_OP_AND_MAYBE
            case .filter: CX_OP_FILTER
            case .near: CX_OP_NEAR
            case .phrase: CX_OP_PHRASE
            case .eliteSet: CX_OP_ELITE_SET
            case .synonym: CX_OP_SYNONYM
            case .max: CX_OP_MAX
            }
        }
    }

    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        cx_query_free(pointer)
    }

    /// A query for one term; `position` places it in a phrase built by hand.
    public convenience init(term: String, wqf: Int = 1, position: Int = 0) throws(XapianError) {
        let pointer = try withBytes(term) { bytes throws(XapianError) in
            try handle(try checked { cx_query_new_term(bytes, UInt32(max(0, wqf)), UInt32(max(0, position)), $0) })
        }
        self.init(pointer: pointer)
    }

    /// `subqueries` combined with `op`; `window` is the window of NEAR and PHRASE, or the set size of
    /// ELITE_SET (0: Xapian's default).
    public convenience init(_ op: Operator, _ subqueries: [Query], window: Int = 0) throws(XapianError) {
        let pointers: [OpaquePointer] = subqueries.map { $0.pointer }
        let pointer = try pointers.withUnsafeBufferPointer { list throws(XapianError) in
            try handle(try checked {
                cx_query_new_combined(op.raw, list.baseAddress, list.count, UInt32(max(0, window)), $0)
            })
        }
        self.init(pointer: pointer)
        withExtendedLifetime(subqueries) {}
    }

    /// Matches every document.
    public static func matchAll() throws(XapianError) -> Query {
        Query(pointer: try handle(try checked { cx_query_new_match_all($0) }))
    }

    /// Matches no document.
    public static func matchNothing() throws(XapianError) -> Query {
        Query(pointer: try handle(try checked { cx_query_new_match_nothing($0) }))
    }

    /// Every term starting with `prefix` (OP_WILDCARD).
    public static func wildcard(_ prefix: String) throws(XapianError) -> Query {
        Query(pointer: try withBytes(prefix) { bytes throws(XapianError) in try handle(try checked { cx_query_new_wildcard(bytes, $0) }) })
    }

    /// Documents whose value in `slot` lies between `lower` and `upper`, inclusive, in byte order.
    public static func valueRange(slot: UInt32, from lower: [UInt8], to upper: [UInt8]) throws(XapianError) -> Query {
        let pointer = try withBytes(lower) { low throws(XapianError) in
            try withBytes(upper) { high throws(XapianError) in
                try handle(try checked { cx_query_new_value_range(slot, low, high, $0) })
            }
        }
        return Query(pointer: pointer)
    }

    /// This query with its weights multiplied by `factor` (OP_SCALE_WEIGHT; 0 makes it a pure filter).
    public func scaled(by factor: Double) throws(XapianError) -> Query {
        Query(pointer: try handle(try checked { cx_query_new_scaled(pointer, factor, $0) }))
    }

    /// The distinct terms the query holds, ascending (wildcards and ranges unexpanded).
    public func terms() throws(XapianError) -> [String] {
        let list = try handle(try checked { cx_query_terms(pointer, $0) })
        defer { cx_strings_free(list) }
        return (0..<cx_strings_count(list)).map { borrowedString(cx_strings_at(list, $0)) }
    }

    /// Whether the query is empty (matches nothing and has no terms).
    public var isEmpty: Bool { cx_query_is_empty(pointer) }

    /// Xapian's description of the query, e.g. `Query((taiwan@1 PHRASE 2 strait@2))`.
    public var description: String {
        (try? checked { cx_query_description(pointer, $0) }).map(consumeString) ?? "Query(?)"
    }
}

/// Parses user queries in Xapian's syntax: words, phrases, boolean operators, +/-, wildcards, field prefixes
/// and ranges.
public final class QueryParser {
    /// What syntax the parser accepts (Xapian::QueryParser::feature_flag).
    public struct Features: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let boolean = Features(rawValue: UInt32(CX_FLAG_BOOLEAN))
        public static let phrase = Features(rawValue: UInt32(CX_FLAG_PHRASE))
        public static let loveHate = Features(rawValue: UInt32(CX_FLAG_LOVEHATE))
        public static let booleanAnyCase = Features(rawValue: UInt32(CX_FLAG_BOOLEAN_ANY_CASE))
        public static let wildcard = Features(rawValue: UInt32(CX_FLAG_WILDCARD))
        public static let pureNot = Features(rawValue: UInt32(CX_FLAG_PURE_NOT))
        public static let partial = Features(rawValue: UInt32(CX_FLAG_PARTIAL))
        public static let spellingCorrection = Features(rawValue: UInt32(CX_FLAG_SPELLING_CORRECTION))
        public static let synonym = Features(rawValue: UInt32(CX_FLAG_SYNONYM))
        public static let cjkNGrams = Features(rawValue: UInt32(CX_FLAG_CJK_NGRAM))
        /// Xapian's default: boolean operators, phrases and love/hate.
        public static let standard: Features = [.boolean, .phrase, .loveHate]
    }

    let pointer: OpaquePointer

    /// A parser stemming for `language` ("none" or "" for none).
    public init(language: String = "english") throws(XapianError) {
        pointer = try handle(try checked { cx_queryparser_new($0) })
        try setLanguage(language)
    }

    deinit {
        cx_queryparser_free(pointer)
    }

    /// Stems for `language` from now on.
    public func setLanguage(_ language: String) throws(XapianError) {
        _ = try checked { cx_queryparser_set_stemmer(pointer, language, $0) }
    }

    /// Sets how query words are stemmed; match what the documents were indexed with.
    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws(XapianError) {
        _ = try checked { cx_queryparser_set_stemming_strategy(pointer, strategy.raw, $0) }
    }

    /// Sets the stop words the parser drops from queries.
    public func setStopWords(_ words: some Sequence<String>) throws(XapianError) {
        _ = try withByteList(words) { list, count throws(XapianError) in
            try checked { cx_queryparser_set_stop_words(pointer, list, count, $0) }
        }
    }

    /// Sets the operator between words with none written between them (OR by default).
    public func setDefaultOperator(_ op: Query.Operator) throws(XapianError) {
        _ = try checked { cx_queryparser_set_default_op(pointer, op.raw, $0) }
    }

    /// The database used to expand wildcards and correct spelling.
    public func setDatabase(_ database: Database) throws(XapianError) {
        _ = try checked { cx_queryparser_set_database(pointer, database.pointer, $0) }
    }

    /// Maps the free-text field `field` (as typed, without the colon) to the term prefix `prefix`.
    public func addPrefix(_ field: String, _ prefix: String) throws(XapianError) {
        _ = try checked { cx_queryparser_add_prefix(pointer, field, prefix, $0) }
    }

    /// Maps the boolean filter field `field` to the term prefix `prefix`; filters of one `grouping` are ORed.
    public func addBooleanPrefix(_ field: String, _ prefix: String, grouping: String? = nil) throws(XapianError) {
        if let grouping {
            _ = try checked { cx_queryparser_add_boolean_prefix(pointer, field, prefix, grouping, $0) }
        } else {
            _ = try checked { cx_queryparser_add_boolean_prefix(pointer, field, prefix, nil, $0) }
        }
    }

    /// Accepts date ranges written `<field>YYYY-MM-DD..YYYY-MM-DD` (either end may be left open) over `slot`,
    /// whose values are `YYYYMMDD` strings.
    public func addDateRange(slot: UInt32, field: String) throws(XapianError) {
        _ = try checked { cx_queryparser_add_date_range(pointer, slot, field, $0) }
    }

    /// Accepts number ranges `<field>A..B` over `slot`, whose values are `Sortable.serialise`d numbers.
    public func addNumberRange(slot: UInt32, field: String) throws(XapianError) {
        _ = try checked { cx_queryparser_add_number_range(pointer, slot, field, $0) }
    }

    /// Parses `text` into a query.
    ///
    /// - Throws: `.queryParser` for syntax the parser rejects, `.wildcard` when a wildcard expands too far.
    public func parse(_ text: String, features: Features = .standard, defaultPrefix: String = "")
        throws(XapianError) -> Query
    {
        let pointer = try withBytes(text) { textBytes throws(XapianError) in
            try withBytes(defaultPrefix) { prefixBytes throws(XapianError) in
                try handle(try checked { cx_queryparser_parse(self.pointer, textBytes, features.rawValue, prefixBytes, $0) })
            }
        }
        return Query(pointer: pointer)
    }

    /// The query with misspelled words corrected, after a parse with `.spellingCorrection`; nil when nothing
    /// was corrected.
    public func correctedQuery() throws(XapianError) -> String? {
        let corrected = consumeString(try checked { cx_queryparser_corrected_query(pointer, $0) })
        return corrected.isEmpty ? nil : corrected
    }
}
