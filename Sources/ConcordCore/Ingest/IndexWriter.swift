import ConcordText
import Foundation
internal import Xapian

/// The single writer of an ingest: owns the `WritableDatabase`, writes whole documents inside batch
/// transactions, and keeps duplicate groups up to date.
final class IndexWriter {
    /// A group of documents written in one Xapian transaction.
    struct Batch {
        var bytes = 0
        var open = false
    }

    private struct Known {
        var hash: String
        var sequence: Int
        var path: String
    }

    let database: WritableDatabase
    /// The index folder (duplicate detection opens readers of its own there).
    let path: String
    private var known: [String: Known] = [:]
    private var nextSequence: Int
    private let minWords: Int
    /// Documents added, updated or removed in this run: duplicate detection revisits them.
    private(set) var changedDocuments: Set<String> = []
    /// The words of the documents written in this run, for duplicate detection to align: in the spill file,
    /// those the preparers wrote there (`spill`, nil when none could be made), in the cache the others.
    let spill: AlignedSpill?
    private let alignedDocuments = DuplicateIndex.alignedDocumentCache()
    /// The records written in this run, as written, for duplicate detection to rewrite their summaries: about a
    /// kilobyte each, up to 64 MB in all (those past it are read back from the index).
    private var writtenRecords = WrittenRecords(limit: 64 << 20)
    /// Documents whose duplicate groups are to be rebuilt (their links changed), recorded like
    /// `changedDocuments`.
    private var regroupDocuments: Set<String> = []
    /// How many documents of this run held each word, up to the last commit: a word goes in the spelling table
    /// once two documents hold it (most words found in one document only are names, code and typing errors,
    /// and Xapian's spelling table costs much more per word than per use). A run stopped before its end leaves
    /// them, by batch, as metadata (`MetadataKey.spellingCounts`): the next run goes on from them, so that it
    /// ends with the table an uninterrupted run makes.
    private var spellingCounts: CommittedWordCounts
    /// The same for the documents of the open batch, counted into `pendingSpellings` when it commits: once per
    /// word and batch, not once per word and document; with the stemmer of a document that holds it.
    private var batchSpellingCounts: [String: (count: Int, stemmer: String)] = [:]
    /// Frequencies to add to the spelling table, by word, counted by committed batches. Xapian rewrites every
    /// list of words it touches in that table when it commits (a list per few letters, the common ones holding
    /// thousands of words), so the table is written once per `spellingFlushWords` words rather than once per
    /// batch; till then each batch commits its frequencies with its documents as metadata
    /// (`MetadataKey.spellingPending`), which a run stopped before they reach the table finds and writes.
    /// On the 150 MB bench subset, writing the table with every batch took 2.2 s of the writer's 10 s.
    private var pendingSpellings: CommittedWordCounts
    /// `pendingSpellings` goes into the spelling table once it holds this many words (and when the run's
    /// documents are all written): Xapian holds what it adds in memory till it commits.
    static let spellingFlushWords = 1 << 16
    /// Whether the index held documents before this run (or before the stopped run it goes on from): then a word
    /// one document of this run holds may be held by one from before, which this run's counts do not see.
    private let indexedBefore: Bool
    /// Stemmers by name, for looking a word up among the indexed terms.
    private var stems: [String: Stem] = [:]

