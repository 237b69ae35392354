import ConcordText
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The words and fingerprints of the documents an ingest prepared, kept for duplicate detection in a temporary
/// file instead of memory: held in memory (about 16 bytes a word), they made an ingest's RSS grow with every
/// document written, to 420 MiB by the last of the 150 MB benchmark subset's, against about 260 with the file.
/// Read back, they cost a copy, not the tokenizing that reading a document back from the index costs.
///
/// The file is made in the index folder (not `/tmp`, which may be memory) with no name (`O_TMPFILE`, else
/// named and unlinked at once), so no run, however it ends, leaves it behind. What it holds lives in the page
/// cache, which the kernel writes out or drops as memory is needed.
///
/// Preparing tasks write entries (`store`) at once, in parallel; the writer makes an entry findable
/// (`record`) when it writes its document, so detection finds only documents in the index. When the file cannot
/// be made or written, or holds a quarter of the space that was free when it was made (the index must still
/// have room to grow), `store` returns nil and the caller keeps the words in memory, as before the spill.
///
/// Alignment keeps here too the finished entries its cache drops to make room (`storeFinished`: common text marked,
/// seeds made, about 12 bytes a word beside the prepared words), so that one needed again comes back as a copy, not
/// made again, and nothing is written while the cache holds them all. On the 250 MB bench subset, with the alignment
/// cache at 160 MB rather than the 448 it then had, detection took 16.3 to 18.2 s when such entries were made again
/// (18.7 s of its threads' time went to making them, 1.5 s with 448 MB), and 11.9 to 13.5 s with them read back from
/// here; 10.3 to 12.3 s with 448 MB. This is what let the cache shrink (to 256 MB, then 128
/// once finished entries held seeds only: `DuplicateIndex.alignedDocumentCache`).
final class AlignedSpill: Sendable {
    /// Where an entry lies in the file.
    struct Location: Sendable, Equatable {
        var offset: Int
        var words: Int
        var fingerprints: Int
    }

    /// Where a finished entry lies: its words, then its seeds' hashes, then their positions. Of a document with
    /// a prepared entry (`prepared` set), the words are not written again: that entry's are, with the stretches
    /// marked boilerplate since (`boilerplate`, pairs of word indices written before the seeds) marked again.
    private struct FinishedLocation {
        var offset: Int
        var words: Int
        var seeds: Int
        var prepared: Location?
        var boilerplate = 0
    }

    private struct State {
        var end = 0
        var entries: [String: Location] = [:]
        var finished: [String: FinishedLocation] = [:]

        /// The offset of `size` more bytes, or nil when the file may not grow by that much.
        mutating func reserve(_ size: Int, limit: Int) -> Int? {
            guard end + size <= limit else { return nil }
            defer { end += size }
            return end
        }
    }

    private let descriptor: Int32
    /// The most bytes the file may hold.
    private let limit: Int
    private let state = Mutex(State())

