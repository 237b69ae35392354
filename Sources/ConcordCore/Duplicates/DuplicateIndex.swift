import ConcordText
import Crypto
import Dispatch
import Foundation
import Synchronization
internal import Xapian

/// Keeps duplicate links and groups in the index up to date as documents come and go (SPEC "Normalization and
/// duplicates").
///
/// **Links.** Candidates come from the winnowed fingerprints stored on document records as boolean terms
/// (`Prefix.fingerprint`), so finding the copies of a document is an index lookup, the same over several
/// shards; fingerprints found in more than `boilerplateCap` documents are boilerplate, not evidence of copying
/// (passim's document-frequency cap). Each candidate pair is aligned word by word (`Aligner`, always with the
/// two documents in the same order, so the result does not depend on which was ingested first), and the aligned
/// span pairs are stored as links on both documents' link records (`RecordKind.links`).
///
/// **Groups.** The spans that copy one another form a group, in which every member holds the same text, exactly
/// or nearly: each document's linked regions are cut wherever any of its links begins or ends, each cut carried
/// over every link to the matching place of the other document (at its nearest sentence boundary), until the
/// cuts agree; the pieces linked to one another, transitively, are a group. So a passage copied whole by one
/// document and in part by another gives a group for the shared part and one for the rest, never one group
/// whose members hold different texts. The original is the member whose document has the earliest `issued`
/// date, else the one ingested first. Each passage points at the group it overlaps most (a value slot,
/// for Xapian's collapse, and a term).
struct DuplicateIndex {
    let database: WritableDatabase
    let minWords: Int
    /// Fingerprints (and groups) in more documents than this are boilerplate.
    var boilerplateCap = 64
    private let tokenizer = WordTokenizer()
    private let fingerprinter = Fingerprinter()
    private let aligner: Aligner

    /// Link records loaded in this run, by document; `dirtyLinks` must be written.
    private var links: [String: LinkRecord] = [:]
    private var dirtyLinks = Set<String>()
    /// Documents whose links were found in this run: links to them are current.
    private var processed = Set<String>()
    /// Documents read recently (text, words), least recently used first out.
    private var cache = DocumentCache(limit: 96 << 20)
    /// Document ids of record documents.
    private var documentOfRecord: [UInt32: String] = [:]
    /// The candidates of the documents to process, when found for all of them at once (`findCandidates`).
    private var knownCandidates: [String: Set<String>]?

    init(database: WritableDatabase, minWords: Int) {
        self.database = database
        self.minWords = max(2, minWords)
        var configuration = Aligner.Configuration()
        configuration.minWords = self.minWords
        aligner = Aligner(configuration: configuration)
    }

    /// Link records changed and not yet written.
    var pendingWrites: Int { dirtyLinks.count }

    // MARK: - Links

    /// Forgets document `id` (removed from the index): its links, on both sides, and its link record. Returns
    /// the documents whose groups must be rebuilt.
    mutating func remove(_ id: String) throws -> Set<String> {
        var touched = Set<String>()
        for partner in try linkRecord(id).partners where partner != id {
            var record = try linkRecord(partner)
            record.links.removeAll { $0.other == id }
            setLinks(record, of: partner)
            touched.insert(partner)
        }
        var record = try linkRecord(id)
        record.links = []
        setLinks(record, of: id)
        touched.insert(id)
        cache.remove(id)
        return touched
    }

    /// Finds the links of document `id` afresh: drops its old links (on both sides, except those to documents
    /// already processed in this run, which are current), then aligns it with every candidate not yet
    /// processed. Returns the documents whose links changed.
    mutating func findLinks(of id: String) throws -> Set<String> {
        var touched: Set<String> = [id]
        var own = try linkRecord(id)
        for partner in own.partners where partner != id && !processed.contains(partner) {
            var record = try linkRecord(partner)
            record.links.removeAll { $0.other == id }
            setLinks(record, of: partner)
            touched.insert(partner)
        }
        own.links.removeAll { !processed.contains($0.other) }
        processed.insert(id)
        guard let mine = try document(id) else {
            setLinks(own, of: id)
            return touched
        }
        let seedIndex = Self.seedIndex(mine, aligner: aligner)
        for candidate in try candidates(of: id, words: mine.words) where !processed.contains(candidate) {
            guard let theirs = try document(candidate) else { continue }
            let links = Self.links(id, mine, seedIndex, candidate, theirs, aligner: aligner)
            guard !links.isEmpty else { continue }
            var other = try linkRecord(candidate)
            for link in links {
                own.links.append(link)
                other.links.append(link.mirrored(from: id))
            }
            setLinks(other, of: candidate)
            touched.insert(candidate)
        }
        setLinks(own, of: id)
        return touched
    }