    /// Opens (creating when missing) the index at `path` for writing.
    ///
    /// Xapian flushes its in-memory postings every 10,000 documents unless told otherwise; concord commits a
    /// transaction per batch of input bytes, which bounds that memory already, so it flushes only then
    /// (`XAPIAN_FLUSH_THRESHOLD`, when the environment does not set it).
    static func open(_ path: String) throws -> WritableDatabase {
        setenv("XAPIAN_FLUSH_THRESHOLD", "10000000", 0)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConcordError(.ingestFailed, "cannot create the index folder \(path): \(FileWalker.reason(error))")
        }
        do {
            return try WritableDatabase(path: path, action: .createOrOpen)
        } catch where error.kind == .databaseLock {
            // Xapian says the same when its lock file may not be opened: then the index is not writable.
            for file in [path, path + "/flintlock"] where access(file, W_OK) != 0 && errno != ENOENT {
                throw ConcordError(.ingestFailed, "cannot write to the index \(path): \(SystemError.message(errno))")
            }
            throw ConcordError(.indexBusy, "the index \(path) is being written by another concord ingest; wait for it to finish")
        } catch {
            throw ConcordError(.ingestFailed, "cannot open the index \(path) for writing: \(error)")
        }
    }

    /// `spillLimit`: the most bytes of prepared words kept in a file rather than memory (`AlignedSpill`).
    init(database: WritableDatabase, path: String, minWords: Int, spillLimit: Int? = nil) throws {
        self.database = database
        self.path = path
        self.minWords = minWords
        spill = AlignedSpill(folder: path, limit: spillLimit)
        let schema = try database.metadata(MetadataKey.schema)
        if !schema.isEmpty && schema != IndexSchema.version {
            throw ConcordError(
                .indexUnreadable,
                "the index was written by another version of concord (schema \(schema)); ingest into a new folder")
        }
        nextSequence = Int(try database.metadata(MetadataKey.nextSequence)) ?? 0
        // Documents committed by a run that stopped before its duplicate detection finished.
        for id in try database.metadata(MetadataKey.duplicatesPending).split(separator: "\n") {
            changedDocuments.insert(String(id))
        }
        for id in try database.metadata(MetadataKey.groupsPending).split(separator: "\n") {
            regroupDocuments.insert(String(id))
        }
        // Spelling frequencies a run committed without writing them to the table, and the counts of a run that
        // stopped before its end.
        pendingSpellings = try CommittedWordCounts(MetadataKey.spellingPending, in: database)
        spellingCounts = try CommittedWordCounts(MetadataKey.spellingCounts, in: database)
        let stoppedRunIndexedBefore = try database.metadata(MetadataKey.spellingIndexedBefore)
        for id in try database.postings(for: RecordKind.document.term) {
            let document = try database.document(id)
            let documentID = try document.stringValue(ValueSlot.documentID.rawValue)
            known[documentID] = Known(
                hash: try document.stringValue(ValueSlot.contentHash.rawValue),
                sequence: Int(Sortable.unserialise(try document.value(ValueSlot.sequence.rawValue))),
                path: try document.stringValue(ValueSlot.path.rawValue))
        }
        indexedBefore = stoppedRunIndexedBefore.isEmpty ? !known.isEmpty : stoppedRunIndexedBefore == "1"
    }

    /// The content hash of every indexed document, by document id.
    func knownHashes() -> [String: String] { known.mapValues(\.hash) }

    /// Writes `prepared` whole: its old passages go, its new passages and record come in, in `batch`'s
    /// transaction.
    func add(_ prepared: PreparedDocument, to batch: inout Batch) throws {
        try begin(&batch)
        let id = prepared.file.documentID
        let sequence: Int
        if let existing = known[id] {
            sequence = existing.sequence
        } else {
            sequence = nextSequence
            nextSequence += 1
            try database.setMetadata(MetadataKey.nextSequence, String(nextSequence))
        }
        // The old passages go; the record is replaced in place below.
        if let existing = known[id] { try deletePassages(ofRecord: Self.recordID(sequence: existing.sequence)) }
        var base: UInt32 = 0
        for (index, document) in prepared.passages.enumerated() {
            let docid = try database.addDocument(document)
            if index == 0 { base = docid }
        }
        // The record's data and summary were made while preparing; the writer adds its sequence (a value,
        // `DocumentRecord.load`) and where its passages start, and stores it at its own id.
        let recordID = Self.recordID(sequence: sequence)
        guard recordID < IndexSchema.recordIDLimit else {
            throw ConcordError(.ingestFailed, "the index holds as many documents as it can; ingest into a new folder")
        }
        try prepared.recordDocument.setValue(Sortable.serialise(Double(sequence)), slot: ValueSlot.sequence.rawValue)
        var summary = try RecordSummary(decoding: try prepared.recordDocument.value(ValueSlot.summary.rawValue))
        summary.passageBase = base
        try prepared.recordDocument.setValue(summary.encoded(), slot: ValueSlot.summary.rawValue)
        try database.replaceDocument(recordID, with: prepared.recordDocument)
        writtenRecords.keep(try WrittenRecord(prepared.recordDocument, at: recordID), of: id)
        for word in prepared.spellingWords { batchSpellingCounts[word, default: (0, prepared.stemmer)].count += 1 }
        known[id] = Known(hash: prepared.hash, sequence: sequence, path: prepared.path)
        switch prepared.aligned {
        case .spilled(let location):
            spill?.record(id, at: location)
            alignedDocuments.remove(id)
        case .held(let document):
            spill?.forget(id)
            alignedDocuments.insert(id, document)
        }
        changedDocuments.insert(id)
        batch.bytes += max(prepared.file.bytes, prepared.textBytes)
    }

    /// Removes document `id` and its passages.
    func remove(_ id: String, from batch: inout Batch) throws {
        try begin(&batch)
        if let existing = known[id] { try deletePassages(ofRecord: Self.recordID(sequence: existing.sequence)) }
        try database.deleteDocuments(idTerm: Prefix.documentID + id)
        alignedDocuments.remove(id)
        spill?.forget(id)
        writtenRecords.forget(id)
        known[id] = nil
        changedDocuments.insert(id)
    }

    /// The Xapian id of the record of the document ingested `sequence`th (they lie below
    /// `IndexSchema.recordIDLimit`, in ingest order).
    static func recordID(sequence: Int) -> UInt32 { UInt32(clamping: sequence + 1) }

    /// Deletes the passages of the record at `recordID`: the Xapian documents from its summary's `passageBase`
    /// on, one per passage (the writer adds them one after the other, in the record's transaction).
    private func deletePassages(ofRecord recordID: UInt32) throws {
        let summary = try RecordSummary.load(record: recordID, from: database)
        guard summary.passageBase > 0 else { return }
        let base = Int(summary.passageBase)
        for docid in base..<min(base + summary.passageCount, Int(UInt32.max) + 1) {
            do {
                try database.deleteDocument(UInt32(docid))
            } catch {
                guard error.kind == .documentNotFound else { throw error }
            }
        }
    }

    /// Commits `batch`'s transaction, if one is open. `last`: the run's documents are all written, so the
    /// spelling frequencies still pending go into the spelling table (opening a transaction for them if need be).
    func commit(_ batch: inout Batch, last: Bool = false) throws {
        if last && (pendingSpellings.isCommitted || spellingCounts.isCommitted) { try begin(&batch) }
        guard batch.open else { return }
        try countSpellings()
        try writeSpellings(all: last)
        if last { try forgetSpellingCounts() }
        // Recorded with the documents, so a run killed before duplicate detection ends resumes it.
        try database.setMetadata(MetadataKey.duplicatesPending, changedDocuments.sorted().joined(separator: "\n"))
        try database.setMetadata(MetadataKey.groupsPending, regroupDocuments.sorted().joined(separator: "\n"))
        try database.commitTransaction()
        batch = Batch()
    }

    /// Counts the open batch's words into `pendingSpellings`, and records them with the batch: each word two documents
    /// hold, with the number of documents that hold it. Those of this run are counted; a word only one of them holds is
    /// looked up among the indexed terms when the index held documents before (an ingest of one file at a time would
    /// otherwise never add a word). That lookup is by stem, the only form the index keeps: a word whose other forms an
    /// earlier document holds counts as held by two, which is evidence enough that it is no typing error.
    private func countSpellings() throws {
        for (word, found) in batchSpellingCounts {
            let before = spellingCounts[word]
            var after = before + found.count
            var added = (after >= 2 ? after : 0) - (before >= 2 ? before : 0)
            if after == 1, indexedBefore {
                let holders = try database.termFrequency(try stem(word, with: found.stemmer))
                // Counted from here as a word of two documents; the table held it already when more did.
                if holders >= 2 { (after, added) = (2, holders == 2 ? 2 : 1) }
            }
            spellingCounts.add(after - before, to: word)
            pendingSpellings.add(added, to: word)
        }
        batchSpellingCounts = [:]
        try pendingSpellings.commitBatch(to: database)
        if !spellingCounts.isCommitted && spellingCounts.hasOpenBatch {
            try database.setMetadata(MetadataKey.spellingIndexedBefore, indexedBefore ? "1" : "0")
        }
        try spellingCounts.commitBatch(to: database)
    }

    /// Drops the run's counts, from the index too, at its end: the next run counts afresh.
    private func forgetSpellingCounts() throws {
        guard spellingCounts.isCommitted else { return }
        try spellingCounts.removeAll(from: database)
        try database.setMetadata(MetadataKey.spellingIndexedBefore, "")
    }

    /// Adds the pending spelling frequencies to the spelling table and forgets them, once there are
    /// `spellingFlushWords` of them, or any when `all`.
    private func writeSpellings(all: Bool) throws {
        let pending = pendingSpellings.counts
        guard !pending.isEmpty, all || pending.count >= Self.spellingFlushWords else { return }
        for (word, frequency) in pending { try database.addSpelling(word, frequency: frequency) }
        try pendingSpellings.removeAll(from: database)
    }

    /// `word` as the stemmer `name` indexes it.
    private func stem(_ word: String, with name: String) throws -> String {
        if let known = stems[name] { return try known(word) }
        let stem = try Stem(language: name)
        stems[name] = stem
        return try stem(word)
    }

    /// Documents whose file lay under one of `roots` and is gone, and which this run did not see.
    func prunable(under roots: [URL], keeping seen: Set<String>) throws -> [String] {
        let prefixes = roots.map { $0.standardizedFileURL.path }
        return known.compactMap { id, entry in
            guard !seen.contains(id) else { return nil }
            let underRoot = prefixes.contains { entry.path == $0 || entry.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            return underRoot && Self.isGone(entry.path) ? id : nil
        }.sorted()
    }

    /// Whether nothing is at `path`, so its document may be pruned. A file that cannot be looked at (in a folder
    /// that may not be read, or behind an I/O error) may well be there, and its document stays.
    static func isGone(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) != 0 else { return false }
        return errno == ENOENT || errno == ENOTDIR
    }

    /// Finds the copies of the changed documents and rewrites the duplicate groups they touch, committing as it
    /// goes: each commit records what is left to do, so a run stopped here resumes where it was.
    func updateDuplicates(
        threads: Int, limits: DuplicateIndex.Limits = .init(), progress: (Int) -> Void = { _ in }
    ) throws {
        var detector = DuplicateIndex(
            database: database, minWords: minWords, cache: alignedDocuments, spill: spill,
            written: writtenRecords.take())
        detector.limits = limits
        let removed = changedDocuments.filter { known[$0] == nil }
        var batch = Batch()
        var done = 0
        for id in removed.sorted() {
            try begin(&batch)
            regroupDocuments.formUnion(try detector.remove(id))
            changedDocuments.remove(id)
        }
        try detector.findCandidates(of: changedDocuments)
        // In slices, each committed with what is left to do recorded; the last slice's links are written by the
        // rebuild below, while its first groups are built on other threads, and committed with them.
        let pending = changedDocuments.sorted()
        for start in stride(from: 0, to: pending.count, by: limits.linkBatch) {
            let end = min(pending.count, start + limits.linkBatch)
            let slice = Array(pending[start..<end])
            try begin(&batch)
            regroupDocuments.formUnion(try detector.findLinks(ofAll: slice, path: path, threads: threads))
            changedDocuments.subtract(slice)
            done += slice.count
            progress(done)
            guard end < pending.count else { break }
            try detector.saveLinks()
            try commit(&batch)
        }
        // The groups too are written in a transaction, committed between components with what is left to do:
        // outside one, Xapian commits on its own every 10,000 changes, wherever the rebuild stands.
        try begin(&batch)
        try detector.rebuildGroups(around: regroupDocuments, path: path, threads: threads) { [self] in
            // Between components: what is done is committed, the rest stays recorded.
            try commit(&batch)
            try begin(&batch)
        } regrouped: { [self] ids in
            regroupDocuments.subtract(ids)
        }
        detector.letGo()
        try begin(&batch)
        regroupDocuments = []
        try commit(&batch)
    }

    /// Whether duplicate detection has documents to look at or groups to rebuild (this run's, or those a run
    /// stopped before it finished left).
    var hasDuplicateWork: Bool { !changedDocuments.isEmpty || !regroupDocuments.isEmpty }

    /// Passages and duplicate groups in the index.
    func counts() throws -> (passages: Int, groups: Int) {
        (try RecordKind.passageCount(in: database), try database.termFrequency(RecordKind.group.term))
    }

    private func begin(_ batch: inout Batch) throws {
        guard !batch.open else { return }
        try database.beginTransaction(flushed: true)
        try database.setMetadata(MetadataKey.schema, IndexSchema.version)
        // Ids below `recordIDLimit` are the records': one added and deleted there makes every later addition
        // land above (Xapian adds after the highest id ever used).
        if try database.lastDocumentID() < IndexSchema.recordIDLimit {
            try database.replaceDocument(IndexSchema.recordIDLimit, with: try Document())
            try database.deleteDocument(IndexSchema.recordIDLimit)
        }
        batch.open = true
    }
}

