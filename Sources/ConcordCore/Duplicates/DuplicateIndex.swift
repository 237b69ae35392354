import ConcordBase
import ConcordText
import Crypto
import Dispatch
import Foundation
import Synchronization
internal import Xapian

/// Keeps duplicate links and groups in the index up to date as documents come and go (SPEC "Normalization and
/// duplicates").
///
/// **Links.** Candidates come from the winnowed fingerprints stored on document records (a value,
/// `ValueSlot.fingerprints`), read in one pass for all the documents to process; fingerprints found in more
/// than `boilerplateCap` documents are boilerplate, not evidence of copying
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
/// date, else the one ingested first. Each passage points at the group it overlaps most (in its document's link
/// record, `PassageGroups`).
struct DuplicateIndex {
    let database: WritableDatabase
    let minWords: Int
    /// Fingerprints (and groups) in more documents than this are boilerplate.
    var boilerplateCap = 64
    var limits = Limits()

    /// How much detection holds before it lets go: tests lower these to reach the paths taken past them.
    struct Limits: Sendable {
        /// The most links kept at hand once written (`saveLinks()`), about 80 bytes each: all of them for the
        /// 150 MB benchmark corpus.
        var keptLinks = 600_000
        /// Links and old groups rebuilt between two commits of the group rebuild (`rebuildGroups`).
        var commitWeight = 50_000
        /// Bytes of values written (groups, link records, record summaries) between two commits of the group
        /// rebuild: Xapian holds what a transaction changed in memory until it commits, more than its size (the
        /// 150 MB subset's groups, 95 MB of values, went in one transaction whose commit freed 138 MiB).
        var commitBytes = 16 << 20
        /// Groups of a large component made and encoded at a time, as they are written (`BuiltGroups.unmade`).
        var groupSlice = 1024
        /// Documents whose links are found and committed together (`IndexWriter.updateDuplicates`), and link
        /// records changed before they are written.
        var linkBatch = 4096
        /// Whether candidates may come from the fingerprints the ingest prepared, when every record's are at
        /// hand (false: from the records' values, as in a run over an index that held documents before).
        var preparedCandidates = true
        /// Whether the records this run wrote are rewritten from their values as it wrote them (`WrittenRecord`);
        /// false: as those of records from before, read back from the index.
        var valuesAtHand = true
        /// The most bytes of prepared words the spill file holds (`AlignedSpill`), the rest held in memory; nil:
        /// a quarter of the space free where the index is.
        var spillBytes: Int?
    }
    private let tokenizer = WordTokenizer()
    private let aligner: Aligner

    /// Link records loaded in this run, by document, as they are now and as they were read; `dirtyLinks` may
    /// have changed.
    private var links: [String: LinkRecord] = [:]
    private var loadedLinks: [String: LinkRecord] = [:]
    private var dirtyLinks = Set<String>()
    /// How link records are written (`writeLinks`).
    private var linkWrites = IDTermWrites(.links)
    /// The records this run wrote, by document, as it wrote them (the summary as last rewritten).
    private var written: [String: WrittenRecord]
    /// The record summaries (and their Xapian ids) whose passages' groups the rebuild read and changes
    /// (`passageGroups(of:)`), kept till they are written with the link records (`saveLinks`). Apart from the
    /// link records: rewriting a document's groups needs none of its links, and reading those back for every
    /// document of a large component added 170 MB to the heap of the 250 MB bench subset's ingest (37 MB now).
    private var summaries: [String: (docid: UInt32, summary: RecordSummary)] = [:]
    /// The documents in `summaries` whose passages' groups changed.
    private var regroupedRecords = Set<String>()
    /// Documents whose links were found in this run: links to them are current.
    private var processed = Set<String>()
    /// While groups are rebuilt: documents read, shared by the threads that build groups, and the groups
    /// documents had before (groups built since are all visited, so they need not be listed). 64 MB of
    /// documents as `Member.bytes` counts them hold about twice the documents 160 MB held when a member took
    /// four bytes a scalar and counted twelve.
    private let members = SharedCache<Member>(limit: 64 << 20)
    private var groupsOf: [String: [(id: String, members: [(String, TextSpan)])]] = [:]
    /// Whether the index held groups when the rebuild began: when it held none, no document has old groups to
    /// look up.
    private var hadGroups = true
    /// How group records are written (`writeGroup`).
    private var groupWrites = IDTermWrites(.group)
    /// Bytes of values written since the rebuild's last commit (`Limits.commitBytes`).
    private var uncommittedBytes = 0
    /// The words of documents read recently, shared by the threads that align: those the ingest held in memory,
    /// then those read from `spill` or back from the index (`alignedDocumentCache`). Emptied before groups are
    /// built, so it is not held beside the group builder's caches.
    private let cache: SharedCache<AlignedDocument>
    /// The words of the documents this run prepared that are not in `cache` (`AlignedSpill`).
    private let spill: AlignedSpill?
    /// Document ids of record documents.
    private var documentOfRecord: [UInt32: String] = [:]
    /// Numbers for documents, while groups are rebuilt (`number(of:)`), and the documents by number.
    private var documentNumbers: [String: Int32] = [:]
    private var documentNames: [String] = []
    /// The candidates of the documents to process, when found for all of them at once (`findCandidates`).
    private var knownCandidates: [String: Set<String>]?
    /// For each document in a candidate pair, how many of its pairs are still to be aligned: once none is, its
    /// words leave `cache` (`findLinks`), since nothing reads them again in this run.
    private var pairsToAlign: [String: Int] = [:]
    /// The keys of the fingerprints held by more than `boilerplateCap` documents (`Fingerprint.key`): text so
    /// widely shared (licences, page furniture, templates) that it is boilerplate, kept out of alignment as well
    /// as of candidates.
    private var commonKeys: Set<UInt64> = []

    /// `cache`: for the words of the documents to align, holding those the ingest prepared and kept in memory
    /// (`alignedDocumentCache()`); `spill`: those it wrote to a file.
    init(
        database: WritableDatabase, minWords: Int, cache: SharedCache<AlignedDocument>, spill: AlignedSpill? = nil,
        written: [String: WrittenRecord] = [:]
    ) {
        self.database = database
        self.written = written
        self.minWords = max(2, minWords)
        var configuration = Aligner.Configuration()
        configuration.minWords = self.minWords
        aligner = Aligner(configuration: configuration)
        self.cache = cache
        self.spill = spill
        // What the cache drops to make room comes back from the spill, as it was finished, when needed again.
        if let spill { cache.onEviction { id, entry in spill.storeFinished(entry, of: id) } }
    }

    /// A cache for the words of documents to align. What it drops comes back from the spill, as finished
    /// (`AlignedSpill.storeFinished`), so it need not hold every document with candidates: at 448 MB it set the
    /// peak RSS of the 250 MB bench subset's ingest (610 and 614 MiB, two runs), at 256 MB that peak was 516 and
    /// 521 MiB, detection about a second longer there and no longer on the 150 MB subset. Since a finished entry
    /// spills only its seeds, 128 MB costs no time: on the 250 MB subset detection took 10.3 to 11.4 s (four
    /// runs) against 11.0 to 11.9 s with 256 MB, and the peak was 377 to 387 MiB against 449 to 498 (255 and 299
    /// against 350 and 351 on the 150 MB subset). Past that, the groups of the largest component set the peak.
    static func alignedDocumentCache() -> SharedCache<AlignedDocument> { SharedCache(limit: 128 << 20) }

    /// Link records changed and not yet written.
    var pendingWrites: Int { dirtyLinks.count }

    // MARK: - Links

    /// Forgets document `id` (removed from the index): its links, on both sides, and its link record. Returns
    /// the documents whose groups must be rebuilt.
    mutating func remove(_ id: String) throws -> Set<String> {
        var touched = Set<String>()
        for partner in try linkRecord(id).partners where partner != id {
            try update(partner) { $0.links.removeAll { $0.other == id } }
            touched.insert(partner)
        }
        try update(id) { $0.links = [] }
        touched.insert(id)
        cache.remove(id)
        spill?.forget(id)
        return touched
    }

    /// Drops the old links of `id`, on both sides, except those to documents processed already (which are
    /// current); the documents whose links changed go into `touched`.
    private mutating func dropOldLinks(of id: String, touched: inout Set<String>) throws {
        touched.insert(id)
        for partner in try linkRecord(id).partners where partner != id && !processed.contains(partner) {
            try update(partner) { $0.links.removeAll { $0.other == id } }
            touched.insert(partner)
        }
        let processed = processed
        try update(id) { record in record.links.removeAll { !processed.contains($0.other) } }
    }