    /// Finds the links of all of `ids` (as `findLinks(of:)` one by one, in sorted order, would), aligning
    /// documents on `threads` threads, each with a reader of its own on the committed index at `path`: the
    /// alignments of different pairs do not depend on one another, only their bookkeeping does. Needs the
    /// candidates found for all at once (`findCandidates`). Returns the documents whose links changed.
    mutating func findLinks(ofAll ids: [String], path: String, threads: Int) throws -> Set<String> {
        guard let known = knownCandidates else {
            var touched = Set<String>()
            for id in ids.sorted() { touched.formUnion(try findLinks(of: id)) }
            return touched
        }
        var touched = Set<String>()
        let sorted = ids.sorted()
        let chunkSize = 512
        for start in stride(from: 0, to: sorted.count, by: chunkSize) {
            let chunk = Array(sorted[start..<min(sorted.count, start + chunkSize)])
            let inChunk = Set(chunk)
            // Old links go first, on both sides, except those to documents processed before this chunk.
            var work: [(id: String, candidates: [String])] = []
            for id in chunk {
                touched.insert(id)
                var own = try linkRecord(id)
                for partner in own.partners where partner != id && !processed.contains(partner) {
                    var record = try linkRecord(partner)
                    record.links.removeAll { $0.other == id }
                    setLinks(record, of: partner)
                    touched.insert(partner)
                }
                own.links.removeAll { !processed.contains($0.other) }
                setLinks(own, of: id)
                let candidates = (known[id] ?? []).filter { candidate in
                    !processed.contains(candidate) && (!inChunk.contains(candidate) || candidate > id)
                }.sorted()
                work.append((id, candidates))
            }
            let (found, loaded) = try Self.align(work, path: path, threads: threads, aligner: aligner, tokenizer: tokenizer)
            for (id, entry) in loaded where cache.entry(id) == nil { cache.insert(entry, for: id) }
            for (index, item) in work.enumerated() {
                var own = try linkRecord(item.id)
                for (candidate, links) in found[index] where !links.isEmpty {
                    var other = try linkRecord(candidate)
                    for link in links {
                        own.links.append(link)
                        other.links.append(link.mirrored(from: item.id))
                    }
                    setLinks(other, of: candidate)
                    touched.insert(candidate)
                }
                setLinks(own, of: item.id)
            }
            processed.formUnion(chunk)
            if pendingWrites >= IndexWriter.detectionBatch { try saveLinks() }
        }
        return touched
    }