    /// A spill in `folder` holding at most `limit` bytes (and never more than a quarter of the space free there),
    /// or nil when no file can be made there. `unnamed` false: a named file unlinked at once, as where the file
    /// system makes no unnamed one.
    init?(folder: String, limit: Int? = nil, unnamed: Bool = true) {
        // O_TMPFILE is a macro Swift does not import: __O_TMPFILE (the same on x86_64 and arm64) with O_DIRECTORY.
        var descriptor = unnamed ? open(folder, O_RDWR | O_CLOEXEC | O_DIRECTORY | 0o2000_0000, 0o600) : -1
        if descriptor < 0 {
            // mkstemp replaces the six X that end its template.
            var template = Array((folder + "/.concord-spill-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            guard descriptor >= 0 else { return nil }
            _ = unlink(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        self.descriptor = descriptor
        var space = statvfs()
        let free = fstatvfs(descriptor, &space) == 0 ? Int(space.f_bavail) &* Int(space.f_frsize) : 0
        self.limit = max(0, min(free / 4, limit ?? .max))
    }

    deinit {
        close(descriptor)
    }

    /// Writes `document`'s words and fingerprints (an entry as the ingest prepared it) and returns where they
    /// lie; nil when the write failed (the file system full, say).
    func store(_ document: AlignedDocument) -> Location? {
        let (words, fingerprints) = (document.words, document.prepared ?? [])
        let size = Self.bytes(words) + Self.bytes(fingerprints)
        guard let offset = state.withLock({ $0.reserve(size, limit: limit) }) else { return nil }
        var at = offset
        guard write(words, at: &at), write(fingerprints, at: &at) else { return nil }
        return Location(offset: offset, words: words.count, fingerprints: fingerprints.count)
    }

    /// Makes the entry at `location` the one of document `id`.
    func record(_ id: String, at location: Location) {
        state.withLock { _ = $0.entries.updateValue(location, forKey: id) }
    }

    /// Forgets document `id`'s entries.
    func forget(_ id: String) {
        state.withLock { state in
            state.entries[id] = nil
            state.finished[id] = nil
        }
    }

    /// Writes `document`, an entry finished for alignment (`AlignedDocument.cached`), as document `id`'s, unless
    /// it is not finished, one is held already, or it cannot be written (it is then made again when next needed).
    ///
    /// The words of a document with a prepared entry are not written again, only the stretches since marked
    /// boilerplate: the words are most of what an entry holds (16 bytes a word, its seeds 12), and on the
    /// 250 MB bench subset the kernel's copying of entries into the file took a sixth of the threads' time in
    /// alignment. Writing the seeds alone lowered the ingest's system time from 4.97 to 4.44 s there.
    func storeFinished(_ document: AlignedDocument, of id: String) {
        guard document.prepared == nil else { return }
        let (words, hashes, positions) = (document.words, document.seeds.hashes, document.seeds.positions)
        let prepared = state.withLock { $0.entries[id] }.flatMap { $0.words == words.count ? $0 : nil }
        let boilerplate = prepared == nil ? [] : Self.boilerplateStretches(of: words)
        let wordBytes = prepared == nil ? Self.bytes(words) : Self.bytes(boilerplate)
        let size = wordBytes + Self.bytes(hashes) + Self.bytes(positions)
        let reserved = state.withLock { state -> Int? in
            guard state.finished[id] == nil else { return nil }
            return state.reserve(size, limit: limit)
        }
        guard let offset = reserved else { return }
        var at = offset
        guard prepared == nil ? write(words, at: &at) : write(boilerplate, at: &at), write(hashes, at: &at),
            write(positions, at: &at)
        else { return }
        let location = FinishedLocation(
            offset: offset, words: words.count, seeds: hashes.count, prepared: prepared,
            boilerplate: boilerplate.count)
        state.withLock { $0.finished[id] = location }
    }

    /// Document `id`'s finished entry (`storeFinished`); nil when there is none or it cannot be read.
    func finished(_ id: String) -> AlignedDocument? {
        let (found, entry) = state.withLock { ($0.finished[id], $0.entries[id]) }
        guard let location = found else { return nil }
        var at = location.offset
        var words: [Word]
        if let prepared = location.prepared {
            // The prepared entry's words, if it is still the document's, with the stretches marked again.
            var wordsAt = prepared.offset
            guard entry == prepared, let stretches: [Int32] = read(location.boilerplate, at: &at),
                let preparedWords: [Word] = read(prepared.words, at: &wordsAt)
            else { return nil }
            words = preparedWords
            for pair in stride(from: 0, to: stretches.count - 1, by: 2) {
                let (start, end) = (max(0, Int(stretches[pair])), min(words.count, Int(stretches[pair + 1])))
                for index in start..<max(start, end) { words[index].flags.insert(.boilerplate) }
            }
        } else {
            guard let written: [Word] = read(location.words, at: &at) else { return nil }
            words = written
        }
        guard let hashes: [UInt64] = read(location.seeds, at: &at),
            let positions: [Int32] = read(location.seeds, at: &at)
        else { return nil }
        return AlignedDocument(words: words, seeds: Aligner.SeedTable(hashes: hashes, positions: positions))
    }

    /// The stretches of `words` marked boilerplate, as pairs of word indices: the first, and the one after
    /// the last.
    private static func boilerplateStretches(of words: [Word]) -> [Int32] {
        var stretches: [Int32] = []
        var start: Int?
        for (index, word) in words.enumerated() {
            let marked = word.flags.contains(.boilerplate)
            if marked && start == nil { start = index }
            if !marked, let first = start {
                stretches += [Int32(truncatingIfNeeded: first), Int32(truncatingIfNeeded: index)]
                start = nil
            }
        }
        if let first = start {
            stretches += [Int32(truncatingIfNeeded: first), Int32(truncatingIfNeeded: words.count)]
        }
        return stretches
    }

    /// Forgets every finished entry: they hold what one alignment found common.
    func forgetFinished() {
        state.withLock { $0.finished = [:] }
    }

    /// The entry of document `id`, as the ingest prepared it (`AlignedDocument.prepared` set); nil when there is
    /// none or it cannot be read.
    func load(_ id: String) -> AlignedDocument? {
        guard let location = state.withLock({ $0.entries[id] }) else { return nil }
        var at = location.offset
        guard let words: [Word] = read(location.words, at: &at),
            let fingerprints: [Fingerprint] = read(location.fingerprints, at: &at)
        else { return nil }
        return AlignedDocument(prepared: words, fingerprints: fingerprints)
    }

    /// The fingerprints of document `id`'s entry; nil when there is none or they cannot be read.
    func fingerprints(_ id: String) -> [Fingerprint]? {
        guard let location = state.withLock({ $0.entries[id] }) else { return nil }
        var at = location.offset + Self.bytes(location.words, of: Word.self)
        return read(location.fingerprints, at: &at)
    }

    /// The bytes `values` take in the file.
    private static func bytes<Element: BitwiseCopyable>(_ values: [Element]) -> Int {
        bytes(values.count, of: Element.self)
    }

    /// The bytes `count` values of `type` take in the file.
    private static func bytes<Element: BitwiseCopyable>(_ count: Int, of type: Element.Type) -> Int {
        count * MemoryLayout<Element>.stride
    }

    /// Writes `values` (of a plain type, no references) at `offset`, and moves `offset` past them.
    private func write<Element: BitwiseCopyable>(_ values: [Element], at offset: inout Int) -> Bool {
        let start = offset
        offset += Self.bytes(values)
        return values.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return true }
            var done = 0
            while done < bytes.count {
                let count = pwrite(descriptor, base + done, bytes.count - done, off_t(start + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }

    /// `count` values of a plain type (no references) read from `offset`, which moves past them.
    private func read<Element: BitwiseCopyable>(_ count: Int, at offset: inout Int) -> [Element]? {
        let start = offset
        offset += Self.bytes(count, of: Element.self)
        var complete = true
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let got = pread(descriptor, base + done, bytes.count - done, off_t(start + done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            complete = done == bytes.count
            initialized = complete ? count : 0
        }
        return complete ? values : nil
    }
}
