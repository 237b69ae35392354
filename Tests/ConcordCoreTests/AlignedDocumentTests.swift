import ConcordTestSupport
import ConcordText
import Dispatch
import Foundation
import Synchronization
import Testing
import Xapian

@testable import ConcordCore

/// Duplicate detection aligns the documents an ingest prepared from the words the preparer made, and any other
/// from the text read back from the index: both must give the same words, common text marked, and seeds.
@Suite struct AlignedDocumentTests {
    /// A paragraph every document holds: held by more documents than the boilerplate cap, its fingerprints are common.
    static let common = "This notice is reproduced in every issue of the bulletin so that readers who arrive at any single page "
        + "know where the material comes from and how they may pass it on to others without asking first."

    /// `count` bulletins, ingested: each holds text of its own and the common paragraph, and the first two a
    /// passage they share. With a reader on the index, and the keys of the fingerprints held by more than `cap` of
    /// them, as detection finds them.
    static func bulletins(_ count: Int, cap: Int) async throws
        -> (fixture: IngestFixture, database: Database, commonKeys: Set<UInt64>)
    {
        let fixture = try IngestFixture()
        let shared = "The committee met on a wet Tuesday in the old library and agreed after a long argument that the "
            + "bridge over the river would be closed to heavy lorries until the spring inspection was complete."
        var words = IngestTests.MadeUpWords(seed: 5)
        for index in 0..<count {
            let own = words.sentence(of: 40)
            var body = "Bulletin \(index)\n\n\(own)\n\n\(Self.common)\n\nClosing words of issue \(index), with nothing more to add.\n"
            if index < 2 { body += "\n\(shared)\n" }
            try fixture.write("b\(index).txt", body)
        }
        _ = try await fixture.ingest()
        let database = try Database(path: fixture.index)
        var held = try DuplicateIndex.storedFingerprints(in: database)
        return (fixture, database, DuplicateIndex.sortFingerprints(&held, cap: cap))
    }