    /// The links of each document of `work` with each of its candidates, computed on `threads` threads.
    private static func align(
        _ work: [(id: String, candidates: [String])], path: String, threads: Int, aligner: Aligner,
        tokenizer: WordTokenizer
    ) throws -> (links: [[(String, [DuplicateLink])]], loaded: [(String, DocumentCache.Entry)]) {
        let results = Mutex([[(String, [DuplicateLink])]](repeating: [], count: work.count))
        let loaded = Mutex<[(String, DocumentCache.Entry)]>([])
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, work.count))) { _ in
            do {
                let database = try Database(path: path)
                var cache = DocumentCache(limit: 48 << 20)
                func entry(_ id: String) throws -> DocumentCache.Entry? {
                    if let cached = cache.entry(id) { return cached }
                    guard let record = try DocumentRecord.load(id, from: database, passages: false) else { return nil }
                    let entry = DocumentCache.Entry(record: record, aligner: aligner, tokenizer: tokenizer)
                    cache.insert(entry, for: id)
                    return entry
                }
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < work.count, failure.withLock({ $0 == nil }) else { return }
                    let item = work[index]
                    guard !item.candidates.isEmpty, let mine = try entry(item.id) else { continue }
                    let seedIndex = seedIndex(mine, aligner: aligner)
                    var found: [(String, [DuplicateLink])] = []
                    for candidate in item.candidates {
                        guard let theirs = try entry(candidate) else { continue }
                        found.append((candidate, links(item.id, mine, seedIndex, candidate, theirs, aligner: aligner)))
                    }
                    results.withLock { $0[index] = found }
                }
                // What was read here serves the groups next.
                loaded.withLock { $0.append(contentsOf: cache.all) }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return (results.withLock { $0 }, loaded.withLock { $0 })
    }

    private static func seedIndex(_ entry: DocumentCache.Entry, aligner: Aligner) -> Aligner.SeedIndex {
        Aligner.SeedIndex(
            hashes: entry.seedHashes, seedLength: aligner.configuration.seedLength,
            maxOccurrences: aligner.configuration.maxSeedOccurrences)
    }

    /// The links of document `id` (`mine`, its seed index) with document `candidate` (`theirs`), as `id` stores
    /// them. The two are always aligned in the same order, so the links do not depend on which came first.
    private static func links(
        _ id: String, _ mine: DocumentCache.Entry, _ seedIndex: Aligner.SeedIndex, _ candidate: String,
        _ theirs: DocumentCache.Entry, aligner: Aligner
    ) -> [DuplicateLink] {
        let forward = id < candidate
        let (first, second) = forward ? (mine.words, theirs.words) : (theirs.words, mine.words)
        var seeds = seedIndex.seeds(againstHashes: theirs.seedHashes)
        if !forward { seeds = seeds.map(\.swapped) }
        return aligner.align(first, second, seeds: seeds).map { pair in
            let spans = Aligner.spans(of: pair, first, second)
            let (a, b, spanA, spanB) = forward ? (pair.a, pair.b, spans.a, spans.b) : (pair.b, pair.a, spans.b, spans.a)
            return DuplicateLink(
                span: spanA, words: [a.lowerBound, a.upperBound], other: candidate, otherSpan: spanB,
                otherWords: [b.lowerBound, b.upperBound], matched: pair.matchedWords)
        }
    }

    /// Finds the candidates of all of `documents` in one pass over the fingerprint terms, when they are many:
    /// looking each of their fingerprints up would cost a search of the term tree per fingerprint, and most
    /// fingerprints are held by one document only. Gives the same candidates as the look-ups.
    mutating func findCandidates(of documents: Set<String>) throws {
        let total = try database.termFrequency(RecordKind.document.term)
        guard documents.count > 64 && documents.count * 20 >= total else { return }
        var found: [String: Set<String>] = [:]
        for term in try database.terms(prefix: Prefix.fingerprint, frequencies: 2...boilerplateCap) {
            var holders: [String] = []
            for docid in try database.postings(for: term) { holders.append(try document(ofRecord: docid)) }
            for holder in holders where documents.contains(holder) {
                for other in holders where other != holder { found[holder, default: []].insert(other) }
            }
        }
        knownCandidates = found
    }

    /// Documents sharing at least one fingerprint that is not boilerplate with `id`.
    private mutating func candidates(of id: String, words: [Word]) throws -> [String] {
        if let knownCandidates { return (knownCandidates[id] ?? []).sorted() }
        var shared = Set<String>()
        let terms = Set(fingerprinter.fingerprints(of: words).map { Prefix.fingerprint + $0.term })
        for term in terms {
            let postings = try database.postings(for: term)
            guard postings.count > 1, postings.count <= boilerplateCap else { continue }
            for docid in postings { shared.insert(try document(ofRecord: docid)) }
        }
        shared.remove(id)
        return shared.sorted()
    }

    private mutating func document(ofRecord docid: UInt32) throws -> String {
        if let known = documentOfRecord[docid] { return known }
        let id = try database.document(docid).stringValue(ValueSlot.documentID.rawValue)
        documentOfRecord[docid] = id
        return id
    }

    /// Writes every link record changed since the last call.
    mutating func saveLinks() throws {
        for id in dirtyLinks.sorted() {
            guard let record = links[id] else { continue }
            try write(record, of: id)
        }
        dirtyLinks = []
    }

    private mutating func setLinks(_ record: LinkRecord, of id: String) {
        var record = record
        record.links.sort()
        if links[id] != record {
            links[id] = record
            dirtyLinks.insert(id)
        }
    }

    private mutating func linkRecord(_ id: String) throws -> LinkRecord {
        if let cached = links[id] { return cached }
        var record = LinkRecord()
        if let docid = try database.postings(for: Prefix.linksID + id).first {
            record = try StoredJSON.decode(LinkRecord.self, from: try database.document(docid).data())
        }
        links[id] = record
        return record
    }

    private func write(_ record: LinkRecord, of id: String) throws {
        let idTerm = Prefix.linksID + id
        guard !record.links.isEmpty || !record.groups.isEmpty else {
            try database.deleteDocuments(idTerm: idTerm)
            return
        }
        let document = try Document()
        try document.addBooleanTerm(idTerm)
        try document.addBooleanTerm(RecordKind.links.term)
        for partner in record.partners { try document.addBooleanTerm(Prefix.link + partner) }
        try document.setData(try StoredJSON.encode(record))
        _ = try database.replaceDocument(idTerm: idTerm, with: document)
    }

    // MARK: - Documents

    /// Document `id` for duplicate detection, with the seed hashes alignment needs when `seeds` is true.
    private mutating func document(_ id: String, seeds: Bool = true) throws -> DocumentCache.Entry? {
        if var cached = cache.entry(id) {
            if seeds && cached.seedHashes.isEmpty && !cached.words.isEmpty {
                cached.seedHashes = aligner.seedHashes(of: cached.words)
                cache.insert(cached, for: id)
            }
            return cached
        }
        guard let record = try DocumentRecord.load(id, from: database, passages: false) else { return nil }
        let entry = DocumentCache.Entry(record: record, aligner: seeds ? aligner : nil, tokenizer: tokenizer)
        cache.insert(entry, for: id)
        return entry
    }

    // MARK: - Groups

    /// Rebuilds the groups of every component (documents connected by links) that holds one of `seeds`, one
    /// component at a time: `between` runs after each (the caller commits there), `regrouped` gets the documents
    /// of each component done.
    mutating func rebuildGroups(
        around seeds: Set<String>, between: () throws -> Void, regrouped: (Set<String>) -> Void
    ) throws {
        var done = Set<String>()
        var sinceCommit = 0
        for seed in seeds.sorted() where !done.contains(seed) {
            var component = Set<String>()
            var queue = [seed]
            while let id = queue.popLast() {
                guard component.insert(id).inserted else { continue }
                queue.append(contentsOf: try linkRecord(id).partners.filter { !component.contains($0) })
            }
            try rebuild(component)
            done.formUnion(component)
            regrouped(component)
            sinceCommit += component.count
            if sinceCommit >= 4096 || pendingWrites >= IndexWriter.detectionBatch {
                try saveLinks()
                try between()
                sinceCommit = 0
                links = links.filter { dirtyLinks.contains($0.key) }
            }
        }
        try saveLinks()
    }

    private typealias Piece = GroupBuilder.Piece

    private mutating func rebuild(_ component: Set<String>) throws {
        let ids = component.sorted()
        for id in ids { try database.deleteDocuments(idTerm: Prefix.member + id) }
        var entries: [String: DocumentCache.Entry] = [:]
        var pairs: [(a: Piece, b: Piece)] = []
        for id in ids {
            guard var entry = try document(id, seeds: false) else { continue }
            if entry.record.passages.isEmpty {
                entry.record.passages = try DocumentRecord.passages(of: id, from: database)
                cache.insert(entry, for: id)
            }
            entries[id] = entry
            for link in try linkRecord(id).links where id < link.other && component.contains(link.other) {
                guard link.words.count == 2, link.otherWords.count == 2, link.words[0] < link.words[1],
                    link.otherWords[0] < link.otherWords[1]
                else { continue }
                pairs.append((Piece(document: id, range: link.words[0]..<link.words[1]),
                    Piece(document: link.other, range: link.otherWords[0]..<link.otherWords[1])))
            }
        }
        pairs.removeAll { entries[$0.a.document] == nil || entries[$0.b.document] == nil }
        let groups = GroupBuilder(
            pairs: pairs, words: entries.mapValues(\.words), minWords: minWords, maxDocuments: boilerplateCap
        ).groups()
        var groupOfPassage: [String: [(group: String, overlap: Int)]] = [:]
        var lineIndexes: [String: LineIndex] = [:]
        for pieces in groups {
            guard let group = makeGroup(pieces, entries: entries, lineIndexes: &lineIndexes) else { continue }
            try writeGroup(group)
            for member in group.members {
                guard let entry = entries[member.document] else { continue }
                for passage in entry.record.passages {
                    let overlap = passage.span.overlap(with: member.span)
                    if overlap > 0 { groupOfPassage[passage.id, default: []].append((group.id, overlap)) }
                }
            }
        }
        // Passages point at the group they overlap most, or at none.
        for id in ids {
            guard let entry = entries[id] else { continue }
            var record = try linkRecord(id)
            var assigned: [String: String] = [:]
            for passage in entry.record.passages {
                guard let best = groupOfPassage[passage.id]?.max(by: { ($0.overlap, $1.group) < ($1.overlap, $0.group) })
                else { continue }
                assigned[passage.id] = best.group
            }
            for passage in Set(record.groups.keys).union(assigned.keys).sorted()
            where record.groups[passage] != assigned[passage] {
                try setGroup(assigned[passage], onPassage: passage)
            }
            record.groups = assigned
            setLinks(record, of: id)
        }
    }

    private func makeGroup(
        _ pieces: [Piece], entries: [String: DocumentCache.Entry], lineIndexes: inout [String: LineIndex]
    ) -> DuplicateGroup? {
        var members: [(member: GroupMember, rank: (Int, Int, Int), sequence: Int, words: Int)] = []
        for piece in pieces {
            guard let entry = entries[piece.document], piece.range.upperBound <= entry.words.count else { continue }
            let span = Aligner.span(of: piece.range, in: entry.words)
            if lineIndexes[piece.document] == nil { lineIndexes[piece.document] = LineIndex(entry.text) }
            let lines = lineIndexes[piece.document]?.lines(of: span) ?? [1, 1]
            let passage = entry.record.passages.max { $0.span.overlap(with: span) < $1.span.overlap(with: span) }
            let member = GroupMember(
                passage: passage?.id ?? "", document: piece.document, span: span, lines: lines, text: entry.text[span],
                original: false)
            let rank = entry.record.originalRank
            members.append((member, (rank.issued, rank.sequence, span.start), entry.record.sequence, piece.range.count))
        }
        guard Set(members.map(\.member.document)).count >= 2 else { return nil }
        // The original: earliest issued date, else first ingested; then the copies in ingest order.
        members.sort { $0.rank < $1.rank }
        members[0].member.original = true
        let rest = members.dropFirst().sorted { ($0.sequence, $0.member.span) < ($1.sequence, $1.member.span) }
        let ordered = [members[0].member] + rest.map(\.member)
        var hasher = SHA256()
        for member in ordered.sorted(by: { ($0.document, $0.span) < ($1.document, $1.span) }) {
            hasher.update(data: Data("\(member.document):\(member.span.start):\(member.span.end);".utf8))
        }
        let id = "g" + hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
        return DuplicateGroup(
            id: id, members: ordered, original: ordered[0].document, words: members.map(\.words).min() ?? 0)
    }

    private func writeGroup(_ group: DuplicateGroup) throws {
        let document = try Document()
        try document.addBooleanTerm(Prefix.groupID + group.id)
        try document.addBooleanTerm(RecordKind.group.term)
        for member in Set(group.members.map(\.document)) { try document.addBooleanTerm(Prefix.member + member) }
        try document.setData(try StoredJSON.encode(group))
        _ = try database.replaceDocument(idTerm: Prefix.groupID + group.id, with: document)
    }

    /// Points passage `id` at `group` (or at none): the collapse value and the group term; its stored data stays.
    private func setGroup(_ group: String?, onPassage id: String) throws {
        let idTerm = Prefix.passageID + id
        guard let docid = try database.postings(for: idTerm).first else { return }
        let document = try database.document(docid)
        let old = try document.stringValue(ValueSlot.group.rawValue)
        if !old.isEmpty { try document.removeTerm(Prefix.group + old) }
        if let group {
            try document.setValue(group, slot: ValueSlot.group.rawValue)
            try document.addBooleanTerm(Prefix.group + group)
        } else {
            try document.setValue([UInt8](), slot: ValueSlot.group.rawValue)
        }
        _ = try database.replaceDocument(idTerm: idTerm, with: document)
    }
}