/// Numbers by word, held in memory and committed with each batch as metadata, so that a run stopped before it
/// removes them finds them: a key a batch (`prefix` and 0, 1, 2, …), a line a word: the word, a tab, what the
/// batch added to its number.
struct CommittedWordCounts {
    let prefix: String
    private(set) var counts: [String: Int] = [:]
    /// The batches committed (their keys are `prefix` + 0 up to this).
    private var batches = 0
    /// The open batch's lines.
    private var lines = ""

    /// The counts `database` holds under `prefix`.
    init(_ prefix: String, in database: WritableDatabase) throws {
        self.prefix = prefix
        while true {
            let text = try database.metadata(prefix + String(batches))
            guard !text.isEmpty else { break }
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t")
                guard fields.count == 2, let number = Int(fields[1]), number > 0 else { continue }
                counts[String(fields[0]), default: 0] += number
            }
            batches += 1
        }
    }

    subscript(word: String) -> Int { counts[word, default: 0] }

    /// Whether the index holds counts (committed, and not removed since).
    var isCommitted: Bool { batches > 0 }

    /// Whether the open batch added to any count.
    var hasOpenBatch: Bool { !lines.isEmpty }

    /// Adds `number` (when above 0) to `word`'s count, recorded with the open batch.
    mutating func add(_ number: Int, to word: String) {
        guard number > 0 else { return }
        counts[word, default: 0] += number
        lines += "\(word)\t\(number)\n"
    }

    /// Writes what the open batch added, in `database`'s open transaction.
    mutating func commitBatch(to database: WritableDatabase) throws {
        guard !lines.isEmpty else { return }
        try database.setMetadata(prefix + String(batches), lines)
        batches += 1
        lines = ""
    }

    /// Forgets every count, and removes those committed from `database` (in its open transaction).
    mutating func removeAll(from database: WritableDatabase) throws {
        for batch in 0..<batches { try database.setMetadata(prefix + String(batch), "") }
        (counts, batches, lines) = ([:], 0, "")
    }
}
