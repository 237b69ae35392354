internal import CXapian

/// Runs a query against a database: ranking (BM25), sorting, collapsing and a time limit.
public final class Enquire {
    let pointer: OpaquePointer
    // The database must outlive the matches read through this object.
    private let database: Database

    /// An enquiry over `database`.
    public init(database: Database) throws(XapianError) {
        pointer = try handle(try checked { cx_enquire_new(database.pointer, $0) })
        self.database = database
    }

    deinit {
        cx_enquire_free(pointer)
    }

    /// The query to run.
    public func setQuery(_ query: Query) throws(XapianError) {
        _ = try checked { cx_enquire_set_query(pointer, query.pointer, $0) }
    }

    /// Ranks by relevance (the default).
    public func sortByRelevance() throws(XapianError) {
        _ = try checked { cx_enquire_set_sort_by_relevance(pointer, $0) }
    }

    /// Sorts by the value in `slot`, ascending unless `descending`; relevance breaks ties when `thenRelevance`.
    public func sortByValue(slot: UInt32, descending: Bool = false, thenRelevance: Bool = true) throws(XapianError) {
        _ = try checked { cx_enquire_set_sort_by_value(pointer, slot, descending, thenRelevance, $0) }
    }

    /// Weights with BM25 and these parameters (Xapian's defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).
    public func setBM25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormalizedLength: Double = 0.5)
        throws(XapianError)
    {
        _ = try checked { cx_enquire_set_bm25(pointer, k1, k2, k3, b, minNormalizedLength, $0) }
    }

    /// Keeps at most `max` matches per value of `slot` (nil turns collapsing off); documents with an empty
    /// value are never collapsed. `MSet.Item.collapseCount` then says how many were folded into each.
    public func setCollapseKey(slot: UInt32?, max: Int = 1) throws(XapianError) {
        let limit = UInt32(Swift.max(1, max))
        _ = try checked { cx_enquire_set_collapse_key(pointer, slot ?? UInt32.max, limit, $0) }
    }

    /// Stops matching after `seconds` (nil: no limit), returning the best matches found by then.
    public func setTimeLimit(_ seconds: Double?) throws(XapianError) {
        _ = try checked { cx_enquire_set_time_limit(pointer, seconds ?? 0, $0) }
    }

    /// Runs the query, returning at most `limit` matches from rank `offset`; `checkAtLeast` makes the match
    /// count exact up to that many.
    public func matches(offset: Int = 0, limit: Int, checkAtLeast: Int = 0) throws(XapianError) -> MSet {
        let pointer = try handle(try checked {
            cx_enquire_mset(self.pointer, UInt32(max(0, offset)), UInt32(max(0, limit)), UInt32(max(0, checkAtLeast)), $0)
        })
        return MSet(pointer: pointer, database: database)
    }
}

/// The matches of one enquiry, best first.
public final class MSet: RandomAccessCollection {
    /// One match.
    public struct Item {
        /// The document id.
        public var documentID: UInt32
        /// 0-based rank among all matches (offset included).
        public var rank: Int
        /// The BM25 (or other) weight.
        public var weight: Double
        /// The weight as a percentage of the best possible.
        public var percent: Int
        /// How many other matches with the same collapse key were folded into this one (a lower bound).
        public var collapseCount: Int
        /// The collapse key value (empty without collapsing).
        public var collapseKey: [UInt8]
    }

    let pointer: OpaquePointer
    private let database: Database

    init(pointer: OpaquePointer, database: Database) {
        self.pointer = pointer
        self.database = database
    }

    deinit {
        cx_mset_free(pointer)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { cx_mset_size(pointer) }

    /// The match at `index`; reading a match cannot fail once the MSet exists but for a vanished document,
    /// which gives a zeroed item.
    public subscript(index: Int) -> Item {
        (try? item(at: index)) ?? Item(documentID: 0, rank: index, weight: 0, percent: 0, collapseCount: 0, collapseKey: [])
    }

    /// The match at `index`, with errors reported.
    public func item(at index: Int) throws(XapianError) -> Item {
        Item(
            documentID: try checked { cx_mset_docid(pointer, index, $0) },
            rank: Int(try checked { cx_mset_rank(pointer, index, $0) }),
            weight: try checked { cx_mset_weight(pointer, index, $0) },
            percent: Int(try checked { cx_mset_percent(pointer, index, $0) }),
            collapseCount: Int(try checked { cx_mset_collapse_count(pointer, index, $0) }),
            collapseKey: consumeBytes(try checked { cx_mset_collapse_key(pointer, index, $0) }))
    }

    /// The document of the match at `index`.
    public func document(at index: Int) throws(XapianError) -> Document {
        Document(pointer: try handle(try checked { cx_mset_document(pointer, index, $0) }))
    }

    /// Xapian's estimate of the total number of matches.
    public var matchesEstimated: Int { Int(cx_mset_matches_estimated(pointer)) }
    /// A lower bound on the total number of matches.
    public var matchesLowerBound: Int { Int(cx_mset_matches_lower_bound(pointer)) }
    /// An upper bound on the total number of matches.
    public var matchesUpperBound: Int { Int(cx_mset_matches_upper_bound(pointer)) }

    /// Snippet options (Xapian::MSet::snippet flags).
    public struct SnippetOptions: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Prefer passages dense in rarer terms.
        public static let backgroundModel = SnippetOptions(rawValue: UInt32(CX_SNIPPET_BACKGROUND_MODEL))
        /// Consider every passage, not only the first that fits.
        public static let exhaustive = SnippetOptions(rawValue: UInt32(CX_SNIPPET_EXHAUSTIVE))
        /// Return "" when no query term matches.
        public static let emptyWithoutMatch = SnippetOptions(rawValue: UInt32(CX_SNIPPET_EMPTY_WITHOUT_MATCH))
        /// Match CJK text as n-grams.
        public static let cjkNGrams = SnippetOptions(rawValue: UInt32(CX_SNIPPET_CJK_NGRAM))
    }

    /// A display snippet of `text` of about `length` bytes around this query's matches, each wrapped in
    /// `highlight`, with `omit` where text was cut. For display only: locations come from spans.
    public func snippet(
        of text: String, length: Int = 200, language: String = "english",
        highlight: (start: String, end: String) = ("<b>", "</b>"), omit: String = "…",
        options: SnippetOptions = [.backgroundModel, .exhaustive]
    ) throws(XapianError) -> String {
        try withBytes(text) { textBytes throws(XapianError) in
            try withBytes(highlight.start) { start throws(XapianError) in
                try withBytes(highlight.end) { end throws(XapianError) in
                    try withBytes(omit) { omitBytes throws(XapianError) in
                        consumeString(try checked {
                            cx_mset_snippet(pointer, textBytes, Swift.max(0, length), language, options.rawValue, start, end, omitBytes, $0)
                        })
                    }
                }
            }
        }
    }
}
