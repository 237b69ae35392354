// The one place that names what concord stores in Xapian: term prefixes, value slots, id terms and the
// kinds of Xapian documents. Everything else asks this file.
import ConcordBase
package import Xapian

/// Term prefixes. Free-text field prefixes follow Xapian's conventions (S for title, A for author); the
/// X-prefixed ones are concord's own.
package enum Prefix {
    /// Title words (free text, `title:`).
    package static let title = "S"
    /// Author names (free text, `author:`).
    package static let author = "A"
    /// Publisher, container title or site (free text, `source:`).
    package static let source = "XS"
    /// Boolean, on document records: the document's id as `doc:` filters it.
    package static let document = "XDOC"
    /// Boolean: the kind of Xapian document (`RecordKind`).
    package static let kind = "XK"
    /// Boolean: the language code of a document record, for `stats`.
    package static let language = "XL"
    /// Boolean, on group records: a member document (DuplicateIndex).
    package static let member = "XM"
    /// Unique id terms: document record, group record and link record. A passage has none: it is found by its
    /// place after its record's first passage (`RecordSummary.passageBase`), which costs a search nothing and
    /// spares the index a posting list per passage.
    package static let documentID = "QD"
    package static let groupID = "QG"
    package static let linksID = "QL"
}

/// The kinds of Xapian documents in a concord index that carry their kind as a term (`Prefix.kind + rawValue`).
///
/// A passage's document carries no term: the passage is a value (`StoredPassage`), found by its place after its
/// record's first passage (`RecordSummary.passageBase`). A kind term would be its only one, and with a passage
/// document for every paragraph and sentence run, writing those terms took a twentieth of the ingest's Xapian
/// time (the bench's 50 MB subset). Passages are the documents of no kind here (`passageCount(in:)`); indexes
/// written before hold an `XKpassage` term on them, which nothing reads.
package enum RecordKind: String, CaseIterable {
    /// One per source document: its text, metadata and passage list; its whole text is indexed, so searches
    /// rank documents before passages.
    case document
    /// One per duplicate group: its members and original.
    case group
    /// One per document that shares spans with others: the aligned span pairs (`DuplicateLink`s) duplicate
    /// detection found, which groups are built from.
    case links

    package var term: String { Prefix.kind + rawValue }

    /// The passages `database` holds, as last committed: its documents of no kind.
    package static func passageCount(in database: Database) throws -> Int {
        var count = try database.documentCount()
        for kind in allCases { count -= try database.termFrequency(kind.term) }
        return max(0, count)
    }
}

/// Value slots.
package enum ValueSlot: UInt32 {
    /// The document's `issued` date as YYYYMMDD (missing month/day as 01), for `date:` ranges.
    case issued = 0
    /// The document's content hash, hex SHA-256 of the file and its sidecar (document records).
    case contentHash = 1
    /// The order in which documents were first ingested, sortable-serialised (document records).
    case sequence = 3
    /// The document id (document records), so listing documents and mapping a match to its document need no
    /// data decoding.
    case documentID = 4
    /// The absolute path of the source file (document records), for `--prune`.
    case path = 5
    /// The stored passage (passages, `StoredPassage`). A value rather than the document's data: Xapian
    /// compresses data with zlib, once per document, which for small passages costs more than all else that
    /// writing one does.
    case passage = 7
    /// All a search needs of a document record, in one value (`RecordSummary`): its id, what a hit says of it,
    /// where its passages' words stand (`PassagePositions`), its passage count and its passages' groups.
    case summary = 8
    /// The members of a duplicate group as references, without their texts (group records, `GroupReferences`).
    case groupMembers = 9
    /// The duplicate group as JSON, its members' places without their texts (group records, `StoredGroup`). A
    /// value rather than the document's data, as for passages: duplicate detection writes thousands of groups
    /// one after the other, and compressing each with zlib cost more than all else that writing it does.
    case group = 10
    /// The duplicate links of a document (link records, `LinkRecord.encoded()`); a value for the same reason:
    /// detection reads and rewrites them over and over.
    case links = 11
    /// The text as extracted, UTF-8 (`DocumentRecord.Stored.text`), on the document of the record's first
    /// passage (the record's own when it has none). Not on the record: duplicate detection rewrites each grouped
    /// record's summary, and Xapian reads back and writes again every value of a document it replaces, so the
    /// text, the largest by far, was most of what a summary's rewrite cost. Passages are never rewritten. Nor a
    /// document of its own, which would count among those BM25 weighs by (their number, their average length).
    case text = 12
    /// The winnowed fingerprints of a record's words (boilerplate left out), for duplicate candidates
    /// (`Fingerprint.packed`, 5 bytes each). A value rather than a term each: nearly every fingerprint is held by
    /// one document only, and as terms they were most of the index's distinct terms (77,000 of 116,000 at 10 MB)
    /// and a quarter of what writing it cost; candidates are found in one pass over the slot.
    case fingerprints = 13
}