    /// Stores `links` of `id` with `candidate` on both sides.
    private mutating func add(_ links: [DuplicateLink], of id: String, with candidate: String) throws {
        guard !links.isEmpty else { return }
        try update(id) { $0.links.append(contentsOf: links) }
        try update(candidate) { $0.links.append(contentsOf: links.map { $0.mirrored(from: id) }) }
    }

    /// Finds the links of all of `ids` afresh: drops their old links (on both sides, except those to documents
    /// already processed in this run, which are current), then aligns each with every candidate not yet
    /// processed, on `threads` threads, each with a reader of its own on the committed index at `path`: the
    /// alignments of different pairs do not depend on one another, only their bookkeeping does. Candidates come
    /// from `findCandidates(of:)`, which must have run for documents that include `ids`. Returns the documents
    /// whose links changed.
    mutating func findLinks(ofAll ids: [String], path: String, threads: Int) throws -> Set<String> {
        guard let known = knownCandidates else {
            preconditionFailure("findCandidates(of:) runs before findLinks(ofAll:), and again after rebuildGroups")
        }
        var touched = Set<String>()
        // Documents that share text are taken one after the other, so what is read for one serves the next.
        let order = Self.clustered(ids, candidates: known)
        var position: [String: Int] = [:]
        for (index, id) in order.enumerated() { position[id] = index }
        let chunkSize = 512
        let chunks = stride(from: 0, to: order.count, by: chunkSize).map {
            Array(order[$0..<min(order.count, $0 + chunkSize)])
        }
        // What each chunk aligns, known before any is done: a pair is aligned once, by the first of the two in the
        // order, and not with documents processed before the chunk (whose links are current).
        var works: [[(id: String, candidates: [String])]] = []
        var before = processed
        for (number, chunk) in chunks.enumerated() {
            let start = number * chunkSize
            works.append(chunk.map { id in
                let mine = position[id] ?? 0
                let candidates = (known[id] ?? []).filter { candidate in
                    guard !before.contains(candidate) else { return false }
                    guard let theirs = position[candidate], theirs >= start, theirs < start + chunkSize else { return true }
                    return theirs > mine
                }.sorted()
                return (id, candidates)
            })
            before.formUnion(chunk)
        }
        // A chunk is aligned on other threads while this one does the bookkeeping of the chunks around it.
        let (aligner, tokenizer, common, cache, spill) = (aligner, tokenizer, commonKeys, cache, spill)
        func aligning(_ number: Int) -> Background<[[(String, [DuplicateLink])]]>? {
            guard number < works.count else { return nil }
            let work = works[number]
            return Background {
                try Self.align(
                    work, path: path, threads: threads, aligner: aligner, tokenizer: tokenizer, common: common, cache: cache,
                    spill: spill)
            }
        }
        // Two chunks are aligned at once, so the threads that finish a chunk's last documents first go on with
        // the next chunk's rather than wait for the slowest.
        var aligned = (0..<2).compactMap(aligning)
        // Chunks still being aligned when an error leaves early: their threads read `cache`.
        defer { for chunk in aligned { _ = try? chunk.value() } }
        for (number, chunk) in chunks.enumerated() {
            // Old links go first, on both sides, except those to documents processed before this chunk.
            for id in chunk { try dropOldLinks(of: id, touched: &touched) }
            let found = try aligned.removeFirst().value()
            if let next = aligning(number + 2) { aligned.append(next) }
            for (index, item) in works[number].enumerated() {
                for (candidate, links) in found[index] where !links.isEmpty {
                    try add(links, of: item.id, with: candidate)
                    touched.insert(candidate)
                }
            }
            markAligned(works[number])
            processed.formUnion(chunk)
            if pendingWrites >= limits.linkBatch { try saveLinks() }
        }
        return touched
    }

    /// Counts the pairs of `work` as aligned, and lets the cache drop the words of each document none of whose
    /// pairs is left to align: no chunk being aligned now or later reads them. The cache otherwise kept them until
    /// it was full (at the end of alignment on the 150 MB bench subset, 390 MiB of live heap, 98 now).
    private mutating func markAligned(_ work: [(id: String, candidates: [String])]) {
        var done: [String] = []
        for item in work {
            done.append(item.id)
            for candidate in item.candidates {
                pairsToAlign[item.id, default: 0] -= 1
                pairsToAlign[candidate, default: 0] -= 1
                done.append(candidate)
            }
        }
        for id in done where pairsToAlign[id, default: 0] <= 0 {
            pairsToAlign[id] = nil
            cache.remove(id)
        }
    }

    /// `ids` in the order of a walk over their candidates (breadth first, from the least id not yet reached,
    /// neighbours in sorted order): deterministic, and documents that share text come close together.
    static func clustered(_ ids: [String], candidates: [String: Set<String>]) -> [String] {
        let wanted = Set(ids)
        var order: [String] = []
        order.reserveCapacity(ids.count)
        var seen = Set<String>()
        for root in ids.sorted() where !seen.contains(root) {
            var queue = [root]
            seen.insert(root)
            var head = 0
            while head < queue.count {
                let id = queue[head]
                head += 1
                order.append(id)
                for next in (candidates[id] ?? []).sorted() where wanted.contains(next) && seen.insert(next).inserted {
                    queue.append(next)
                }
            }
        }
        return order
    }

    /// The links of each document of `work` with each of its candidates, computed on `threads` threads.
    private static func align(
        _ work: [(id: String, candidates: [String])], path: String, threads: Int, aligner: Aligner,
        tokenizer: WordTokenizer, common: Set<UInt64>, cache: SharedCache<AlignedDocument>, spill: AlignedSpill?
    ) throws -> [[(String, [DuplicateLink])]] {
        try inParallel(work.count, threads: threads, path: path) { database, index in
            func entry(_ id: String) throws -> AlignedDocument? {
                try AlignedDocument.cached(
                    id, in: cache, spill: spill, from: database, aligner: aligner, tokenizer: tokenizer, common: common)
            }
            let item = work[index]
            guard !item.candidates.isEmpty, let mine = try entry(item.id) else { return [] }
            var found: [(String, [DuplicateLink])] = []
            for candidate in item.candidates {
                guard let theirs = try entry(candidate) else { continue }
                found.append((candidate, links(item.id, mine, candidate, theirs, aligner: aligner)))
            }
            return found
        }
    }

    /// `work(reader, index)` for each index below `count`, on `threads` threads, each with a reader of its own
    /// over the index at `path`; the results in index order. The first error stops the rest and is thrown.
    private static func inParallel<Result: Sendable>(
        _ count: Int, threads: Int, path: String, _ work: @Sendable (Database, Int) throws -> Result
    ) throws -> [Result] {
        try inParallel(count, threads: threads, each: { try Database(path: path) }, work)
    }