/// A document's duplicate links and the duplicate group of each of its passages (the data of its link record).
struct LinkRecord: Codable, Hashable, Sendable {
    var links: [DuplicateLink] = []
    /// Passage id → group id, for the passages in a group.
    var groups: [String: String] = [:]

    /// The documents linked to, sorted.
    var partners: [String] { Array(Set(links.map(\.other))).sorted() }
}

extension DuplicateLink {
    /// The same link as the other document (`other`) stores it, this one being `id`.
    func mirrored(from id: String) -> DuplicateLink {
        DuplicateLink(span: otherSpan, words: otherWords, other: id, otherSpan: span, otherWords: words, matched: matched)
    }
}

extension DuplicateLink: Comparable {
    static func < (lhs: DuplicateLink, rhs: DuplicateLink) -> Bool {
        (lhs.other, lhs.span, lhs.otherSpan) < (rhs.other, rhs.span, rhs.otherSpan)
    }
}

/// Documents read for duplicate detection, kept while they fit in `limit` bytes, the least recently used
/// dropped first.
struct DocumentCache {
    struct Entry {
        var record: DocumentRecord
        var text: ScalarText
        var words: [Word]
        /// The aligner's seed hashes of `words`.
        var seedHashes: [UInt64]

        /// The entry of `record`: its text indexed, its words and (with `aligner`) their seed hashes.
        init(record: DocumentRecord, aligner: Aligner?, tokenizer: WordTokenizer) {
            self.record = record
            text = ScalarText(record.text)
            words = tokenizer.words(in: text, skipping: record.boilerplate)
            seedHashes = aligner?.seedHashes(of: words) ?? []
        }

