import ConcordText
import Foundation
internal import Xapian

/// What `concord ingest` is asked to do.
public struct IngestOptions: Sendable {
    /// Files and folders to ingest.
    public var roots: [String]
    /// Remove documents whose files are gone (under the given roots).
    public var prune: Bool
    /// Text files above this many bytes are reported and skipped.
    public var sizeLimit: Int
    /// Files prepared in parallel.
    public var concurrency: Int
    /// Input bytes per committed batch: bounds memory and what a crash can lose. Xapian holds a batch's changes
    /// in memory until it commits, and what it frees then is where detection's structures go next. 8 MB rather
    /// than 16 lowered the bench subsets' peak RSS from 207 and 208 MiB to 144 and 167 at 50 MB, from 371 and
    /// 395 to 347 and 354 at 150 MB, from 508 and 519 to 455 and 481 at 250 MB (two runs each, times within
    /// their spread), for an index 3% larger. 4 MB rather than 8 lowers the peak before detection: 79 against
    /// 92 MiB at 10 MB, 167 and 174 against 210 and 227 at 150 MB, 179 and 190 against 250 and 237 at 250 MB,
    /// for at most a second more of writing at 250 MB (34.9 and 36.4 s against 34.6 and 36.0 in all). 2 MB
    /// lowers it further (129 and 138 MiB at 150 MB, 157 at 250) but writes for 6 s more at 250 MB: each commit
    /// rewrites the last postings of the terms it touches, so more commits cost more as the index grows.
    public var batchBytes: Int
    /// Duplicate spans shorter than this many words are ignored.
    public var minWords: Int
    /// How much duplicate detection holds before it lets go; tests lower the limits.
    var detectionLimits = DuplicateIndex.Limits()

    public init(
        roots: [String], prune: Bool = false, sizeLimit: Int = 64 << 20,
        concurrency: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
        batchBytes: Int = 4 << 20, minWords: Int = 8
    ) {
        self.roots = roots
        self.prune = prune
        self.sizeLimit = sizeLimit
        self.concurrency = concurrency
        self.batchBytes = batchBytes
        self.minWords = minWords
    }
}

/// Progress of an ingest, reported as it happens; the CLI decides how it looks.
public enum IngestEvent: Sendable {
    /// The walk is done: this many files, of this many bytes, will be looked at.
    case discovered(files: Int, bytes: Int)
    /// A file was handled.
    case processed(path: String, bytes: Int, outcome: Outcome)
    /// A file or folder was reported and skipped.
    case failed(path: String, reason: String)
    /// A document whose file is gone was removed (`--prune`).
    case removed(document: String)
    /// Duplicate detection is running over the changed documents.
    case detectingDuplicates(documents: Int)

    public enum Outcome: Sendable { case added, updated, unchanged }
}

/// The one line an ingest ends with, and its figures.
public struct IngestSummary: Codable, Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var failed = 0
    public var removed = 0
    /// Passages in the index after the run.
    public var passages = 0
    /// Duplicate groups in the index after the run.
    public var groups = 0
    public var seconds = 0.0
    /// Of `seconds`, those spent finding duplicates (after the documents were written).
    public var detectionSeconds = 0.0
    /// Of `seconds`, those the one writer spent in Xapian adding the documents and committing them (before
    /// duplicate detection): the part of the run that preparing on more cores cannot shorten.
    public var writeSeconds = 0.0
    /// The most memory the process held resident in the whole run, in bytes (`peakResidentBytes()`).
    public var peakRSSBytes = 0
    /// The same up to the end of writing the documents, before duplicate detection: what reading, preparing
    /// and writing in batches hold, apart from what detection then holds.
    public var peakRSSBytesBeforeDetection = 0

    enum CodingKeys: String, CodingKey {
        case added, updated, unchanged, failed, removed, passages, groups, seconds
        case detectionSeconds = "detection_seconds"
        case writeSeconds = "write_seconds"
        case peakRSSBytes = "peak_rss_bytes"
        case peakRSSBytesBeforeDetection = "peak_rss_bytes_before_detection"
    }

    public init() {}

    /// "2 documents: 2 added, 0 updated, 0 unchanged, 0 failed; 84 passages, 23 duplicate groups (0.4 s)".
    public var line: String {
        let documents = added + updated + unchanged + failed
        var text = "\(documents) document\(documents == 1 ? "" : "s"): \(added) added, \(updated) updated, "
            + "\(unchanged) unchanged, \(failed) failed"
        if removed > 0 { text += ", \(removed) removed" }
        text += "; \(passages) passages, \(groups) duplicate group\(groups == 1 ? "" : "s")"
        text += String(format: " (%.1f s)", seconds)
        return text
    }
}