    @Test func preparedWordsAlignAsTheIndexedTextDoes() async throws {
        // The fingerprints held by more than 64 documents (the property holds for any set).
        let (fixture, database, commonKeys) = try await Self.bulletins(70, cap: 64)
        #expect(!commonKeys.isEmpty)

        let registry = ReaderRegistry()
        let preparer = DocumentPreparer(registry: registry)
        let aligner = Aligner()
        let tokenizer = WordTokenizer()
        let files = FileWalker(registry: registry).files(under: [fixture.sources]).files
        #expect(files.count == 70)
        let spill = try #require(AlignedSpill(folder: fixture.folder.url.path))
        var spilling = preparer
        spilling.spill = spill
        var marked = 0
        for (number, file) in files.enumerated() {
            let cache = DuplicateIndex.alignedDocumentCache()
            // Held in memory without a spill, written to the spill with one: every other document each way.
            guard case .held(let held) = try preparer.build(file, hash: "").aligned else {
                Issue.record("a preparer without a spill holds the words")
                continue
            }
            if number.isMultiple(of: 2) {
                cache.insert(file.documentID, held)
            } else {
                guard case .spilled(let location) = try spilling.build(file, hash: "").aligned else {
                    Issue.record("a preparer with a spill writes the words there")
                    continue
                }
                spill.record(file.documentID, at: location)
                #expect(spill.fingerprints(file.documentID) == held.prepared)
                #expect(spill.load(file.documentID)?.words == held.words)
            }
            let prepared = try #require(try AlignedDocument.cached(
                file.documentID, in: cache, spill: spill, from: database, aligner: aligner, tokenizer: tokenizer,
                common: commonKeys))
            let indexed = try #require(try AlignedDocument.load(
                file.documentID, from: database, aligner: aligner, tokenizer: tokenizer, common: commonKeys))
            #expect(prepared.prepared == nil)
            #expect(prepared.words == indexed.words, "\(file.documentID)")
            #expect(prepared.seeds.hashes == indexed.seeds.hashes)
            // Finished once: what the cache holds now is the finished entry.
            #expect(cache.value(file.documentID) { nil }?.prepared == nil)
            if prepared.words.contains(where: { $0.flags.contains(.boilerplate) }) { marked += 1 }
        }
        #expect(marked == 70, "the common paragraph is marked in every document")
        spill.forget(files[1].documentID)
        #expect(spill.load(files[1].documentID) == nil)
    }

    /// Alignment lets the cache drop a document's words once none of its pairs is left to align: after the links
    /// of every document are found, the cache holds no document's words, though it held them all before.
    @Test func alignmentLeavesNoWordsInTheCacheOnceEveryPairIsAligned() async throws {
        let fixture = try IngestFixture()
        // A chain of documents, each sharing a passage with the next, and one sharing nothing.
        var words = IngestTests.MadeUpWords(seed: 11)
        let passages = (0..<9).map { _ in words.sentence(of: 30) }
        for index in 0..<8 {
            try fixture.write("c\(index).txt", "Chain \(index)\n\n\(passages[index])\n\n\(passages[index + 1])\n")
        }
        try fixture.write("alone.txt", "Alone\n\n\(words.sentence(of: 40))\n")
        _ = try await fixture.ingest()

        let ids = FileWalker(registry: ReaderRegistry()).files(under: [fixture.sources]).files.map(\.documentID)
        #expect(ids.count == 9)
        let reader = try Database(path: fixture.index)
        let cache = DuplicateIndex.alignedDocumentCache()
        for id in ids {
            let words = try AlignedDocument.load(
                id, from: reader, aligner: Aligner(), tokenizer: WordTokenizer(), common: [])
            cache.insert(id, try #require(words))
        }
        var detector = DuplicateIndex(database: try WritableDatabase(path: fixture.index), minWords: 8, cache: cache)
        try detector.findCandidates(of: Set(ids))
        let touched = try detector.findLinks(ofAll: ids.sorted(), path: fixture.index, threads: 2)
        #expect(touched.count == 9)
        #expect(ids.filter { cache.held($0) != nil } == [])
    }

    /// An entry alignment finished (common text marked, seeds made) goes to the spill when the cache drops it to
    /// make room, and only then; needed again, it comes back from there as it was finished, not made again.
    @Test func finishedEntriesTheCacheDropsComeBackFromTheSpill() async throws {
        let (fixture, database, commonKeys) = try await Self.bulletins(4, cap: 2)
        #expect(!commonKeys.isEmpty)

        let registry = ReaderRegistry()
        var preparer = DocumentPreparer(registry: registry)
        let spill = try #require(AlignedSpill(folder: fixture.folder.url.path))
        preparer.spill = spill
        let (aligner, tokenizer) = (Aligner(), WordTokenizer())
        // A cache that holds one entry: the next one inserted makes it drop the other. Detection has it give
        // what it drops to the spill.
        func detecting(spill: AlignedSpill) throws -> SharedCache<AlignedDocument> {
            let cache = SharedCache<AlignedDocument>(limit: 1)
            _ = DuplicateIndex(database: try WritableDatabase(path: fixture.index), minWords: 8, cache: cache, spill: spill)
            return cache
        }
        func cached(_ id: String, in cache: SharedCache<AlignedDocument>, from spill: AlignedSpill, common: Set<UInt64>)
            throws -> AlignedDocument?
        {
            try AlignedDocument.cached(
                id, in: cache, spill: spill, from: database, aligner: aligner, tokenizer: tokenizer, common: common)
        }
        func makeRoom(in cache: SharedCache<AlignedDocument>) {
            cache.insert("other", AlignedDocument(words: [], seeds: aligner.seedTable(of: [])))
            cache.remove("other")
        }
        let cache = try detecting(spill: spill)
        let ids = FileWalker(registry: registry).files(under: [fixture.sources]).files.map(\.documentID)
        for file in FileWalker(registry: registry).files(under: [fixture.sources]).files {
            let id = file.documentID
            guard case .spilled(let location) = try preparer.build(file, hash: "").aligned else {
                Issue.record("a preparer with a spill writes the words there")
                continue
            }
            spill.record(id, at: location)
            let finished = try #require(try cached(id, in: cache, from: spill, common: commonKeys))
            #expect(finished.words.contains { $0.flags.contains(.boilerplate) })
            #expect(spill.finished(id) == nil, "nothing is written while the cache holds the entry")

            makeRoom(in: cache)
            #expect(cache.held(id) == nil)
            let stored = try #require(spill.finished(id))
            #expect(stored.prepared == nil)
            #expect(stored.words == finished.words)
            #expect(stored.seeds.hashes == finished.seeds.hashes)
            #expect(stored.seeds.positions == finished.seeds.positions)
            #expect(stored.seeds.seeds(against: finished.seeds, maxOccurrences: 8)
                == finished.seeds.seeds(against: finished.seeds, maxOccurrences: 8))
            // It comes back as finished: its common text marked, whatever is asked now.
            #expect(try cached(id, in: cache, from: spill, common: [])?.words == finished.words)
            // Its words are those of the prepared entry: another entry recorded for the document since, the
            // finished one is not found (nor words of another text marked with its stretches).
            let other = try #require(spill.store(AlignedDocument(prepared: finished.words, fingerprints: [])))
            spill.record(id, at: other)
            #expect(spill.finished(id) == nil)
            spill.record(id, at: location)
            #expect(spill.finished(id)?.words == finished.words)

            // Forgotten, it is made again from the prepared words; removed (not dropped), it is not written.
            spill.forgetFinished()
            cache.remove(id)
            #expect(spill.finished(id) == nil)
            let remade = try #require(try cached(id, in: cache, from: spill, common: []))
            #expect(!remade.words.contains { $0.flags.contains(.boilerplate) })
            #expect(remade.words.map(\.key) == finished.words.map(\.key))
            // A document forgotten (removed from the index) leaves no finished entry either.
            makeRoom(in: cache)
            #expect(spill.finished(id) != nil)
            spill.forget(id)
            #expect(spill.finished(id) == nil)
        }
        // Emptied, the cache still gives what it drops to the spill.
        let first = try #require(ids.first)
        cache.removeAll(now: true)
        let again = try #require(try cached(first, in: cache, from: spill, common: commonKeys))
        makeRoom(in: cache)
        #expect(spill.finished(first)?.words == again.words)

        // An entry read back from the index (not prepared in this run) is kept too, unless the spill has no room.
        let roomy = try #require(AlignedSpill(folder: fixture.folder.url.path))
        let reading = try detecting(spill: roomy)
        let read = try #require(try cached(first, in: reading, from: roomy, common: commonKeys))
        makeRoom(in: reading)
        #expect(roomy.finished(first)?.words == read.words)
        let full = try #require(AlignedSpill(folder: fixture.folder.url.path, limit: 0))
        let filling = try detecting(spill: full)
        let loaded = try #require(try cached(first, in: filling, from: full, common: commonKeys))
        #expect(filling.held(first)?.words == loaded.words)
        makeRoom(in: filling)
        #expect(full.finished(first) == nil)
    }

    /// Entries written to the spill from many threads at once come back as written; an entry not recorded, or
    /// forgotten, is not found; past its limit, it writes nothing.
    @Test func spillKeepsEntriesWrittenInParallelUpToItsLimit() throws {
        let folder = try TemporaryDirectory()
        let spill = try #require(AlignedSpill(folder: folder.url.path))
        let tokenizer = WordTokenizer()
        let fingerprinter = Fingerprinter()
        @Sendable func document(_ number: Int) -> AlignedDocument {
            let text = (0..<(number % 7) * 40).map { "word\($0 * number % 97)" }.joined(separator: " ")
            let words = tokenizer.words(in: ScalarText(text))
            return AlignedDocument(prepared: words, fingerprints: fingerprinter.fingerprints(of: words))
        }
        let locations = Mutex([Int: AlignedSpill.Location]())
        DispatchQueue.concurrentPerform(iterations: 64) { number in
            if let location = spill.store(document(number)) { locations.withLock { $0[number] = location } }
        }
        let stored = locations.withLock { $0 }
        #expect(stored.count == 64)
        for (number, location) in stored where number != 5 { spill.record("d\(number)", at: location) }
        for number in 0..<64 where number != 5 {
            let loaded = try #require(spill.load("d\(number)"))
            #expect(loaded.words == document(number).words)
            #expect(loaded.prepared == document(number).prepared)
        }
        #expect(spill.load("d5") == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "the file has no name")

        // Where the file system makes no unnamed file, a named one is unlinked at once.
        let named = try #require(AlignedSpill(folder: folder.url.path, unnamed: false))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
        let location = try #require(named.store(document(6)))
        named.record("d6", at: location)
        #expect(named.load("d6")?.words == document(6).words)

        // Past its limit, a spill takes nothing more.
        let small = try #require(AlignedSpill(folder: folder.url.path, limit: 1000))
        let words = document(6)
        #expect(words.words.count * 16 > 1000)
        #expect(small.store(words) == nil)
        #expect(small.store(AlignedDocument(prepared: [], fingerprints: [])) != nil)
    }
}