/// The first term position of each indexed passage of a document record, ascending: the passages' words are
/// indexed one after the other on the record, with a gap between passages.
package struct PassagePositions: Sendable, Equatable {
    /// Positions left empty between two passages.
    package static let gap = 10
    package private(set) var ordinals: [Int] = []
    package private(set) var starts: [Int] = []

    package init() {}

    package mutating func append(ordinal: Int, start: Int) {
        ordinals.append(ordinal)
        starts.append(start)
    }

    /// The index (into `ordinals`) of the passage holding term position `position`, if any.
    package func passageIndex(at position: Int) -> Int? {
        let after = starts.partitioningIndex { $0 > position }
        return after == 0 ? nil : after - 1
    }
}

/// Keys of user metadata on the database.
package enum MetadataKey {
    /// The schema version this index was written with.
    package static let schema = "concord.schema"
    /// The next ingest sequence number.
    package static let nextSequence = "concord.next-sequence"
    /// Documents written but not yet through duplicate detection, one id a line.
    package static let duplicatesPending = "concord.duplicates-pending"
    /// Documents whose links changed and whose duplicate groups are not yet rebuilt, one id a line.
    package static let groupsPending = "concord.groups-pending"
    /// Spelling frequencies counted by committed batches and not yet in the spelling table, one key a batch
    /// (this prefix and 0, 1, 2, …), each a line a word: the word, a tab, the frequency to add.
    package static let spellingPending = "concord.spelling-pending."
    /// How many documents of the run under way held each word, by committed batch (this prefix and 0, 1, 2, …),
    /// each a line a word: the word, a tab, the documents of the batch that held it. Gone once the run ends.
    package static let spellingCounts = "concord.spelling-counts."
    /// "1" when the index held documents before the run under way began, else "0". Gone once the run ends.
    package static let spellingIndexedBefore = "concord.spelling-indexed-before"
}

package enum IndexSchema {
    /// Bumped whenever the stored layout changes; an index of another version is refused with a clear error.
    package static let version = "14"

    /// Document records take the Xapian ids below this, one per document (its ingest sequence + 1), so they lie
    /// together: Xapian keeps document lengths by id, and a search over records scattered among their passages
    /// would read most of that list. Everything else is added above.
    package static let recordIDLimit: UInt32 = 1 << 30

    /// How words become terms, at ingest and in queries: stemmed terms only, with positions (Xapian's STEM_ALL),
    /// so phrases match across word forms and every text term can locate its passages. Half the terms of
    /// Xapian's default (stemmed and unstemmed), which is most of what writing the index costs.
    package static let stemming = StemmingStrategy.all

    /// A document's title words count among its free-text words this many times more than where they stand
    /// (without positions, so passages are still found only by where words stand): field weighting, so a
    /// document whose title names the query ranks above one that mentions it in passing.
    package static let titleWeight = 2

    /// The `date:` range field as typed in queries.
    package static let dateField = "date:"

    /// Xapian's stemmer name for an ISO 639-1 code, or "none" when Xapian has none (CJK among them).
    package static func stemmer(forLanguage code: String?) -> String {
        switch code?.lowercased().prefix(2) {
        case "en", nil: "english"
        case "fr": "french"
        case "de": "german"
        case "es": "spanish"
        case "it": "italian"
        case "pt": "portuguese"
        case "nl": "dutch"
        case "sv": "swedish"
        case "ru": "russian"
        case "da": "danish"
        case "fi": "finnish"
        case "no", "nb": "norwegian"
        default: "none"
        }
    }

    /// A short English stop-word list: dropped from queries only when they are not the whole query (Xapian's
    /// stopper semantics), and not stemmed at index time.
    package static let englishStopWords = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
        "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this",
        "to", "was", "will", "with",
    ]
}