/// Ingests files into the index: prepares documents in parallel, writes them with one writer in batches,
/// each batch one Xapian transaction, so a crash at any moment leaves only whole documents.
public final class Ingester {
    private let indexPath: String
    private let options: IngestOptions

    /// Input bytes prepared ahead of the writer at most (one larger file is always let through). A prepared
    /// document holds about ten times its input, so this bounds that memory whatever the files' sizes; 16 MB
    /// rather than 48 since the window of documents ahead grew to 64 a core, so that it bounds no more than the
    /// window of 16 did for files of half a megabyte (the bench subsets' files are mostly smaller: the same
    /// time there, 11.78 and 11.84 s before detection at 150 MB against 12.09 and 10.98).
    static let heldBytesLimit = 16 << 20

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public init(indexPath: String, options: IngestOptions) {
        self.indexPath = indexPath
        self.options = options
    }

    /// For a process that ingests (`concord ingest`): large buffers (documents' text and words, seed tables,
    /// Xapian's blocks), allocated and freed by the thousand, are served from memory already freed instead of
    /// fresh pages the kernel must zero each time, and from one arena per core. Measured at 150 MB, two runs
    /// each: system time and peak RSS lower (748 and 814 MiB against 878 and 824 with glibc's defaults).
    /// Process-wide, so left to the command rather than done by every `Ingester`.
    public static func reuseFreedMemory() {
        WritableDatabase.reuseFreedMemory()
    }

