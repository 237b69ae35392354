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
    private var known: [String: Known] = [:]
    private var nextSequence: Int
    private let minWords: Int
    /// Documents added, updated or removed in this run: duplicate detection revisits them.
    private(set) var changedDocuments: Set<String> = []

    /// Opens (creating when missing) the index at `path` for writing.
    static func open(_ path: String) throws -> WritableDatabase {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConcordError(.ingestFailed, "cannot create the index folder \(path): \(FileWalker.reason(error))")
        }
        do {
            return try WritableDatabase(path: path, action: .createOrOpen)
        } catch let error as XapianError where error.kind == .databaseLock {
            throw ConcordError(.indexBusy, "the index \(path) is being written by another concord ingest; wait for it to finish")
        } catch let error as XapianError {
            throw ConcordError(.ingestFailed, "cannot open the index \(path) for writing: \(error)")
        }
    }

    init(database: WritableDatabase, minWords: Int) throws {
        self.database = database
        self.minWords = minWords
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
        for id in try database.postings(for: RecordKind.document.term) {
            let document = try database.document(id)
            let documentID = try document.stringValue(ValueSlot.documentID.rawValue)
            known[documentID] = Known(
                hash: try document.stringValue(ValueSlot.contentHash.rawValue),
                sequence: Int(Sortable.unserialise(try document.value(ValueSlot.sequence.rawValue))),
                path: try document.stringValue(ValueSlot.path.rawValue))
        }
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
        let sequenceValue = Sortable.serialise(Double(sequence))
        // Every Xapian document of this document (passages and record) carries its XDOC term: deleting by it
        // leaves no old passage behind, and the new ones can be added without looking their ids up.
        try database.deleteDocuments(idTerm: Prefix.document + id)
        for (_, document) in prepared.passages {
            try document.setValue(sequenceValue, slot: ValueSlot.sequence.rawValue)
            _ = try database.addDocument(document)
        }
        // The record's data was encoded while preparing; its sequence is this value (`DocumentRecord.load`).
        try prepared.recordDocument.setValue(sequenceValue, slot: ValueSlot.sequence.rawValue)
        _ = try database.addDocument(prepared.recordDocument)
        for word in prepared.spellingWords { try database.addSpelling(word) }
        known[id] = Known(hash: prepared.record.hash, sequence: sequence, path: prepared.record.path)
        changedDocuments.insert(id)
        batch.bytes += max(prepared.file.bytes, prepared.record.text.utf8.count)
    }

    /// Removes document `id` and its passages.
    func remove(_ id: String, from batch: inout Batch) throws {
        try begin(&batch)
        try database.deleteDocuments(idTerm: Prefix.document + id)
        try database.deleteDocuments(idTerm: Prefix.documentID + id)
        known[id] = nil
        changedDocuments.insert(id)
    }

    /// Commits `batch`'s transaction, if one is open.
    func commit(_ batch: inout Batch) throws {
        guard batch.open else { return }
        // Recorded with the documents, so a run killed before duplicate detection ends resumes it.
        try database.setMetadata(MetadataKey.duplicatesPending, changedDocuments.sorted().joined(separator: "\n"))
        try database.commitTransaction()
        batch = Batch()
    }

    /// Documents whose file lay under one of `roots` and is gone, and which this run did not see.
    func prunable(under roots: [URL], keeping seen: Set<String>) throws -> [String] {
        let prefixes = roots.map { $0.standardizedFileURL.path }
        return known.compactMap { id, entry in
            guard !seen.contains(id) else { return nil }
            let underRoot = prefixes.contains { entry.path == $0 || entry.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            return underRoot && !FileManager.default.fileExists(atPath: entry.path) ? id : nil
        }.sorted()
    }

    /// Finds the copies of the changed documents' passages and rewrites the duplicate groups they touch.
    func updateDuplicates() throws {
        var batch = Batch()
        try begin(&batch)
        var detector = DuplicateIndex(database: database, minWords: minWords)
        let removed = changedDocuments.filter { known[$0] == nil }
        try detector.update(changed: changedDocuments.subtracting(removed), removed: removed)
        changedDocuments = []
        try commit(&batch)
    }

    /// Passages and duplicate groups in the index.
    func counts() throws -> (passages: Int, groups: Int) {
        (try database.termFrequency(RecordKind.passage.term), try database.termFrequency(RecordKind.group.term))
    }

    private func begin(_ batch: inout Batch) throws {
        guard !batch.open else { return }
        try database.beginTransaction(flushed: true)
        try database.setMetadata(MetadataKey.schema, IndexSchema.version)
        batch.open = true
    }
}
