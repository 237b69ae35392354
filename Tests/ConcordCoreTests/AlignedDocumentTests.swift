import ConcordTestSupport
import ConcordText
import Foundation
import Testing
import Xapian

@testable import ConcordCore

/// Duplicate detection aligns the documents an ingest prepared from the words the preparer made, and any other
/// from the text read back from the index: both must give the same words, common text marked, and seeds.
@Suite struct AlignedDocumentTests {
    @Test func preparedWordsAlignAsTheIndexedTextDoes() async throws {
        let fixture = try IngestFixture()
        // A paragraph held by more documents than the boilerplate cap (its fingerprints are common), beside
        // text of each document's own and a passage two of them share.
        let common = "This notice is reproduced in every issue of the bulletin so that readers who arrive at any single page "
            + "know where the material comes from and how they may pass it on to others without asking first."
        let shared = "The committee met on a wet Tuesday in the old library and agreed after a long argument that the "
            + "bridge over the river would be closed to heavy lorries until the spring inspection was complete."
        var words = IngestTests.MadeUpWords(seed: 5)
        for index in 0..<70 {
            let own = words.sentence(of: 40)
            var body = "Bulletin \(index)\n\n\(own)\n\n\(common)\n\nClosing words of issue \(index), with nothing more to add.\n"
            if index < 2 { body += "\n\(shared)\n" }
            try fixture.write("b\(index).txt", body)
        }
        _ = try await fixture.ingest()

        let database = try Database(path: fixture.index)
        // The fingerprints held by more than 64 documents, as detection takes them (the property holds for any set).
        var held = try DuplicateIndex.storedFingerprints(in: database)
        let commonKeys = DuplicateIndex.sortFingerprints(&held, cap: 64)
        #expect(!commonKeys.isEmpty)

        let registry = ReaderRegistry()
        let preparer = DocumentPreparer(registry: registry)
        let aligner = Aligner()
        let tokenizer = WordTokenizer()
        let files = FileWalker(registry: registry).files(under: [fixture.sources]).files
        #expect(files.count == 70)
        var marked = 0
        for file in files {
            let cache = DuplicateIndex.alignedDocumentCache()
            cache.insert(file.documentID, try preparer.build(file, hash: "").aligned)
            let prepared = try #require(try AlignedDocument.cached(
                file.documentID, in: cache, from: database, aligner: aligner, tokenizer: tokenizer, common: commonKeys))
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
    }
}