    /// Runs the ingest, reporting progress to `report`.
    ///
    /// - Throws: `ConcordError` when the index cannot be opened for writing (another ingest holds it, or the
    ///   folder is not writable); problems with single files are reported, not thrown.
    public func run(report: @escaping @Sendable (IngestEvent) -> Void) async throws -> IngestSummary {
        let start = ContinuousClock.now
        let database = try IndexWriter.open(indexPath)
        let writer = try IndexWriter(
            database: database, path: indexPath, minWords: options.minWords,
            spillLimit: options.detectionLimits.spillBytes)
        let registry = ReaderRegistry(sizeLimit: options.sizeLimit)
        let roots = options.roots.map { URL(fileURLWithPath: $0) }
        let walk = FileWalker(registry: registry).files(under: roots)
        var summary = IngestSummary()
        for problem in walk.problems {
            summary.failed += 1
            report(.failed(path: problem.path, reason: problem.reason))
        }
        report(.discovered(files: walk.files.count, bytes: walk.files.reduce(0) { $0 + $1.bytes }))

        let known = writer.knownHashes()
        let preparer = DocumentPreparer(registry: registry, spill: writer.spill)
        let files = walk.files
        // Documents prepared ahead of the writer: enough to keep the other cores busy while it writes one, and
        // while it waits for a large one (written in file order, the documents after it wait too). 64 a core
        // rather than 16: on the 150 MB bench subset, 11.54, 11.09 and 12.61 s before detection against 12.87,
        // 11.61 and 14.08 (alternating runs), 13.20, 12.47 and 13.20 against 14.10, 14.84 and 13.38 with 32;
        // the peak before detection 5 to 15 MiB higher there and at 10 and 50 MB.
        let window = max(1, options.concurrency) * 64
        // Input bytes launched ahead of the writer before it commits a batch, which took it a second or so at
        // 16 MB batches: the window alone was prepared within a fifth of that, and the other cores idled through
        // the rest (a perf timeline of the 50 MB subset). Half a batch covers a commit; measured with the
        // bench's subsets, two runs each: 50 MB in 7.9 and 7.5 s against 9.4 and 8.3 without it, 150 MB in 30.1
        // and 25.7 s against 30.3 and 28.0, with no more memory than the run's spread.
        let commitAhead = options.batchBytes / 2
        var batch = IndexWriter.Batch()

        try await withThrowingTaskGroup(of: (Int, PrepareOutcome).self) { group in
            var next = 0
            var inFlight = 0
            // Input bytes of the documents launched and not yet written: bounds memory with large files.
            var heldBytes = 0
            var pending: [Int: PrepareOutcome] = [:]
            var toWrite = 0
            // Launches documents while fewer than `window` are ahead of the writer, or fewer than `ahead` bytes.
            func launch(ahead: Int = 0) {
                while next < files.count && (inFlight + pending.count < window || heldBytes < ahead)
                    && (heldBytes < Self.heldBytesLimit || inFlight + pending.count == 0)
                {
                    let index = next
                    let file = files[index]
                    let knownHash = known[file.documentID]
                    group.addTask { (index, preparer.prepare(file, knownHash: knownHash)) }
                    next += 1
                    inFlight += 1
                    heldBytes += file.bytes
                }
            }
            launch()
            while let (index, outcome) = try await group.next() {
                inFlight -= 1
                pending[index] = outcome
                // Written in file order, so sequence numbers (and so originals) do not depend on timing.
                while let ready = pending.removeValue(forKey: toWrite) {
                    heldBytes -= files[toWrite].bytes
                    toWrite += 1
                    switch ready {
                    case .unchanged(let file):
                        summary.unchanged += 1
                        report(.processed(path: file.url.path, bytes: file.bytes, outcome: .unchanged))
                    case .failed(let file, let reason):
                        summary.failed += 1
                        report(.failed(path: file.url.path, reason: reason))
                    case .prepared(let prepared):
                        let isUpdate = known[prepared.file.documentID] != nil
                        let writing = ContinuousClock.now
                        try writer.add(prepared, to: &batch)
                        if batch.bytes >= options.batchBytes {
                            launch(ahead: commitAhead)
                            try writer.commit(&batch)
                        }
                        summary.writeSeconds += Self.seconds(ContinuousClock.now - writing)
                        if isUpdate { summary.updated += 1 } else { summary.added += 1 }
                        report(.processed(
                            path: prepared.file.url.path, bytes: prepared.file.bytes, outcome: isUpdate ? .updated : .added))
                    }
                }
                launch()
            }
        }
        let lastCommit = ContinuousClock.now
        try writer.commit(&batch, last: true)
        summary.writeSeconds += Self.seconds(ContinuousClock.now - lastCommit)

        if options.prune {
            let seen = Set(files.map(\.documentID))
            for document in try writer.prunable(under: roots, keeping: seen) {
                try writer.remove(document, from: &batch)
                summary.removed += 1
                report(.removed(document: document))
            }
            try writer.commit(&batch)
        }

        summary.peakRSSBytesBeforeDetection = peakResidentBytes()
        if writer.hasDuplicateWork {
            report(.detectingDuplicates(documents: writer.changedDocuments.count))
            let detection = ContinuousClock.now
            try writer.updateDuplicates(threads: options.concurrency, limits: options.detectionLimits)
            summary.detectionSeconds = Self.seconds(ContinuousClock.now - detection)
        }
        let counts = try writer.counts()
        summary.passages = counts.passages
        summary.groups = counts.groups
        let elapsed = ContinuousClock.now - start
        summary.seconds = Self.seconds(elapsed)
        summary.peakRSSBytes = peakResidentBytes()
        return summary
    }
}