    /// `work(context, index)` for each index below `count`, on `threads` threads, each with a context of its own
    /// made by `each` (a reader, or nothing for work that reads nothing); the results in index order. The first
    /// error stops the rest and is thrown.
    private static func inParallel<Context, Result: Sendable>(
        _ count: Int, threads: Int, each: @Sendable () throws -> Context, _ work: @Sendable (Context, Int) throws -> Result
    ) throws -> [Result] {
        guard count > 0 else { return [] }
        let results = Mutex([Result?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            do {
                let context = try each()
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count, failure.withLock({ $0 == nil }) else { return }
                    let result = try work(context, index)
                    results.withLock { $0[index] = result }
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Work run on a thread of its own, its result waited for by `value()`.
    private final class Background<Value: Sendable>: Sendable {
        private let outcome = Mutex<Result<Value, any Error>?>(nil)
        private let finished = DispatchSemaphore(value: 0)

        /// Starts `work`; `done`, when given, is signalled once it ends (one semaphore may watch several).
        init(signalling done: DispatchSemaphore? = nil, _ work: @escaping @Sendable () throws -> Value) {
            // A thread of its own, not one of Dispatch's pool: the pool's threads may all be busy.
            let thread = Thread { [self] in
                let result = Result(catching: work)
                outcome.withLock { $0 = result }
                finished.signal()
                done?.signal()
            }
            thread.start()
        }

        /// Whether the work has ended (`value()` then returns at once).
        var isFinished: Bool { outcome.withLock { $0 != nil } }

        /// The work's result (waiting for it), or the error it threw; the same on every call.
        func value() throws -> Value {
            while true {
                if let known = outcome.withLock({ $0 }) { return try known.get() }
                finished.wait()
                finished.signal()
            }
        }
    }

    /// The links of document `id` (`mine`) with document `candidate` (`theirs`), as `id` stores them. The two
    /// are always aligned in the same order, so the links do not depend on which came first.
    private static func links(
        _ id: String, _ mine: AlignedDocument, _ candidate: String, _ theirs: AlignedDocument, aligner: Aligner
    ) -> [DuplicateLink] {
        let forward = id < candidate
        let (first, second) = forward ? (mine.words, theirs.words) : (theirs.words, mine.words)
        let (firstSeeds, secondSeeds) = forward ? (mine.seeds, theirs.seeds) : (theirs.seeds, mine.seeds)
        let seeds = aligner.seeds(firstSeeds, secondSeeds)
        return aligner.align(first, second, seeds: seeds).map { pair in
            let spans = Aligner.spans(of: pair, first, second)
            let (a, b, spanA, spanB) = forward ? (pair.a, pair.b, spans.a, spans.b) : (pair.b, pair.a, spans.b, spans.a)
            return DuplicateLink(
                span: spanA, words: a, other: candidate, otherSpan: spanB, otherWords: b, matched: pair.matchedWords)
        }
    }

    /// Finds the candidates of all of `documents`, and the fingerprints common enough to be boilerplate, in one
    /// pass over every record's fingerprints (`ValueSlot.fingerprints`): records hold them as a value, not as
    /// terms, so there is no term to look up, and one read of the slot costs less than looking up a document's
    /// fingerprints one by one would.
    mutating func findCandidates(of documents: Set<String>) throws {
        // Every record's document id, from one pass over the slot (records alone hold it).
        let records = try database.stringValues(in: ValueSlot.documentID.rawValue)
        for (record, id) in records { documentOfRecord[record] = id }
        let wanted = Set(records.lazy.filter { documents.contains($0.value) }.map(\.document))
        var held = try (limits.preparedCandidates ? preparedFingerprints(of: records) : nil)
            ?? Self.storedFingerprints(in: database)
        // Pairs of record document ids, the one to process in the high half: most fingerprints are shared by few
        // documents, and ids are compared far faster than the documents' names.
        var pairs = Set<UInt64>()
        commonKeys = Self.sortFingerprints(&held, cap: boilerplateCap) { holders in
            for holder in holders where wanted.contains(holder) {
                for other in holders where other != holder { pairs.insert(UInt64(holder) << 32 | UInt64(other)) }
            }
        }
        var found: [String: Set<String>] = [:]
        for pair in pairs {
            let holder = try document(ofRecord: UInt32(truncatingIfNeeded: pair >> 32))
            found[holder, default: []].insert(try document(ofRecord: UInt32(truncatingIfNeeded: pair)))
        }
        knownCandidates = found
        // Each pair is aligned once, whichever of its two documents comes first (`findLinks`).
        pairsToAlign = [:]
        for (id, candidates) in found {
            for candidate in candidates where !(candidate < id && found[candidate]?.contains(id) == true) {
                pairsToAlign[id, default: 0] += 1
                pairsToAlign[candidate, default: 0] += 1
            }
        }
    }

    /// A fingerprint key and a record holding it.
    typealias Held = (key: UInt64, record: UInt32)

    /// Every record's fingerprints in `database` (`ValueSlot.fingerprints`), from one pass over their slot.
    static func storedFingerprints(in database: Database) throws -> [Held] {
        var held: [Held] = []
        try database.forEachValue(in: ValueSlot.fingerprints.rawValue) { record, value in
            Fingerprint.forEachKey(packed: value) { held.append(($0, record)) }
        }
        return held
    }

    /// Every record's fingerprints as the ingest prepared them, the same as `storedFingerprints(in:)` reads: nil
    /// unless every record's are at hand, as in a run over a new index.
    private func preparedFingerprints(of records: [(document: UInt32, value: String)]) -> [Held]? {
        var held: [Held] = []
        for (record, id) in records {
            guard let fingerprints = spill?.fingerprints(id) ?? cache.held(id)?.prepared else { return nil }
            held.append(contentsOf: fingerprints.lazy.map { ($0.key, record) })
        }
        return held
    }

    /// Sorts the fingerprints `held` by key (in place: they can be many, 16 bytes each) and returns the keys
    /// held by more than `cap` records, which are boilerplate; `shared` gets the records (ascending, each once)
    /// holding each other key that more than one record holds: candidates of one another.
    static func sortFingerprints(
        _ held: inout [Held], cap: Int, shared: (ArraySlice<UInt32>) -> Void = { _ in }
    ) -> Set<UInt64> {
        held.sort { $0.key != $1.key ? $0.key < $1.key : $0.record < $1.record }
        var common = Set<UInt64>()
        var holders: [UInt32] = []
        var index = 0
        while index < held.count {
            let key = held[index].key
            holders.removeAll(keepingCapacity: true)
            while index < held.count, held[index].key == key {
                if holders.last != held[index].record { holders.append(held[index].record) }
                index += 1
            }
            if holders.count > cap {
                common.insert(key)
            } else if holders.count > 1 {
                shared(holders[...])
            }
        }
        return common
    }

    private mutating func document(ofRecord docid: UInt32) throws -> String {
        if let known = documentOfRecord[docid] { return known }
        let id = try database.document(docid).stringValue(ValueSlot.documentID.rawValue)
        documentOfRecord[docid] = id
        return id
    }

    /// Writes every link record changed since the last call, and the passages' groups changed since
    /// (`setPassageGroups`). The records stay at hand, as the index now has them, while they hold at most
    /// `limits.keptLinks` links (groups are built from the links just found, and reading them back costs a lookup
    /// and a decoding each); past that they are forgotten, so what is held does not grow with the corpus.
    /// Passages' groups are read afresh after (`passageGroups(of:)`).
    mutating func saveLinks() throws {
        var held = 0
        for record in links.values { held += record.links.count }
        for id in dirtyLinks.sorted() {
            // Taken out, so sorting its links does not copy them.
            guard var record = links.removeValue(forKey: id) else { continue }
            record.links.sort()
            if record != loadedLinks[id] { try writeLinks(record, of: id) }
            if held <= limits.keptLinks { links[id] = record }
        }
        dirtyLinks = []
        for id in regroupedRecords.sorted() {
            if let found = summaries[id] { try writeGroups(in: found.summary, record: found.docid, of: id) }
        }
        regroupedRecords = []
        summaries = [:]
        if held <= limits.keptLinks {
            loadedLinks = links
        } else {
            links = [:]
            loadedLinks = [:]
        }
    }

    /// Changes the link record of `id` in place (a copy would copy its links, thousands for some documents).
    private mutating func update(_ id: String, _ change: (inout LinkRecord) -> Void) throws {
        if links[id] == nil { _ = try linkRecord(id) }
        change(&links[id, default: LinkRecord()])
        dirtyLinks.insert(id)
    }

    private mutating func linkRecord(_ id: String) throws -> LinkRecord {
        if let cached = links[id] { return cached }
        let record = LinkRecord(links: try ConcordService.links(of: id, in: database))
        links[id] = record
        loadedLinks[id] = record
        return record
    }

    /// The groups of document `id`'s passages by ordinal, as its record's summary holds them (read on first use;
    /// none for a document without a record, which has none to rewrite).
    private mutating func passageGroups(of id: String) throws -> [Int: PassageGroups.Assignment] {
        if summaries[id] == nil, let found = try summary(of: id) { summaries[id] = found }
        return summaries[id]?.summary.groups ?? [:]
    }

    /// Gives document `id`'s passages `groups` (by ordinal), written with the link records (`saveLinks`); read
    /// them first (`passageGroups(of:)`).
    private mutating func setPassageGroups(of id: String, _ groups: [Int: PassageGroups.Assignment]) {
        guard summaries[id] != nil else { return }
        summaries[id]?.summary.groups = groups
        regroupedRecords.insert(id)
    }

    /// The summary of document `id`'s record and the record's Xapian id, as this run wrote them or else as the
    /// index has them; nil when the document has no record.
    private func summary(of id: String) throws -> (UInt32, RecordSummary)? {
        if limits.valuesAtHand, let record = written[id] { return (record.docid, try RecordSummary(decoding: record.summary)) }
        guard let docid = try database.postings(for: Prefix.documentID + id).first else { return nil }
        return (docid, try RecordSummary.load(record: docid, from: database))
    }

    /// Writes the link record of `id`, or deletes it when it holds no link.
    private mutating func writeLinks(_ record: LinkRecord, of id: String) throws {
        let idTerm = Prefix.linksID + id
        guard !record.links.isEmpty else {
            try linkWrites.delete(idTerm: idTerm, in: database)
            return
        }
        let document = try Document()
        try document.addBooleanTerm(idTerm)
        try document.addBooleanTerm(RecordKind.links.term)
        let encoded = record.encoded()
        try document.setValue(encoded, slot: ValueSlot.links.rawValue)
        uncommittedBytes += encoded.count
        _ = try linkWrites.write(document, idTerm: idTerm, in: database)
    }

    /// Rewrites the groups in `summary`, the summary of record `docid` (document `id`): values alone, so Xapian
    /// leaves the record's terms and data as they are (and its text, which its first passage's document holds).
    /// Setting a value on a stored document reads all its values back first; a record this run wrote gets its
    /// values anew from `written` instead.
    private mutating func writeGroups(in summary: RecordSummary, record docid: UInt32, of id: String) throws {
        let encoded = summary.encoded()
        let document: Document
        if limits.valuesAtHand, let record = written[id] {
            document = try database.document(assumingValid: docid)
            try document.clearValues()
            for (slot, value) in record.values { try document.setValue(value, slot: slot) }
            written[id]?.summary = encoded
        } else {
            document = try database.document(docid)
        }
        try document.setValue(encoded, slot: ValueSlot.summary.rawValue)
        uncommittedBytes += encoded.count
        try database.replaceDocument(docid, with: document)
    }

    // MARK: - Groups

    /// Rebuilds the groups around the documents `seeds` (whose links changed), one component at a time: the
    /// links and groups reached from a seed through overlapping text, not all of each document they touch (a
    /// snippet shared widely would otherwise chain most of a corpus into one component). `between` runs between
    /// components now and then (the caller commits there), `regrouped` gets the seeds done. Groups are built on
    /// `threads` threads reading the index at `path` as last committed: the documents' records must be
    /// committed before (only links and groups change here). Links changed and not yet written are written
    /// while the first groups are built. Alignment ends here: what it held goes, so more links are found only
    /// after `findCandidates(of:)` again.
    mutating func rebuildGroups(
        around seeds: Set<String>, path: String, threads: Int, between: () throws -> Void,
        regrouped: (Set<String>) -> Void
    ) throws {
        // Alignment is over: its words go, with the candidates and the pairs left to align (14 MB on the 250 MB
        // bench subset), and the memory they held goes back to the system. Groups are built from blocks of other
        // sizes, which would not reuse it but add to it: on the 250 MB bench subset, peak RSS stood 200 MB above
        // the live heap. Freed here, not on another thread, so that it is freed before it is given back (10 ms
        // for 450 MB of words there, when the cache held that much).
        cache.removeAll(now: true)
        spill?.forgetFinished()
        (knownCandidates, pairsToAlign) = (nil, [:])
        WritableDatabase.releaseFreeMemory()
        hadGroups = try database.termFrequency(RecordKind.group.term) > 0
        groupWrites = IDTermWrites(.group, heldBefore: hadGroups)
        // What the links were written with is committed (but the last slice's, written below).
        uncommittedBytes = 0
        var visitedLinks = VisitedLinks()
        var visitedGroups = Set<String>()
        groupsOf = [:]
        var sinceCommit = 0
        var done = Set<String>()
        let ordered = seeds.sorted()
        var next = 0
        // Components are found one after another (each takes the links and old groups it reaches), a chunk at a
        // time; up to `lookahead` chunks' groups are built at once on other threads (reading documents only)
        // while this thread finds the chunks after them and writes each chunk once built, whichever was found
        // first. So one chunk that takes long to build (a component of most of a corpus's copies) holds up
        // neither finding nor writing those after it. Neither order changes what is written:
        // - Finding a chunk before those ahead are written finds the same components: a group written there was
        //   either in that chunk's components already or is new, and neither is taken again.
        // - Components share no link and no old group, and the groups of one lie outside the regions the others
        //   reached (a walk takes every link over a region it reaches), so none replaces another's groups.
        // - A passage takes the best of the groups it is offered, whatever the order they come in (`write`).
        var building: [Building] = []
        // Chunks still being built when an error leaves early: their threads read `members`.
        defer { for chunk in building { _ = try? chunk.groups.value() } }
        // Signalled once for each chunk built, so this thread waits for whichever is done first.
        let built = DispatchSemaphore(value: 0)
        while true {
            while next < ordered.count, building.count < Self.lookahead {
                var chunk = Building.Chunk()
                while next < ordered.count, chunk.weight < Self.chunkWeight, chunk.components.count < Self.chunkComponents {
                    let seed = ordered[next]
                    next += 1
                    chunk.seeds.append(seed)
                    let component = try self.component(from: seed, visitedLinks: &visitedLinks, visitedGroups: &visitedGroups)
                    guard !component.links.isEmpty || !component.groups.isEmpty else { continue }
                    chunk.components.append(component)
                    chunk.weight += component.links.count + component.groups.count
                }
                let (components, members, minWords, boilerplateCap) = (chunk.components, members, minWords, boilerplateCap)
                building.append(Building(chunk: chunk, groups: Background(signalling: built) {
                    try Self.buildGroups(
                        of: components, members: members, minWords: minWords, boilerplateCap: boilerplateCap, path: path,
                        threads: threads)
                }))
            }
            guard !building.isEmpty else { break }
            var ready = building.firstIndex { $0.groups.isFinished }
            if ready == nil, !dirtyLinks.isEmpty {
                // Links not yet written (the caller's last ones) are written while the groups are built.
                try saveLinks()
                ready = building.firstIndex { $0.groups.isFinished }
            }
            while ready == nil {
                built.wait()
                ready = building.firstIndex { $0.groups.isFinished }
            }
            let finished = building.remove(at: ready ?? 0)
            var rebuilt = Set<String>()
            do {
                // Released before the chunk (below), so that its groups are freed on another thread, not here.
                let built = try finished.groups.value()
                for (component, groups) in zip(finished.chunk.components, built) {
                    // The groups written here are current: no later component replaces them.
                    rebuilt.formUnion(try write(component, groups, keeping: rebuilt, threads: threads))
                }
            }
            visitedGroups.formUnion(rebuilt)
            sinceCommit += finished.chunk.weight
            done.formUnion(finished.chunk.seeds)
            releaseElsewhere(finished)
            if sinceCommit >= limits.commitWeight || pendingWrites >= limits.linkBatch
                || uncommittedBytes >= limits.commitBytes
            {
                regrouped(done)
                done = []
                try saveLinks()
                try between()
                sinceCommit = 0
                uncommittedBytes = 0
            }
        }
        regrouped(done)
        try saveLinks()
    }

    /// Lets go of what the run gathered, freed on another thread (`releaseElsewhere`) while the caller makes its
    /// last commit. What is asked after this is read from the index again.
    mutating func letGo() {
        members.removeAll()
        releaseElsewhere((links, loadedLinks, summaries, groupsOf, processed, documentOfRecord))
        releaseElsewhere((documentNumbers, documentNames, knownCandidates, commonKeys, pairsToAlign))
        releaseElsewhere((groupWrites, linkWrites, written))
        (groupWrites, linkWrites, written) = (IDTermWrites(.group), IDTermWrites(.links), [:])
        (links, loadedLinks, summaries, groupsOf, processed, documentOfRecord) = ([:], [:], [:], [:], [], [:])
        (documentNumbers, documentNames, knownCandidates, commonKeys, pairsToAlign) = ([:], [], nil, [], [:])
    }

    /// How many links and old groups, or components, are built together.
    private static let chunkWeight = 2_000
    private static let chunkComponents = 256
    /// How many chunks are built at once.
    private static let lookahead = 4

    /// A chunk of components (the seeds they were found from, their links and old groups counted), its groups
    /// being built on other threads.
    private struct Building {
        struct Chunk {
            var components: [Component] = []
            var seeds: [String] = []
            var weight = 0
        }

        let chunk: Chunk
        let groups: Background<[BuiltGroups]>
    }

    /// The links a rebuild has taken, as each of their two documents holds them: by document number
    /// (`number(of:)`), a flag per link in the order `LinksByStart` sorts them (the same at every walk, since
    /// links do not change while groups are rebuilt). A set of the links themselves, hashed by both documents
    /// and spans, cost more than the rest of the walk at 150 MB: a lookup or two for each of 400,000 links, in
    /// a table too large for the caches.
    private struct VisitedLinks {
        private var flags: [[Bool]] = []

        /// Whether link `index` of document `document` (`count` links) is taken; takes it.
        mutating func take(_ document: Int32, _ index: Int, of count: Int) -> Bool {
            let slot = Int(document)
            if flags.count <= slot { flags.append(contentsOf: repeatElement([], count: slot + 1 - flags.count)) }
            if flags[slot].isEmpty { flags[slot] = [Bool](repeating: false, count: count) }
            guard !flags[slot][index] else { return false }
            flags[slot][index] = true
            return true
        }
    }

    /// A number for document `id`, the same for the whole run: links are told apart by numbers, not names.
    private mutating func number(of id: String) -> Int32 {
        if let known = documentNumbers[id] { return known }
        let next = Int32(documentNumbers.count)
        documentNumbers[id] = next
        documentNames.append(id)
        return next
    }

    /// What one rebuild covers: the documents reached, its links, and the old groups to replace.
    private struct Component: Sendable {
        /// The documents reached, in name order: the links know them by their place here.
        var documents: [String] = []
        var links: [ComponentLink] = []
        var groups: [String] = []
    }

    /// A link of a component: its two documents by their places in `Component.documents` (the lesser place as
    /// `document`), and each one's span. Numbers rather than names, since one component can hold most of a
    /// corpus's links (520,125 for the largest of the 250 MB bench subset).
    private struct ComponentLink: Sendable {
        var span: TextSpan
        var otherSpan: TextSpan
        var document: Int32
        var other: Int32
    }

    /// Disjoint spans of a document, sorted, joined where they overlap.
    private struct Regions: Sendable {
        private(set) var spans: [TextSpan] = []

        /// Adds `span`; false when it lay inside the spans already.
        mutating func insert(_ span: TextSpan) -> Bool {
            let low = spans.partitioningIndex { $0.end >= span.start }
            if low < spans.count, spans[low].start <= span.start, span.end <= spans[low].end { return false }
            var joined = span
            var end = low
            while end < spans.count, spans[end].start <= joined.end {
                joined = joined.union(spans[end])
                end += 1
            }
            spans.replaceSubrange(low..<end, with: [joined])
            return true
        }
    }

    /// The links and old groups reached from the whole of document `seed` through overlapping text: a region
    /// reached leads to the links of its document that overlap it (and on to their other side), and to the old
    /// groups with a member overlapping it (and on to their other members).
    private mutating func component(
        from seed: String, visitedLinks: inout VisitedLinks, visitedGroups: inout Set<String>
    ) throws -> Component {
        var component = Component()
        // Documents by number while walking: a walk looks a document up for every link it follows. The links
        // taken, by those numbers (`number(of:)`), until the walk is over.
        var taken: [ComponentLink] = []
        var regions: [Int32: Regions] = [:]
        var reached: [Int32: Reached] = [:]
        var queue: [(Int32, TextSpan)] = [(number(of: seed), TextSpan(start: 0, end: Int(Int32.max)))]
        while let (document, region) = queue.popLast() {
            // A region inside one already reached adds nothing.
            guard regions[document, default: Regions()].insert(region) else { continue }
            if reached[document] == nil { reached[document] = try reach(document) }
            guard let known = reached[document] else { continue }
            for index in known.links.overlapping(region) {
                guard visitedLinks.take(document, index, of: known.links.links.count) else { continue }
                let link = known.links.links[index]
                // The same link as the other document holds it: taken with this one, or before it.
                if reached[link.other] == nil { reached[link.other] = try reach(link.other) }
                if let mirror = reached[link.other]?.links, let at = mirror.index(of: link, from: document) {
                    guard visitedLinks.take(link.other, at, of: mirror.links.count) else { continue }
                }
                taken.append(
                    ComponentLink(span: link.span, otherSpan: link.otherSpan, document: document, other: link.other))
                queue.append((document, link.span))
                queue.append((link.other, link.otherSpan))
            }
            for group in known.groups
            where group.members.contains(where: { $0.0 == known.name && $0.1.overlap(with: region) > 0 }) {
                guard visitedGroups.insert(group.id).inserted else { continue }
                component.groups.append(group.id)
                for member in group.members { queue.append((number(of: member.0), member.1)) }
            }
        }
        // Renumbered by place in name order, each link from its lesser document's side.
        let reachedNumbers = regions.keys.sorted { documentNames[Int($0)] < documentNames[Int($1)] }
        var place: [Int32: Int32] = [:]
        for (index, document) in reachedNumbers.enumerated() { place[document] = Int32(index) }
        component.documents = reachedNumbers.map { documentNames[Int($0)] }
        component.links.reserveCapacity(taken.count)
        for link in taken {
            guard let a = place[link.document], let b = place[link.other] else { continue }
            component.links.append(a < b
                ? ComponentLink(span: link.span, otherSpan: link.otherSpan, document: a, other: b)
                : ComponentLink(span: link.otherSpan, otherSpan: link.span, document: b, other: a))
        }
        return component
    }

    /// What a walk over a component needs of a document it reaches.
    private struct Reached {
        var name: String
        var links: LinksByStart
        var groups: [(id: String, members: [(String, TextSpan)])]
    }

    private mutating func reach(_ document: Int32) throws -> Reached {
        let name = documentNames[Int(document)]
        let links = LinksByStart(try currentLinks(of: name)) { number(of: $0) }
        if groupsOf[name] == nil { groupsOf[name] = hadGroups ? try groups(involving: name) : [] }
        return Reached(name: name, links: links, groups: groupsOf[name] ?? [])
    }

    /// The links of `id` as they are now, read without being kept: a walk reads each document's links once
    /// and holds them in a smaller form (`LinksByStart`), and those of a large component held as read came to
    /// more than that form and the component's links together.
    private func currentLinks(of id: String) throws -> [DuplicateLink] {
        try links[id]?.links ?? ConcordService.links(of: id, in: database)
    }

    /// A document's links sorted by where they start, for finding those that overlap a span: their spans and
    /// other documents (by number) only.
    private struct LinksByStart {
        struct Link {
            var span: TextSpan
            var otherSpan: TextSpan
            /// The other document's number, as `number(of:)` gave it.
            var other: Int32
        }

        let links: [Link]
        /// The furthest end among the links up to each index.
        let reach: [Int]

        init(_ record: [DuplicateLink], number: (String) -> Int32) {
            // Numbered in the record's order, where a document's links with one other stand together (records
            // are stored sorted), so each other document is looked up once, not once a link; then sorted as
            // numbers and spans, not as links holding a name (the same order: the sort is stable).
            var numbered: [Link] = []
            numbered.reserveCapacity(record.count)
            var last: (name: String, number: Int32)?
            for link in record {
                let other: Int32
                if let last, last.name == link.other {
                    other = last.number
                } else {
                    other = number(link.other)
                    last = (link.other, other)
                }
                numbered.append(Link(span: link.span, otherSpan: link.otherSpan, other: other))
            }
            links = numbered.sorted { $0.span.start < $1.span.start }
            var reach: [Int] = []
            reach.reserveCapacity(links.count)
            var furthest = Int.min
            for link in links {
                furthest = max(furthest, link.span.end)
                reach.append(furthest)
            }
            self.reach = reach
        }

        /// The index of the link that is `link` of document `document` seen from this side: the same spans,
        /// the other way round, with `document` (by number) on the other side.
        func index(of link: Link, from document: Int32) -> Int? {
            let start = link.otherSpan.start
            var low = links.partitioningIndex { $0.span.start >= start }
            while low < links.count, links[low].span.start == start {
                if links[low].other == document, links[low].span == link.otherSpan, links[low].otherSpan == link.span {
                    return low
                }
                low += 1
            }
            return nil
        }

        /// The indices of the links that overlap `span`, in order.
        func overlapping(_ span: TextSpan) -> [Int] {
            // The first link whose reach passes the span's start: none before it can overlap.
            var result: [Int] = []
            var index = reach.partitioningIndex { $0 > span.start }
            while index < links.count, links[index].span.start < span.end {
                if links[index].span.end > span.start { result.append(index) }
                index += 1
            }
            return result
        }
    }

    /// The groups with a member in `document`: their ids and members (document, span), from the references
    /// their documents keep for search (`GroupReferences`), not their whole JSON.
    private func groups(involving document: String) throws -> [(id: String, members: [(String, TextSpan)])] {
        try database.postings(for: Prefix.member + document).map { docid in
            let group = try GroupReferences.decode(try database.document(docid).value(ValueSlot.groupMembers.rawValue))
            return (group.group, group.members.map { ($0.document, $0.span) })
        }
    }

    private typealias Piece = GroupBuilder.Piece

    /// A component's groups, and the passages of the documents they were built from.
    private struct BuiltGroups: Sendable {
        var groups: [EncodedGroup] = []
        var passages: [String: DocumentPassages] = [:]
        /// A large component's groups, not yet made: its groups are made and encoded a slice at a time as they
        /// are written (`encodedSlices`), since all of them encoded at once took as much memory as its documents
        /// (106 MB of JSON for the 28,387 groups of the 6,592 documents of the 250 MB subset's largest component).
        var unmade: (pieces: [[Piece]], members: [String: Member])?

        /// `groups`, then those of `unmade` made and encoded `slice` at a time on `threads` threads: `body` gets
        /// each slice, in order.
        func encodedSlices(slice: Int, threads: Int, _ body: ([EncodedGroup]) throws -> Void) throws {
            try body(groups)
            guard let (pieces, members) = unmade else { return }
            for start in stride(from: 0, to: pieces.count, by: max(1, slice)) {
                let end = min(pieces.count, start + max(1, slice))
                let made = try DuplicateIndex.inParallel(end - start, threads: threads, each: {}) { _, index in
                    DuplicateIndex.makeGroup(pieces[start + index], entries: members).map(EncodedGroup.init)
                }
                try body(made.compactMap { $0 })
            }
        }
    }

    /// A group and what its Xapian document stores, encoded where groups are built, or a slice at a time as a
    /// large component's are written (on all threads).
    private struct EncodedGroup: Sendable {
        /// Its members, their texts empty: the index stores their places only (`StoredGroup`).
        var group: DuplicateGroup
        /// The group as JSON (`ValueSlot.group`) and its members for search (`GroupReferences`).
        var data: [UInt8]
        var references: [UInt8]

        init(_ group: DuplicateGroup) {
            self.group = group
            data = StoredJSON.encode(group)
            references = GroupReferences.encode(group.members.map {
                DuplicateReference(passage: $0.passage, document: $0.document, span: $0.span, lines: $0.lines)
            }, group: group.id)
        }
    }

    /// The groups of each of `components`, built on `threads` threads, each reading documents through a
    /// reader of its own (what they read does not change while groups are rebuilt).
    private static func buildGroups(
        of components: [Component], members: SharedCache<Member>, minWords: Int, boilerplateCap: Int, path: String,
        threads: Int
    ) throws -> [BuiltGroups] {
        // A component of many documents (one can hold most of a corpus's copies) is built on all threads by
        // itself: its documents read, then its groups made, in parallel. The others share the threads.
        var built = [BuiltGroups?](repeating: nil, count: components.count)
        for (index, component) in components.enumerated() where component.documents.count >= Self.largeComponent {
            let documents = component.documents
            let loaded = try Self.inParallel(documents.count, threads: threads, path: path) { database, index in
                (documents[index], try members.value(documents[index]) { try Member.load(documents[index], from: database) })
            }
            var entries: [String: Member] = [:]
            for (document, member) in loaded { entries[document] = member }
            // What the walk and the reading freed goes back to the system, before the builder allocates more: the
            // walk freed it on this thread, the documents were read on others, and the builder runs on yet another,
            // so none of them reuses what another freed (`Ingester.reuseFreedMemory`). On the 250 MB bench subset,
            // peak RSS while its largest component was built went from 670 to 576 MiB, its live heap about 400.
            WritableDatabase.releaseFreeMemory()
            built[index] = try Self.build(component, minWords: minWords, boilerplateCap: boilerplateCap, threads: threads) {
                entries[$0]
            }
        }
        let others = components.indices.filter { built[$0] == nil }
        let rest = try Self.inParallel(others.count, threads: threads, path: path) { database, index in
            try Self.build(components[others[index]], minWords: minWords, boilerplateCap: boilerplateCap, threads: 1) { id in
                try members.value(id) { try Member.load(id, from: database) }
            }
        }
        for (position, index) in others.enumerated() { built[index] = rest[position] }
        return built.compactMap { $0 }
    }

    /// Documents from which a component is built on all threads by itself.
    private static let largeComponent = 256

    /// The groups built from `component`'s links, its documents read through `member`.
    private static func build(
        _ component: Component, minWords: Int, boilerplateCap: Int, threads: Int, member: (String) throws -> Member?
    ) throws -> BuiltGroups {
        var entries: [String: Member] = [:]
        // By place in `component.documents`, as its links know them.
        var texts: [ScalarClasses?] = []
        var boundaries: [[GroupBuilder.Offset]] = []
        for document in component.documents {
            let found = try member(document)
            entries[document] = found
            texts.append(found?.classes)
            boundaries.append(found?.sentenceStarts ?? [])
        }
        typealias Side = GroupBuilder.Side
        var links: [(a: Side, b: Side)] = []
        links.reserveCapacity(component.links.count)
        for link in component.links {
            let (a, b) = (Int(link.document), Int(link.other))
            guard texts[a] != nil, texts[b] != nil, link.span.start < link.span.end,
                link.otherSpan.start < link.otherSpan.end
            else { continue }
            links.append((Side(document: a, range: link.span.start..<link.span.end),
                Side(document: b, range: link.otherSpan.start..<link.otherSpan.end)))
        }
        links.sort { ($0.a.document, $0.a.range.lowerBound, $0.b.document, $0.b.range.lowerBound)
            < ($1.a.document, $1.a.range.lowerBound, $1.b.document, $1.b.range.lowerBound) }
        let groups = GroupBuilder(
            documents: component.documents, links: links, texts: texts, boundaries: boundaries, minWords: minWords,
            maxDocuments: boilerplateCap
        ).groups()
        let passages = entries.mapValues(\.passages)
        // A large component's groups are made as they are written (`BuiltGroups.unmade`), on all threads.
        guard groups.count < 256 else {
            return BuiltGroups(passages: passages, unmade: (groups, entries))
        }
        let made = groups.compactMap { makeGroup($0, entries: entries).map(EncodedGroup.init) }
        return BuiltGroups(groups: made, passages: passages)
    }

    /// Replaces the component's old groups (but those in `current`, written since it was found) with `built`;
    /// returns the ids of those written.
    private mutating func write(
        _ component: Component, _ built: BuiltGroups, keeping current: Set<String>, threads: Int
    ) throws -> [String] {
        let old = component.groups.filter { !current.contains($0) }
        for id in old { try groupWrites.delete(idTerm: Prefix.groupID + id, in: database) }
        let deleted = Set(old)
        var best: [String: [Int: PassageGroups.Assignment]] = [:]
        var written: [String] = []
        try built.encodedSlices(slice: limits.groupSlice, threads: threads) { slice in
            for encoded in slice {
                let group = encoded.group
                let groupDocument = try writeGroup(encoded)
                written.append(group.id)
                for member in group.members {
                    guard let passages = built.passages[member.document] else { continue }
                    for passage in passages.overlapping(member.span) {
                        let overlap = passage.span.overlap(with: member.span)
                        guard overlap > 0 else { continue }
                        let ordinal = passage.ordinal
                        let candidate = PassageGroups.Assignment(group: group.id, overlap: overlap, document: groupDocument)
                        if let held = best[member.document]?[ordinal], !Self.better(candidate, than: held) { continue }
                        best[member.document, default: [:]][ordinal] = candidate
                    }
                }
            }
        }
        // Passages point at the group that covers most of them: the groups replaced here let go of theirs, then
        // each takes the best of what it held and what was built, whatever order components come in.
        for document in built.passages.keys.sorted() {
            let old = try passageGroups(of: document)
            var assigned = old.filter { !deleted.contains($0.value.group) }
            for (ordinal, candidate) in best[document] ?? [:] {
                if let held = assigned[ordinal], !Self.better(candidate, than: held) { continue }
                assigned[ordinal] = candidate
            }
            if old != assigned { setPassageGroups(of: document, assigned) }
        }
        return written
    }

    /// Whether `a` is the better group for a passage than `b`: more of it covered, else the lesser group id.
    private static func better(_ a: PassageGroups.Assignment, than b: PassageGroups.Assignment) -> Bool {
        a.overlap != b.overlap ? a.overlap > b.overlap : a.group < b.group
    }

    /// What building groups needs of a document, kept while `members` holds it.
    private struct Member: Weighed {
        /// Its text's white space and words, in two bits a scalar, not the text: a large component's documents
        /// are all held at once, and a group stores its members' places only (`StoredGroup`).
        var classes: ScalarClasses
        var passages: DocumentPassages
        /// `DocumentRecord.originalRank`.
        var rank: (issued: Int, sequence: Int)
        var sentenceStarts: [GroupBuilder.Offset]
        var lineIndex: LineIndex

        var bytes: Int {
            classes.bytes + (sentenceStarts.count + lineIndex.lineCount) * 4 + passages.count * 8 + 256
        }

        /// Document `id`'s record as `database` has it. The records do not change while groups are rebuilt (only
        /// links and groups do), but the commits made meanwhile may reuse what a reader opened before them was
        /// reading (Xapian's DatabaseModifiedError): the reader then moves on to the latest commit, and reads
        /// the same record there.
        static func load(_ id: String, from database: Database) throws -> Member? {
            guard let found = try database.reading({ try DocumentRecord.grouping(id, from: $0) }) else { return nil }
            return Member(
                classes: ScalarClasses(found.text.scalars), passages: DocumentPassages(found.spans), rank: found.rank,
                sentenceStarts: GroupBuilder.sentenceStarts(of: found.text.scalars), lineIndex: LineIndex(found.text))
        }
    }

    /// A document's passages as groups need them: their spans, a passage's ordinal its place among them
    /// (`Passage.id(document:ordinal:)`), and a quick way to those overlapping a span. Eight bytes a passage: a
    /// large component's documents are all held at once (6,592 of them, with 375,000 passages, on the 250 MB bench
    /// subset), and a `Passage`, or even its id, holds several times that.
    private struct DocumentPassages: Sendable {
        /// A passage's ordinal and span.
        struct Entry {
            var ordinal: Int
            var span: TextSpan
        }

        private let spans: [PackedSpan]
        /// Whether each passage ends before the next starts (as the segmenter makes them): then a binary search
        /// finds those overlapping a span.
        private let ordered: Bool

        /// The passages of the spans given, in order.
        init(_ spans: [TextSpan]) {
            self.spans = spans.map(PackedSpan.init)
            ordered = zip(spans, spans.dropFirst()).allSatisfy { $0.end <= $1.start }
        }

        var count: Int { spans.count }

        /// The passage `ordinal`.
        func entry(_ ordinal: Int) -> Entry { Entry(ordinal: ordinal, span: spans[ordinal].span) }

        /// The passages that may overlap `span`, in order: those from the first ending after its start to the
        /// last starting before its end (all of them when they are not in order).
        func overlapping(_ span: TextSpan) -> LazyMapCollection<Range<Int>, Entry> {
            guard ordered else { return (0..<count).lazy.map(entry) }
            let low = spans.partitioningIndex { $0.span.end > span.start }
            var end = low
            while end < count, spans[end].span.start < span.end { end += 1 }
            return (low..<end).lazy.map(entry)
        }

        /// The passage holding most of `span` (the first of several as good), or the first passage when none
        /// overlaps it.
        func holdingMost(of span: TextSpan) -> Entry? {
            let best = overlapping(span).max { $0.span.overlap(with: span) < $1.span.overlap(with: span) }
            guard let best, best.span.overlap(with: span) > 0 else { return count > 0 ? entry(0) : nil }
            return best
        }
    }

    private static func makeGroup(
        _ pieces: [Piece], entries: [String: Member]
    ) -> DuplicateGroup? {
        var members: [(member: GroupMember, rank: (Int, Int, Int), sequence: Int, words: Int)] = []
        for piece in pieces {
            guard let entry = entries[piece.document], piece.range.upperBound <= entry.classes.count else { continue }
            // Pieces come trimmed (`GroupBuilder.trimmed`).
            let span = TextSpan(start: piece.range.lowerBound, end: piece.range.upperBound)
            let lines = entry.lineIndex.lines(of: span)
            let passage = entry.passages.holdingMost(of: span).map {
                Passage.id(document: piece.document, ordinal: $0.ordinal)
            }
            let member = GroupMember(
                passage: passage ?? "", document: piece.document, span: span, lines: lines, text: "", original: false)
            let rank = entry.rank
            let words = entry.classes.wordCount(in: span)
            members.append((member, (rank.issued, rank.sequence, span.start), rank.sequence, words))
        }
        guard Set(members.map(\.member.document)).count >= 2 else { return nil }
        // The original: earliest issued date, else first ingested; then the copies in ingest order.
        members.sort { $0.rank < $1.rank }
        members[0].member.original = true
        let rest = members.dropFirst().sorted { ($0.sequence, $0.member.span) < ($1.sequence, $1.member.span) }
        let ordered = [members[0].member] + rest.map(\.member)
        return DuplicateGroup(
            id: groupID(of: ordered), members: ordered, original: ordered[0].document, words: members.map(\.words).min() ?? 0)
    }

    /// A group's id: `g` and the first 6 bytes, in hex, of the SHA-256 of its members' places (`DOC:START:END;`
    /// each, in document and span order), so the same members make the same id in every run.
    static func groupID(of members: [GroupMember]) -> String {
        var places: [UInt8] = []
        for member in members.sorted(by: { ($0.document, $0.span) < ($1.document, $1.span) }) {
            places.append(contentsOf: member.document.utf8)
            places.append(UInt8(ascii: ":"))
            places.append(contentsOf: String(member.span.start).utf8)
            places.append(UInt8(ascii: ":"))
            places.append(contentsOf: String(member.span.end).utf8)
            places.append(UInt8(ascii: ";"))
        }
        return "g" + Hex.lowercase(SHA256.hash(data: places).prefix(6))
    }

    /// Writes `encoded`'s group; returns its Xapian document id.
    private mutating func writeGroup(_ encoded: EncodedGroup) throws -> UInt32 {
        let group = encoded.group
        let document = try Document()
        try document.addBooleanTerm(Prefix.groupID + group.id)
        try document.addBooleanTerm(RecordKind.group.term)
        for member in Set(group.members.map(\.document)) { try document.addBooleanTerm(Prefix.member + member) }
        try document.setValue(encoded.data, slot: ValueSlot.group.rawValue)
        try document.setValue(encoded.references, slot: ValueSlot.groupMembers.rawValue)
        uncommittedBytes += encoded.data.count + encoded.references.count
        return try groupWrites.write(document, idTerm: Prefix.groupID + group.id, in: database)
    }
}

/// A document record as the ingest wrote it in this run: its Xapian id, its summary (`ValueSlot.summary`) and
/// its other values. Duplicate detection rewrites the summary of each record whose groups change; Xapian reads a
/// stored document's values back before it sets one, and this spares those reads.
struct WrittenRecord: Sendable {
    var docid: UInt32
    var summary: [UInt8]
    /// Every value but the summary, by slot.
    var values: [(slot: UInt32, value: [UInt8])]

    /// Bytes held, about.
    var bytes: Int { summary.count + values.reduce(64) { $0 + $1.value.count + 32 } }

    /// `document`'s values as it is about to be stored at `docid`.
    init(_ document: Document, at docid: UInt32) throws {
        self.docid = docid
        summary = []
        values = []
        for (slot, value) in try document.values() {
            if slot == ValueSlot.summary.rawValue { summary = value } else { values.append((slot, value)) }
        }
    }
}

/// The records an ingest wrote, by document, kept for duplicate detection while they fit in `limit` bytes: a
/// record that does not fit is not kept (detection reads it back from the index).
struct WrittenRecords {
    let limit: Int
    private var records: [String: WrittenRecord] = [:]
    private var bytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Keeps `record` as document `id`'s, in place of the one kept before, if it fits.
    mutating func keep(_ record: WrittenRecord, of id: String) {
        forget(id)
        guard bytes + record.bytes <= limit else { return }
        records[id] = record
        bytes += record.bytes
    }

    /// Drops document `id`'s record.
    mutating func forget(_ id: String) {
        bytes -= records.removeValue(forKey: id)?.bytes ?? 0
    }

    /// The records kept, which are kept no longer.
    mutating func take() -> [String: WrittenRecord] {
        defer { (records, bytes) = ([:], 0) }
        return records
    }
}

/// How detection writes records of one kind that each have a unique id term (groups, link records). Into an index
/// that held none of the kind, a record this run has not written yet is added without looking its id term up
/// first (replacing by id term searches the term's posting list, once per record written), and written again or
/// deleted by the Xapian id it got. Otherwise records are replaced and deleted by their id terms.
struct IDTermWrites: Sendable {
    private let kind: RecordKind
    /// Whether the index held records of the kind before this run wrote any; read at the first write when not
    /// given.
    private var heldBefore: Bool?
    /// The Xapian ids of the records this run added, by id term.
    private var added: [String: UInt32] = [:]

    init(_ kind: RecordKind, heldBefore: Bool? = nil) {
        self.kind = kind
        self.heldBefore = heldBefore
    }

    /// Writes `document`, whose unique id term is `idTerm`; returns its Xapian id.
    mutating func write(_ document: Document, idTerm: String, in database: WritableDatabase) throws -> UInt32 {
        if let docid = added[idTerm] {
            try database.replaceDocument(docid, with: document)
            return docid
        }
        if heldBefore == nil { heldBefore = try database.termFrequency(kind.term) > 0 }
        guard heldBefore == false else { return try database.replaceDocument(idTerm: idTerm, with: document) }
        let docid = try database.addDocument(document)
        added[idTerm] = docid
        return docid
    }

    /// Deletes the record whose id term is `idTerm`, if there is one.
    mutating func delete(idTerm: String, in database: WritableDatabase) throws {
        if let docid = added.removeValue(forKey: idTerm) {
            try database.deleteDocument(docid)
        } else {
            try database.deleteDocuments(idTerm: idTerm)
        }
    }
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

/// What alignment needs of a document.
struct AlignedDocument: Weighed {
    /// Its words, those of text held by common fingerprints marked boilerplate (`markCommon`) unless
    /// `prepared`.
    var words: [Word]
    /// The aligner's sampled seeds of `words` (none while `prepared`).
    var seeds: Aligner.SeedTable
    /// The fingerprints of `words`, while the entry is as the ingest prepared it: its common text not yet
    /// marked (which fingerprints are common is known only once every document is in the index), its seeds
    /// not yet made (`cached`).
    var prepared: [Fingerprint]?

    /// The words of a document as the ingest prepared them (`DocumentPreparer`), and their fingerprints.
    init(prepared words: [Word], fingerprints: [Fingerprint]) {
        self.words = words
        seeds = Aligner.SeedTable([], seedLength: 2, sampling: 1)
        prepared = fingerprints
    }

    init(words: [Word], seeds: Aligner.SeedTable) {
        self.words = words
        self.seeds = seeds
    }

    /// About what the entry holds in memory.
    var bytes: Int {
        words.count * MemoryLayout<Word>.stride + seeds.bytes + (prepared?.count ?? 0) * MemoryLayout<Fingerprint>.stride
            + 256
    }

    /// The entry of document `id` as `database` has it, or nil when it has none.
    static func load(
        _ id: String, from database: Database, aligner: Aligner, tokenizer: WordTokenizer, common: Set<UInt64>
    ) throws -> AlignedDocument? {
        guard let record = try DocumentRecord.alignment(id, from: database) else { return nil }
        var words = tokenizer.words(in: record.text, skipping: record.boilerplate)
        if !common.isEmpty { markCommon(&words, common: common) }
        return AlignedDocument(words: words, seeds: aligner.seedTable(of: words))
    }

    /// The entry of document `id` from `cache`, else from `spill`, else as `database` has it (then kept in
    /// `cache`); nil when it has none. An entry the ingest prepared (its words read and tokenized once, while
    /// preparing) is finished here: its common text marked, its seeds made. One that `cache` dropped to make
    /// room, finished, comes back from `spill` as it was (`AlignedSpill.storeFinished`).
    static func cached(
        _ id: String, in cache: SharedCache<AlignedDocument>, spill: AlignedSpill? = nil, from database: Database,
        aligner: Aligner, tokenizer: WordTokenizer, common: Set<UInt64>
    ) throws -> AlignedDocument? {
        guard var entry = try cache.value(id, load: {
            try spill?.finished(id) ?? spill?.load(id)
                ?? load(id, from: database, aligner: aligner, tokenizer: tokenizer, common: common)
        }) else { return nil }
        if let fingerprints = entry.prepared {
            if !common.isEmpty { markCommon(&entry.words, common: common, fingerprints: fingerprints) }
            entry.seeds = aligner.seedTable(of: entry.words)
            entry.prepared = nil
            // Another thread may have finished it too, the same way.
            cache.insert(id, entry)
        }
        return entry
    }

    /// Marks as boilerplate the words under fingerprints in `common` (by `Fingerprint.key`),
    /// and those between two such fingerprints close enough to stand in one stretch of common text
    /// (winnowing keeps a fingerprint in every window, so common text longer than a window is covered from
    /// end to end). `fingerprints`: those of `words`, when known.
    static func markCommon(_ words: inout [Word], common: Set<UInt64>, fingerprints: [Fingerprint]? = nil) {
        let fingerprinter = Fingerprinter()
        var marked: [Range<Int>] = []
        for fingerprint in fingerprints ?? fingerprinter.fingerprints(of: words)
        where common.contains(fingerprint.key) {
            let range = fingerprint.wordIndex..<min(words.count, fingerprint.wordIndex + fingerprinter.n)
            if let last = marked.last, range.lowerBound - last.upperBound <= fingerprinter.window {
                marked[marked.count - 1] = last.lowerBound..<range.upperBound
            } else {
                marked.append(range)
            }
        }
        for range in marked {
            for index in range { words[index].flags.insert(.boilerplate) }
        }
    }
}

/// What a `SharedCache` holds: its size in bytes, about.
protocol Weighed: Sendable {
    var bytes: Int { get }
}

/// Values read for duplicate detection, by document id, kept while they fit in `limit` bytes, the least recently
/// used dropped first; shared by the threads that align or build groups (its state is behind a mutex).
final class SharedCache<Value: Weighed>: Sendable {
    private struct State {
        var entries: [String: (value: Value, used: Int)] = [:]
        var bytes = 0
        var clock = 0
        /// Given each value dropped to make room (`onEviction`).
        var evicted: (@Sendable (String, Value) -> Void)?
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// The value of `id`, made by `load` (outside the lock) when it is not held.
    func value(_ id: String, load: () throws -> Value?) rethrows -> Value? {
        let held = state.withLock { state -> Value? in
            guard let found = state.entries[id] else { return nil }
            state.clock += 1
            state.entries[id] = (found.value, state.clock)
            return found.value
        }
        if let held { return held }
        guard let loaded = try load() else { return nil }
        insert(id, loaded)
        return loaded
    }

    /// Holds `value` for `id`, in place of what was held.
    func insert(_ id: String, _ value: Value) {
        let (dropped, evicted) = state.withLock { state -> ([(String, Value)], (@Sendable (String, Value) -> Void)?) in
            if let old = state.entries.removeValue(forKey: id) { state.bytes -= old.value.bytes }
            state.clock += 1
            state.entries[id] = (value, state.clock)
            state.bytes += value.bytes
            guard state.bytes > limit else { return ([], nil) }
            // Drop the oldest eighth: not one at a time, which would sort on every insert, nor the older half,
            // which left the cache half empty as often as full (what it holds at most is what it costs).
            let byAge = state.entries.sorted { $0.value.used < $1.value.used }
            var dropped: [(String, Value)] = []
            for (key, value) in byAge.prefix(max(1, byAge.count / 8)) where key != id {
                state.entries[key] = nil
                state.bytes -= value.value.bytes
                if state.evicted != nil { dropped.append((key, value.value)) }
            }
            return (dropped, state.evicted)
        }
        // Outside the lock: the other threads go on meanwhile.
        if let evicted { for (key, value) in dropped { evicted(key, value) } }
    }

    /// Has `body` given each value dropped to make room from now on (not those removed or replaced).
    func onEviction(_ body: @escaping @Sendable (String, Value) -> Void) {
        state.withLock { $0.evicted = body }
    }

    func remove(_ id: String) {
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: id) { state.bytes -= old.value.bytes }
        }
    }

    /// The value held for `id`, if any, without loading it or counting it as used.
    func held(_ id: String) -> Value? {
        state.withLock { $0.entries[id]?.value }
    }

    /// Drops everything held (not to `onEviction`'s body, which stays), freed on another thread
    /// (`releaseElsewhere`) unless `now`.
    func removeAll(now: Bool = false) {
        let held = state.withLock { state in
            defer { state = State(evicted: state.evicted) }
            return state
        }
        if !now { releaseElsewhere(held) }
    }
}

/// Lets go of `value` on a thread of Dispatch's pool, not the caller's: freeing what detection gathered (the
/// words of thousands of documents, their passages, groups as JSON) took a tenth of the writer's time in
/// detection, and every ingest waits for that one thread while the other cores are often idle.
func releaseElsewhere<Value: Sendable>(_ value: consuming Value) {
    DispatchQueue.global(qos: .utility).async { [value] in _ = value }
}