        /// About what the entry holds in memory.
        var bytes: Int { text.scalars.count * 5 + words.count * (MemoryLayout<Word>.stride + 8) + 1024 }
    }

    let limit: Int
    private(set) var bytes = 0
    private var entries: [String: (entry: Entry, used: Int)] = [:]
    private var clock = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func entry(_ id: String) -> Entry? {
        guard let found = entries[id] else { return nil }
        clock += 1
        entries[id] = (found.entry, clock)
        return found.entry
    }

    mutating func insert(_ entry: Entry, for id: String) {
        remove(id)
        clock += 1
        entries[id] = (entry, clock)
        bytes += entry.bytes
        guard bytes > limit else { return }
        // Drop the older half of what is held (not one at a time: that would sort on every insert).
        let byAge = entries.sorted { $0.value.used < $1.value.used }
        for (key, value) in byAge.prefix(byAge.count / 2) where key != id {
            entries[key] = nil
            bytes -= value.entry.bytes
        }
    }

    mutating func remove(_ id: String) {
        if let old = entries.removeValue(forKey: id) { bytes -= old.entry.bytes }
    }

    /// Every entry held, least recently used first.
    var all: [(String, Entry)] { entries.sorted { $0.value.used < $1.value.used }.map { ($0.key, $0.value.entry) } }
}
