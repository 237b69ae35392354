import ConcordBase
import ConcordTestSupport
import ConcordText
import Foundation
import Synchronization
import Testing
import Xapian

@testable import ConcordCore

/// The events an ingest reported, in order.
final class IngestEvents: Sendable {
    private let events = Mutex<[IngestEvent]>([])

    func record(_ event: IngestEvent) { events.withLock { $0.append(event) } }

    var all: [IngestEvent] { events.withLock { $0 } }

    /// Every `.failed` event as (path, reason).
    var failures: [(path: String, reason: String)] {
        all.compactMap { if case .failed(let path, let reason) = $0 { (path, reason) } else { nil } }
    }

    var removed: [String] {
        all.compactMap { if case .removed(let document) = $0 { document } else { nil } }
    }
}

/// A folder of source files and an index beside it, ingested through `Ingester` itself.
struct IngestFixture {
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory("concord-ingest") }

    var sources: URL { folder.url.appendingPathComponent("sources") }
    var index: String { folder.path("index") }

    /// Writes `contents` to `name` under `sources/`.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> URL { try folder.write("sources/" + name, contents) }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL { try folder.write("sources/" + name, data) }

    /// Copies the example corpus document `name` (and its sidecar) into `sources/`.
    func copyExample(_ name: String, sidecar: Bool = true) throws {
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Repository.corpus.appendingPathComponent(name), to: sources.appendingPathComponent(name))
        if sidecar {
            try FileManager.default.copyItem(
                at: Repository.corpus.appendingPathComponent(name + ".meta.json"),
                to: sources.appendingPathComponent(name + ".meta.json"))
        }
    }

    func remove(_ name: String) throws { try FileManager.default.removeItem(at: sources.appendingPathComponent(name)) }

    /// Ingests `sources/`.
    func ingest(
        prune: Bool = false, sizeLimit: Int = 64 << 20, events: IngestEvents = IngestEvents()
    ) async throws -> IngestSummary {
        let options = IngestOptions(roots: [sources.path], prune: prune, sizeLimit: sizeLimit, concurrency: 2)
        return try await Ingester(indexPath: index, options: options).run { events.record($0) }
    }

    func service() throws -> ConcordService { try ConcordService(indexPath: index) }

    /// The passages matching `query`, every copy its own hit.
    func passages(matching query: String) throws -> [String] {
        try service().search(SearchRequest(query: query, limit: 100, foldDuplicates: false)).hits.map(\.passage)
    }
}

enum ExampleIDs {
    static let memo = "000-75fd1b966845eedf-txt"
    static let republication = "001-3ca5689c933b425c-txt"
}

@Suite struct IngestTests {
    let fixture: IngestFixture

    init() throws { fixture = try IngestFixture() }

    // MARK: - Formats

    @Test func everyReaderFormatInOneRun() async throws {
        try fixture.write("notes.txt", "Plain text about the quokkasaurus.\n\nA second paragraph on wombats.\n")
        try fixture.write("post.md", """
            ---
            title: "Marmots of the Alps"
            author: Jane Doe
            date: 2024-03-05
            ---

            # Marmots

            The marmotology of the high valleys, in plain Markdown.
            """)
        try fixture.write("page.html", """
            <!doctype html><html lang="en"><head><title>Ignored tab title</title>
            <meta name="citation_title" content="Pangolins Today">
            <meta name="citation_author" content="Roe, Richard">
            <meta name="citation_publication_date" content="2023/11/02">
            </head><body><article><h1>Pangolins Today</h1><p>Scaly pangolinology in an HTML page.</p></article></body></html>
            """)
        let pdf = Subprocess.find("pdftotext") != nil
        if pdf {
            try fixture.write("memo.pdf", MinimalPDF.make(
                pages: [["Aardwolves in a portable document."]], info: ["Title": "Aardwolf Memo"]))
        }
        let summary = try await fixture.ingest()
        #expect(summary.added == (pdf ? 4 : 3))
        #expect(summary.failed == 0)
        #expect(summary.passages > 0)

        let service = try fixture.service()
        let markdown = try service.document("post-md")
        #expect(markdown.format == DocumentFormat.markdown.rawValue)
        #expect(markdown.metadata.title == "Marmots of the Alps")
        #expect(markdown.metadata.author == [PersonName(family: "Doe", given: "Jane")])
        #expect(markdown.metadata.issued == DateParts(year: 2024, month: 3, day: 5))
        let html = try service.document("page-html")
        #expect(html.format == DocumentFormat.html.rawValue)
        #expect(html.metadata.title == "Pangolins Today")
        #expect(html.metadata.author == [PersonName(family: "Roe", given: "Richard")])
        #expect(html.metadata.issued == DateParts(year: 2023, month: 11, day: 2))
        #expect(try service.document("notes-txt").format == DocumentFormat.text.rawValue)

        var words = ["quokkasaurus": "notes-txt", "marmotology": "post-md", "pangolinology": "page-html"]
        if pdf {
            words["aardwolves"] = "memo-pdf"
            let document = try service.document("memo-pdf")
            #expect(document.format == DocumentFormat.pdf.rawValue)
            #expect(document.metadata.title == "Aardwolf Memo")
        }
        for (word, document) in words {
            let hits = try service.search(SearchRequest(query: word)).hits
            #expect(hits.map(\.document.id) == [document], "\(word)")
        }
        // Every passage quotes its document's text exactly.
        for document in words.values {
            let text = Array(try service.documentText(document).unicodeScalars)
            for passage in try service.document(document).passages {
                #expect(Array(passage.text.unicodeScalars) == Array(text[passage.span.start..<passage.span.end]))
            }
        }
    }

    // MARK: - Bad inputs

    @Test func badInputsAreReportedAndSkipped() async throws {
        try fixture.write("good.txt", "A good file about the hedgehog census, read in full.\n")
        try fixture.write("binary.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0x3E]))
        try fixture.write("latin.txt", Data([0x48, 0x69, 0x20, 0x81, 0xC3, 0x28, 0x8D, 0x90, 0x9D, 0x20, 0x41]))
        try fixture.write("empty.txt", "")
        try fixture.write("blank.md", "   \n\n  \n")
        try fixture.write("large.txt", String(repeating: "A large file of many words. ", count: 200))
        try FileManager.default.createDirectory(
            at: fixture.sources.appendingPathComponent("loop"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.sources.appendingPathComponent("loop/back").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: fixture.sources.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere.txt")
        let locked = try fixture.write("locked.txt", "Nobody may read this file.\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
        // Root reads any file: then the locked file is simply read.
        let lockedIsUnreadable = !FileManager.default.isReadableFile(atPath: locked.path)
        let pdf = Subprocess.find("pdftotext") != nil
        if pdf { try fixture.write("corrupt.pdf", "%PDF-1.4\nthis is not really a pdf\n") }
        try fixture.write("image.png", Data([0x89, 0x50, 0x4E, 0x47]))
        // A FIFO is never opened (opening one waits for a writer), nor is a FIFO sidecar.
        #expect(mkfifo(fixture.sources.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        try fixture.write("piped.txt", "A file whose sidecar is a pipe.\n")
        #expect(mkfifo(fixture.sources.appendingPathComponent("piped.txt.meta.json").path, 0o600) == 0)
        // Names in Latin-1, not UTF-8: a file "café.txt", and a folder "pièces" holding a file.
        func latin1(_ name: String) -> [CChar] {
            Array((fixture.sources.path + "/").utf8CString.dropLast())
                + name.unicodeScalars.map { CChar(bitPattern: UInt8(truncatingIfNeeded: $0.value)) } + [0]
        }
        #expect(close(creat(latin1("café.txt"), 0o644)) == 0)
        #expect(mkdir(latin1("pièces"), 0o755) == 0)
        #expect(close(creat(latin1("pièces/a.txt"), 0o644)) == 0)

        let events = IngestEvents()
        let summary = try await fixture.ingest(sizeLimit: 2048, events: events)
        var expected: [String: String] = [
            "binary.txt": "binary", "latin.txt": "not valid UTF-8", "empty.txt": "empty", "blank.md": "empty",
            "large.txt": "too large", "loop/back": "loop", "dangling.txt": "broken symbolic link",
            "pipe.txt": "not a regular file", "piped.txt": "bad sidecar piped.txt.meta.json: not a regular file",
        ]
        expected["caf\u{FFFD}.txt"] = "the name is not valid UTF-8; rename it to ingest it"
        expected["pi\u{FFFD}ces"] = "the name is not valid UTF-8; rename it to ingest it"
        if lockedIsUnreadable { expected["locked.txt"] = "permission denied" }
        if pdf { expected["corrupt.pdf"] = "pdftotext" }
        let failures = events.failures
        for (name, reason) in expected {
            let path = fixture.sources.appendingPathComponent(name).path
            let reports = failures.filter { $0.path == path }
            #expect(reports.count == 1, "\(name): \(failures)")
            #expect(reports.allSatisfy { $0.reason.contains(reason) }, "\(name): \(reports)")
        }
        #expect(failures.count == expected.count, "\(failures)")
        #expect(summary.failed == expected.count)
        #expect(summary.added == (lockedIsUnreadable ? 1 : 2))
        #expect(!failures.contains { $0.path.hasSuffix("image.png") })
        #expect(failures.first { $0.path.hasSuffix("large.txt") }?.reason == "file too large (5.5 KB, limit 2 KB)")
        #expect(try fixture.passages(matching: "hedgehog").count == 1)
    }

    // MARK: - Re-ingest

    @Test func reingestOfUnchangedFilesChangesNothing() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        try fixture.copyExample(ExampleCorpus.fileNames[1])
        let first = try await fixture.ingest()
        #expect(first.added == 2 && first.groups > 0)
        // The writer's time is part of the run's, and apart from detection's.
        #expect(first.writeSeconds > 0 && first.writeSeconds + first.detectionSeconds <= first.seconds)
        // The peak up to detection is part of the run's.
        #expect(first.peakRSSBytesBeforeDetection > 0 && first.peakRSSBytesBeforeDetection <= first.peakRSSBytes)
        let groups = try fixture.service().duplicates()
        let second = try await fixture.ingest()
        #expect(second.added == 0 && second.updated == 0 && second.unchanged == 2 && second.failed == 0)
        #expect(second.passages == first.passages && second.groups == first.groups)
        #expect(try fixture.service().duplicates() == groups)
    }

    @Test func groupMembersQuoteTheirDocumentsExactlyBeyondASCII() async throws {
        // A passage of accented, CJK and astral text, copied after prefaces of other lengths that hold such
        // text too: a member's text is read back from its document's by scalar offsets.
        var words = MadeUpWords(seed: 11)
        let shared = (0..<5).map { _ in words.sentence(of: 14) }.joined(separator: " ")
            .replacingOccurrences(of: "ka", with: "k\u{E1}").replacingOccurrences(of: "mi", with: "m\u{1F600}i")
            .replacingOccurrences(of: "zeto", with: "\u{4E2D}\u{6587}")
        for (name, repeats) in [("a.txt", 3), ("b.txt", 11), ("c.txt", 0)] {
            var preface = ""
            for index in 0..<repeats { preface += "Pr\u{E9}face \u{2014} \u{5E8F}\u{6587} \u{1F4D6} number \(index) of \(name).\n\n" }
            try fixture.write(name, preface + shared + "\n\nAnd a closing line of \(name) alone.\n")
        }
        _ = try await fixture.ingest()
        let service = try fixture.service()
        let groups = try service.duplicates()
        #expect(groups.contains { Set($0.members.map(\.document)) == ["a-txt", "b-txt", "c-txt"] })
        for member in groups.flatMap(\.members) {
            let text = ScalarText(try service.documentText(member.document))
            #expect(!member.text.isEmpty)
            #expect(member.text == text[member.span], "\(member.document) \(member.span)")
        }
        #expect(try service.duplicates(document: "b-txt") == groups.filter { $0.members.contains { $0.document == "b-txt" } })
    }

    @Test func aDocumentWhoseTitleNamesTheQueryRanksFirst() async throws {
        // The same words in both texts, in another order; only z's title names glaciers (a, ingested first,
        // would win a tie).
        try fixture.write("a.txt", "Notes from a walk in the mountains, with a word on glaciers and the valleys below them.\n")
        try fixture.write("a.txt.meta.json", #"{"title": "Valleys of the Alps"}"#)
        try fixture.write("z.txt", "A word on glaciers and the valleys below them, with notes from a walk in the mountains.\n")
        try fixture.write("z.txt.meta.json", #"{"title": "Glaciers of the Alps"}"#)
        _ = try await fixture.ingest()
        let hits = try fixture.service().search(SearchRequest(query: "glaciers")).hits
        #expect(hits.map(\.document.id) == ["z-txt", "a-txt"])
        #expect(try fixture.service().search(SearchRequest(query: "title:glaciers")).hits.map(\.document.id) == ["z-txt"])
    }

    /// Words of three syllables from a fixed generator, so copies share runs that nothing else holds.
    struct MadeUpWords {
        var numbers: SeededNumbers
        static let syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze", "bo", "di"]

        init(seed: UInt64) { numbers = SeededNumbers(seed: seed) }

        /// A sentence of `count` words, with its period.
        mutating func sentence(of count: Int) -> String {
            (0..<count).map { _ in
                (0..<3).map { _ in Self.syllables[numbers.below(Self.syllables.count)] }.joined()
            }.joined(separator: " ") + "."
        }
    }

    /// Ingests the fixture's sources into its index with `options` (two threads, pruning unless told), and into a
    /// second index, `name` in its folder, with `options` changed by `change`; returns the second's path.
    func ingestAlso(
        into name: String, options: IngestOptions? = nil, changing change: (inout IngestOptions) -> Void
    ) async throws -> String {
        let options = options ?? IngestOptions(roots: [fixture.sources.path], prune: true, concurrency: 2)
        _ = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        var other = options
        change(&other)
        let path = fixture.folder.path(name)
        _ = try await Ingester(indexPath: path, options: other).run { _ in }
        return path
    }

    /// Ingests the fixture's sources into its index on two threads and into a second index on one; returns the
    /// path of the second.
    func ingestOnOneThreadAndOnTwo() async throws -> String {
        try await ingestAlso(into: "one-thread") { $0.concurrency = 1 }
    }

    /// Writes a digest of `sentences` (`header`, then the sentences) and `copies` files, copy k taking sentences
    /// 2k to 2k + 2.
    func writeDigest(
        _ sentences: [String], copies: Int, as name: String = "a-digest.txt", header: String = "The digest.\n\n"
    ) throws {
        try fixture.write(name, header + sentences.joined(separator: "\n\n") + "\n")
        for copy in 0..<copies {
            let taken = sentences[(copy * 2)..<(copy * 2 + 3)].joined(separator: "\n\n")
            try fixture.write("c\(copy).txt", "Copy number \(copy), from the digest.\n\n\(taken)\n")
        }
    }

    /// Changes the copies of `writeDigest` between two runs: copy 3 rewritten (sentence `kept` and new words),
    /// copy `dropped` removed, copy `added` written (two sentences, `taken`).
    func changeCopies(
        of sentences: [String], words: inout MadeUpWords, keeping kept: Int, dropping dropped: Int, adding added: Int,
        taking taken: (Int, Int)
    ) throws {
        try fixture.write("c3.txt", "Copy number 3, rewritten.\n\n\(sentences[kept])\n\n\(words.sentence(of: 30))\n")
        try fixture.remove("c\(dropped).txt")
        try fixture.write("c\(added).txt", "Copy number \(added).\n\n\(sentences[taken.0])\n\n\(sentences[taken.1])\n")
    }

    /// Over two runs, a digest of `count` sentences and `copies` copies (`writeDigest`), then the copies changed
    /// (`changeCopies`, copy `copies` added), each ingested into the fixture's index and into a second, `name`,
    /// with the detection limits changed by `change`: both indexes hold the same groups (at least `groups`) and,
    /// for `documents`, the same passage groups, and the same links when `links`.
    func expectTheSameGroupsWithLimits(
        _ change: @escaping (inout DuplicateIndex.Limits) -> Void, into name: String, seed: UInt64,
        sentences count: Int, copies: Int, keeping kept: Int, dropping dropped: Int, taking taken: (Int, Int),
        documents: [String], atLeast groups: Int, links: Bool = false
    ) async throws {
        var words = MadeUpWords(seed: seed)
        let sentences = (0..<count).map { _ in words.sentence(of: 24) }
        try writeDigest(sentences, copies: copies)
        func expectTheSame() async throws {
            let other = try await ingestAlso(into: name) { change(&$0.detectionLimits) }
            let (expected, found) = (try fixture.service(), try ConcordService(indexPath: other))
            let expectedGroups = try expected.duplicates()
            #expect(expectedGroups.count >= groups)
            #expect(try found.duplicates() == expectedGroups)
            for document in documents {
                if links { #expect(try found.links(of: document) == expected.links(of: document), "\(document)") }
                #expect(
                    try found.document(document).passages.map(\.group) == expected.document(document).passages.map(\.group))
            }
        }
        try await expectTheSame()
        try changeCopies(of: sentences, words: &words, keeping: kept, dropping: dropped, adding: copies, taking: taken)
        try await expectTheSame()
    }

    @Test func manyIndependentCopiesAreGroupedAlikeOnOneThreadAndOnTwo() async throws {
        // More components than duplicate detection builds at once (256), so groups are built and written in
        // several rounds; each pair of files shares one sentence of its own.
        let pairs = 300
        var words = MadeUpWords(seed: 7)
        for pair in 0..<pairs {
            // Longer than the 20 words that always share a fingerprint.
            let shared = words.sentence(of: 24)
            try fixture.write("p\(pair)a.txt", "Field notes, first hand, number \(pair).\n\n\(shared)\n")
            try fixture.write("p\(pair)b.txt", "A later summary, second hand, item \(pair).\n\n\(shared)\n")
        }
        let one = try await ingestOnOneThreadAndOnTwo()
        let groups = try fixture.service().duplicates()
        #expect(groups.count == pairs)
        // Each group is one pair: "p12a-txt" and "p12b-txt".
        #expect(groups.allSatisfy { group in group.members.count == 2 && Set(group.members.map { $0.document.dropLast(5) }).count == 1 })
        #expect(try ConcordService(indexPath: one).duplicates() == groups)
    }

    @Test func oneDocumentCopiedByManyMakesOneLargeComponentBuiltAlikeOnOneThreadAndOnTwo() async throws {
        // A digest holds 300 sentences, each copied by a file of its own: one component of 301 documents, large
        // enough to be read and built on all threads by itself, and with enough groups to be made as written.
        let copies = 300
        var words = MadeUpWords(seed: 11)
        var digest = "The digest.\n\n"
        for copy in 0..<copies {
            let sentence = words.sentence(of: 24)
            digest += sentence + "\n\n"
            try fixture.write("c\(copy).txt", "Copy number \(copy), from the digest.\n\n\(sentence)\n")
        }
        // Its name comes first, so the rebuild starts from it and reaches every copy at once.
        try fixture.write("a-digest.txt", digest)
        let one = try await ingestOnOneThreadAndOnTwo()
        // Its groups are made and written a slice at a time: the same in slices of seven.
        let sliced = try await ingestAlso(into: "small-slices") { $0.detectionLimits.groupSlice = 7 }
        let groups = try fixture.service().duplicates()
        #expect(try ConcordService(indexPath: sliced).duplicates() == groups)
        for document in ["a-digest-txt", "c0-txt", "c150-txt", "c299-txt"] {
            #expect(try ConcordService(indexPath: sliced).document(document).passages.map(\.group)
                == fixture.service().document(document).passages.map(\.group))
        }
        #expect(groups.count == copies)
        // Each group is the digest and one copy.
        #expect(groups.allSatisfy { group in
            group.members.count == 2 && Set(group.members.map(\.document)).contains("a-digest-txt")
        })
        #expect(Set(groups.flatMap { $0.members.map(\.document) }).count == copies + 1)
        #expect(try ConcordService(indexPath: one).duplicates() == groups)
    }

    @Test func candidatesFromPreparedFingerprintsAreThoseTheStoredOnesGive() async throws {
        // A new index's candidates come from the fingerprints the ingest prepared; an index's earlier documents'
        // from the fingerprints stored on the records. Both give the same links and groups: 36 pairs sharing a
        // sentence of their own, a digest copied in part by six of them, and a line all 72 hold (more than the
        // boilerplate cap).
        var words = MadeUpWords(seed: 17)
        let everywhere = words.sentence(of: 24)
        let digest = (0..<6).map { _ in words.sentence(of: 24) }
        for pair in 0..<36 {
            let shared = words.sentence(of: 24)
            let quoted = pair < 6 ? "\n\n" + digest[pair] : ""
            try fixture.write("p\(pair)a.txt", "First hand, number \(pair).\n\n\(shared)\n\n\(everywhere)\(quoted)\n")
            try fixture.write("p\(pair)b.txt", "Second hand, item \(pair).\n\n\(everywhere)\n\n\(shared)\n")
        }
        try fixture.write("digest.txt", "The digest.\n\n" + digest.joined(separator: "\n\n") + "\n")
        let stored = try await ingestAlso(into: "stored-fingerprints") { $0.detectionLimits.preparedCandidates = false }
        let other = try ConcordService(indexPath: stored)
        let service = try fixture.service()
        let groups = try service.duplicates()
        #expect(groups.count >= 42)
        #expect(try other.duplicates() == groups)
        for document in ["digest-txt", "p0a-txt", "p0b-txt", "p5a-txt", "p35b-txt"] {
            #expect(try other.links(of: document) == service.links(of: document))
        }
    }

    @Test func linkRecordsReadBackFromTheIndexGiveWhatThoseKeptAtHandGive() async throws {
        // Detection keeps the link records it writes at hand for building groups, up to a limit; past it, it
        // reads them back. Both ways give the same groups and passage groups, over a first run and a second
        // that changes a copy, drops one and adds another.
        try await expectTheSameGroupsWithLimits(
            { $0.keptLinks = 0 }, into: "read-back", seed: 13, sentences: 42, copies: 20, keeping: 30, dropping: 5,
            taking: (1, 39), documents: ["a-digest-txt", "c3-txt", "c4-txt", "c19-txt"], atLeast: 1)
    }

    @Test func linksFoundInSmallSlicesAreThoseFoundInOne() async throws {
        // Detection finds links a slice of documents at a time, committing each slice's link records (the last
        // one's with the groups). In slices of five, a record added in one slice is rewritten in later ones (the
        // digest's copies), and a second run replaces and deletes records it did not add. Links, groups and
        // passage groups are those of one slice for all.
        try await expectTheSameGroupsWithLimits(
            { $0.linkBatch = 5 }, into: "small-slices", seed: 19, sentences: 30, copies: 14, keeping: 20, dropping: 7,
            taking: (1, 29), documents: ["a-digest-txt", "c0-txt", "c3-txt", "c8-txt", "c13-txt"], atLeast: 14, links: true)
    }

    @Test func wordsHeldInMemoryPastTheSpillsLimitAlignAsSpilledOnesDo() async throws {
        // The ingest writes each document's words for alignment to a spill file, up to a limit, and holds the
        // rest in memory (as it does when the file cannot be made or written). With room for a few documents,
        // some are read from each; links, groups and passage groups are those of a spill that holds them all.
        try await expectTheSameGroupsWithLimits(
            { $0.spillBytes = 4096 }, into: "spill-full", seed: 23, sentences: 30, copies: 14, keeping: 20,
            dropping: 7, taking: (1, 29), documents: ["a-digest-txt", "c0-txt", "c3-txt", "c13-txt"], atLeast: 14,
            links: true)
    }

    @Test func recordsRewrittenFromTheValuesAtHandHoldWhatThoseReadBackHold() async throws {
        // Detection rewrites the summary of each record whose groups change. A record this run wrote gets its
        // other values again from what the writer kept; one from before, from the index. Over a first run and a
        // second that changes a copy, drops one and adds another, every record holds the same values both ways
        // (its hash, id, path, date, sequence and summary, groups included). `z-m` shares one sentence with `b-x`
        // and another with `y`: the components of those two lie in different chunks (260 pairs sort between
        // them), committed one after the other, so its summary is rewritten, then read again and rewritten.
        var words = MadeUpWords(seed: 23)
        let sentences = (0..<24).map { _ in words.sentence(of: 24) }
        try writeDigest(sentences, copies: 11, as: "a-digest.md", header: "---\ntitle: The digest\ndate: 2021-03-04\n---\n\n")
        let (first, second) = (words.sentence(of: 24), words.sentence(of: 24))
        let between = (0..<3).map { _ in words.sentence(of: 24) }.joined(separator: "\n\n")
        try fixture.write("z-m.txt", "Two quotes.\n\n\(first)\n\n\(between)\n\n\(second)\n")
        try fixture.write("b-x.txt", "The first.\n\n\(first)\n")
        try fixture.write("y.txt", "The second.\n\n\(second)\n")
        for pair in 0..<260 {
            let shared = words.sentence(of: 24)
            try fixture.write("p\(pair)a.txt", "First hand, number \(pair).\n\n\(shared)\n")
            try fixture.write("p\(pair)b.txt", "Second hand, item \(pair).\n\n\(shared)\n")
        }
        /// Every record's values by document; the summary with its groups' document ids left out (they follow
        /// the order chunks of groups are built in, which varies from run to run).
        func values(_ path: String) throws -> (records: [String: [String]], grouped: Int) {
            let database = try Database(path: path)
            var records: [String: [String]] = [:]
            var grouped = 0
            for docid in try database.postings(for: RecordKind.document.term) {
                let document = try database.document(docid)
                records[try document.stringValue(ValueSlot.documentID.rawValue)] = try document.values().map { slot, value in
                    guard slot == ValueSlot.summary.rawValue else { return "\(slot): \(Hex.lowercase(value))" }
                    var summary = try RecordSummary(decoding: value)
                    for ordinal in summary.groups.keys { summary.groups[ordinal]?.document = 0 }
                    if !summary.groups.isEmpty { grouped += 1 }
                    return "\(slot): \(Hex.lowercase(summary.encoded()))"
                }
            }
            return (records, grouped)
        }
        func expectTheSame(_ readBack: String) throws {
            let ((atHand, grouped), (read, _)) = (try values(fixture.index), try values(readBack))
            #expect(grouped >= 20 && Set(atHand.keys) == Set(read.keys))
            let differing = atHand.keys.filter { atHand[$0] != read[$0] }.sorted()
            #expect(differing.isEmpty, "records whose values differ: \(differing)")
            #expect(try !fixture.service().duplicates().isEmpty)
        }
        func ingestBoth() async throws -> String {
            var options = IngestOptions(roots: [fixture.sources.path], prune: true, concurrency: 2)
            options.detectionLimits.commitWeight = 1
            return try await ingestAlso(into: "read-back-values", options: options) { $0.detectionLimits.valuesAtHand = false }
        }
        try expectTheSame(try await ingestBoth())
        try changeCopies(of: sentences, words: &words, keeping: 20, dropping: 5, adding: 11, taking: (1, 23))
        try expectTheSame(try await ingestBoth())
    }

    @Test func groupsCommittedWhileOthersAreStillBeingBuiltAreTheSame() async throws {
        // A component of 121 documents (built on all threads by itself) and 150 small ones: committed after
        // every chunk written (every link and group counted, or every byte), the commits come while other chunks are still being built, reading the index
        // through readers opened before them. The groups are those of a run that commits far less often.
        var words = MadeUpWords(seed: 17)
        var digest = "The digest.\n\n"
        for copy in 0..<120 {
            let sentence = words.sentence(of: 24)
            digest += sentence + "\n\n"
            try fixture.write("c\(copy).txt", "Copy number \(copy), from the digest.\n\n\(sentence)\n")
        }
        try fixture.write("a-digest.txt", digest)
        for pair in 0..<150 {
            let shared = words.sentence(of: 24)
            try fixture.write("p\(pair)a.txt", "Field notes, first hand, number \(pair).\n\n\(shared)\n")
            try fixture.write("p\(pair)b.txt", "A later summary, second hand, item \(pair).\n\n\(shared)\n")
        }
        let often = try await ingestAlso(into: "committed-often") { $0.detectionLimits.commitWeight = 1 }
        // The same when it is the bytes written that call for the commits.
        let byBytes = try await ingestAlso(into: "committed-by-bytes") { $0.detectionLimits.commitBytes = 1 }
        let groups = try fixture.service().duplicates()
        #expect(groups.count == 270)
        #expect(try ConcordService(indexPath: often).duplicates() == groups)
        #expect(try ConcordService(indexPath: byBytes).duplicates() == groups)
    }

    @Test func changedFileReplacesItsPassages() async throws {
        try fixture.write(
            "a.txt",
            "Aardvarks dig their burrows at night, far from the farms, and sleep in them all through the day.\n\n"
                + "Aardvarks eat termites and ants, which they find by smell and dig out with their strong claws.\n\n"
                + "A third aardvark note, long enough to stand as a passage of its own among the other two.\n")
        try fixture.write("b.txt", "Unrelated notes on otters.\n")
        _ = try await fixture.ingest()
        #expect(try fixture.passages(matching: "aardvark").count == 3)
        let before = try fixture.service().stats().passages

        try fixture.write("a.txt", "Zebras graze on the open plain.\n")
        let summary = try await fixture.ingest()
        #expect(summary.updated == 1 && summary.unchanged == 1 && summary.added == 0)
        #expect(try fixture.passages(matching: "aardvark").isEmpty)
        #expect(try fixture.passages(matching: "zebra") == ["a-txt.p0"])
        let document = try fixture.service().document("a-txt")
        #expect(document.passages.map(\.text) == ["Zebras graze on the open plain."])
        #expect(try fixture.service().stats().passages == before - 2)
        #expect(summary.passages == before - 2)
        // Passages are found by their place after their record's first: the new one, and not the old ones.
        #expect(try fixture.service().passage("a-txt.p0").text == "Zebras graze on the open plain.")
        #expect(try fixture.service().passage("b-txt.p0").text == "Unrelated notes on otters.")
        for missing in ["a-txt.p1", "a-txt.p2", "a-txt.p01", "a-txt.p+0", "a-txt.p-1", "nothing-txt.p0", "a-txt"] {
            #expect(throws: ConcordError.self, "\(missing)") { try fixture.service().passage(missing) }
        }
    }

    /// A document's text rides on its first passage's Xapian document, not on the record that duplicate
    /// detection rewrites: it goes and comes back with the passages when the file changes, and goes with them
    /// when the file is pruned.
    @Test func theTextRidesOnTheFirstPassageAndGoesWithThePassages() async throws {
        try fixture.write("a.txt", "Notes on aardvarks, which dig their burrows at night.\n\nAnd sleep all day.\n")
        try fixture.write("b.txt", "Notes on otters, which swim in cold rivers.\n")
        try fixture.write("c.txt", "Notes on lemurs, which live on one island only.\n")
        _ = try await fixture.ingest()
        func texts() throws -> [String: String] {
            let database = try Database(path: fixture.index)
            var texts: [String: String] = [:]
            for id in ["a-txt", "b-txt", "c-txt"] {
                guard let record = try database.postings(for: Prefix.documentID + id).first else { continue }
                let summary = try RecordSummary.load(record: record, from: database)
                #expect(summary.passageBase > 0)
                #expect(try database.document(record).value(ValueSlot.text.rawValue).isEmpty, "the text on the record")
                let text = try database.document(summary.passageBase).value(ValueSlot.text.rawValue)
                #expect(try DocumentRecord.load(id, from: database, passages: false)?.text == String(decoding: text, as: UTF8.self))
                texts[id] = String(decoding: text, as: UTF8.self)
            }
            return texts
        }
        #expect(try texts().count == 3)

        try fixture.write("a.txt", "Zebras graze on the open plain.\n")
        try fixture.remove("c.txt")
        let summary = try await fixture.ingest(prune: true)
        #expect(summary.updated == 1 && summary.removed == 1)
        #expect(try texts() == [
            "a-txt": "Zebras graze on the open plain.\n", "b-txt": "Notes on otters, which swim in cold rivers.\n",
        ])
    }

    /// Over a database combining two indexes (Xapian numbers their documents in turn), a record's text is found
    /// on its own first passage, as searches find passages, not at the passage's id within its index.
    @Test func theTextOfARecordInTheSecondOfTwoCombinedIndexesIsItsOwn() async throws {
        try fixture.write("a.txt", "Notes on aardvarks, which dig their burrows at night.\n")
        _ = try await fixture.ingest()
        try fixture.remove("a.txt")
        try fixture.write("b.txt", "Notes on otters, which swim in cold rivers.\n\nAnd eat fish.\n")
        let second = fixture.folder.path("second")
        let options = IngestOptions(roots: [fixture.sources.path], concurrency: 2)
        _ = try await Ingester(indexPath: second, options: options).run { _ in }
        let combined = try Database.combining([try Database(path: fixture.index), try Database(path: second)])
        #expect(try DocumentRecord.load("a-txt", from: combined)?.text == "Notes on aardvarks, which dig their burrows at night.\n")
        #expect(try DocumentRecord.load("b-txt", from: combined)?.text == "Notes on otters, which swim in cold rivers.\n\nAnd eat fish.\n")
    }

    @Test func editedSidecarUpdatesTheDocument() async throws {
        try fixture.write("a.txt", "Notes on the migration of eels.\n")
        _ = try await fixture.ingest()
        #expect(try fixture.service().document("a-txt").metadata.title == nil)

        try fixture.write("a.txt.meta.json", #"{"title": "Eel Migration", "issued": {"date-parts": [[2021, 4]]}}"#)
        let summary = try await fixture.ingest()
        #expect(summary.updated == 1 && summary.unchanged == 0)
        let document = try fixture.service().document("a-txt")
        #expect(document.metadata.title == "Eel Migration")
        #expect(document.metadata.issued == DateParts(year: 2021, month: 4))
        #expect(try fixture.passages(matching: "title:eel").count == 1)
        #expect(try fixture.passages(matching: "eels date:2021-01-01..2021-12-31").count == 1)

        try fixture.write("a.txt.meta.json", #"{"title": "Eel Migration, Revised"}"#)
        #expect(try await fixture.ingest().updated == 1)
        #expect(try fixture.service().document("a-txt").metadata.title == "Eel Migration, Revised")
    }

    @Test func pruneRemovesDeletedFilesAndTheirGroups() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        try fixture.copyExample(ExampleCorpus.fileNames[1])
        let first = try await fixture.ingest()
        #expect(first.groups > 0)

        try fixture.remove(ExampleCorpus.fileNames[1])
        let kept = try await fixture.ingest()
        #expect(kept.removed == 0 && kept.unchanged == 1)
        #expect(try fixture.service().stats().documents == 2, "without --prune the document stays")

        let events = IngestEvents()
        let pruned = try await fixture.ingest(prune: true, events: events)
        #expect(pruned.removed == 1)
        #expect(events.removed == [ExampleIDs.republication])
        #expect(pruned.groups == 0)
        let service = try fixture.service()
        let stats = try service.stats()
        #expect(stats.documents == 1 && stats.groups == 0)
        #expect(stats.passages == (try service.document(ExampleIDs.memo).passages.count))
        #expect(throws: ConcordError.self) { try service.document(ExampleIDs.republication) }
        #expect(try fixture.passages(matching: "doc:\(ExampleIDs.republication)").isEmpty)
        #expect(try service.duplicates().isEmpty)
        #expect(try service.document(ExampleIDs.memo).passages.allSatisfy { $0.group == nil })
        let hits = try service.search(SearchRequest(query: "Taiwan Strait", limit: 50)).hits
        #expect(!hits.isEmpty && hits.allSatisfy { $0.duplicates.isEmpty && $0.document.id == ExampleIDs.memo })
    }

    @Test func prunedFileGivenDirectlyIsRemoved() async throws {
        let file = try fixture.write("single.txt", "A lone file about lemurs.\n")
        let options = IngestOptions(roots: [file.path], prune: true, concurrency: 2)
        _ = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        #expect(try fixture.service().stats().documents == 1)
        try FileManager.default.removeItem(at: file)
        let summary = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        #expect(summary.removed == 1)
        #expect(try fixture.service().stats().documents == 0)
    }

    /// Words are stemmed in their document's language, and a query is parsed in each language the index holds:
    /// a French or German word whose English stem differs still finds its document, with no "did you mean".
    @Test func wordsAreFoundInTheLanguageOfTheirDocument() async throws {
        try fixture.write("fr.txt", "L'OTAN a commencé à signaler son inquiétude croissante face à la Chine et à son partenariat avec la Russie.\n")
        try fixture.write("de.txt", "Die NATO hat begonnen, ihre wachsende Sorge über China und seine Partnerschaft mit Russland zu zeigen.\n")
        try fixture.write("en.txt", "NATO has begun to signal its growing worry about China and its partnership with Russia.\n")
        _ = try await fixture.ingest()
        let service = try fixture.service()
        #expect(Set(try service.stats().languages.keys) == ["en", "fr", "de"])
        for (query, document) in [("croissante", "fr-txt"), ("Chine", "fr-txt"), ("zeigen", "de-txt"), ("growing", "en-txt")] {
            let results = try service.search(SearchRequest(query: query, limit: 10))
            #expect(results.hits.map(\.document.id) == [document], "\(query)")
            #expect(results.suggestion == nil, "\(query)")
        }
        #expect(Set(try service.search(SearchRequest(query: "Russia OR Russie OR Russland", limit: 10)).hits.map(\.document.id))
            == ["fr-txt", "de-txt", "en-txt"])
    }

    /// A file deleted after the walk found it, before it is read, is reported and skipped; the run goes on, and
    /// the document an earlier run indexed from it stays.
    @Test func fileDeletedDuringTheRunIsReportedAndLosesNothing() async throws {
        let doomed = try fixture.write("doomed.txt", "A file about herons, soon deleted.\n")
        try fixture.write("kept.txt", "A file about egrets, kept.\n")
        _ = try await fixture.ingest()
        try fixture.write("doomed.txt", "A file about herons, changed and then deleted.\n")
        try fixture.write("new.txt", "A new file about ibises.\n")

        let events = IngestEvents()
        let options = IngestOptions(roots: [fixture.sources.path], concurrency: 2)
        let summary = try await Ingester(indexPath: fixture.index, options: options).run { event in
            // Reported once the walk is done and before any file is read.
            if case .discovered = event { try? FileManager.default.removeItem(at: doomed) }
            events.record(event)
        }
        #expect(events.failures.map(\.path) == [doomed.path])
        #expect(events.failures.first?.reason == "no such file")
        #expect(summary.failed == 1 && summary.added == 1 && summary.unchanged == 1)
        #expect(try fixture.service().stats().documents == 3)
        #expect(try fixture.passages(matching: "herons").count == 1, "the earlier document stays")
        #expect(try fixture.passages(matching: "ibises").count == 1)
    }

    /// Only a file that is surely gone is pruned: one in a folder that may not be read is kept.
    @Test func pruneKeepsFilesThatCannotBeLookedAt() async throws {
        try fixture.write("open/a.txt", "A file about otters, in a folder anyone may read.\n")
        try fixture.write("closed/b.txt", "A file about beavers, in a folder soon closed.\n")
        _ = try await fixture.ingest()
        let closed = fixture.sources.appendingPathComponent("closed")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: closed.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: closed.path) }
        #expect(!IndexWriter.isGone(closed.appendingPathComponent("b.txt").path))
        #expect(IndexWriter.isGone(closed.appendingPathComponent("c.txt").path) == (getuid() == 0))
        #expect(IndexWriter.isGone(fixture.sources.appendingPathComponent("open/a.txt/x").path))
        // A path the system refuses to look up (here, too long) is not known to be gone.
        #expect(!IndexWriter.isGone(fixture.sources.path + "/" + String(repeating: "n", count: 5000)))
        let summary = try await fixture.ingest(prune: true)
        #expect(summary.removed == 0)
        #expect(try fixture.service().stats().documents == 2)
    }

    @Test func misspelledQueriesGetTheWordsOfAtLeastTwoDocuments() async throws {
        try fixture.write("a.txt", "Notes on the aardvark and its burrows, dug at night.\n")
        try fixture.write("b.txt", "The aardvark eats termites.\n")
        try fixture.write("c.txt", "A recipe from the brewing trade, on zymurgy alone.\n")
        // A batch per document: the spelling table learns a word from documents committed apart.
        let options = IngestOptions(roots: [fixture.sources.path], concurrency: 2, batchBytes: 1)
        _ = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        let service = try fixture.service()
        #expect(try service.search(SearchRequest(query: "aardvak")).suggestion == "aardvark")
        // A word one document holds is more often a name or a typing error than a word to suggest.
        #expect(try service.search(SearchRequest(query: "zymurgu")).suggestion == nil)

        // A later run adds to what the table holds: the word a second document brings is suggested then.
        try fixture.write("d.txt", "Zymurgy is the study of fermentation.\n")
        _ = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        #expect(try fixture.service().search(SearchRequest(query: "zymurgu")).suggestion == "zymurgy")
    }

    @Test func aRunStoppedBeforeItsEndIsGoneOnFromToTheSpellingsOfAnUninterruptedOne() async throws {
        let texts = [
            "a.txt": "Notes on the aardvark and its burrows, dug at night, and on zymurgies.\n",
            "b.txt": "The aardvark eats termites, and the wombat does not.\n",
            "c.txt": "A short history of zymurgy, and a wombat.\n",
        ]
        for name in ["a.txt", "b.txt"] { try fixture.write(name, texts[name] ?? "") }
        try stoppedRun(of: ["a.txt", "b.txt"])
        let stopped = try fixture.service()
        #expect(try stopped.stats().documents == 2)
        #expect(try stopped.search(SearchRequest(query: "aardvak")).suggestion == nil)
        let left = try Database(path: fixture.index)
        #expect(try left.metadata(MetadataKey.spellingPending + "0").contains("aardvark\t"))
        #expect(try left.metadata(MetadataKey.spellingCounts + "1").contains("wombat\t1"))
        #expect(try left.metadata(MetadataKey.spellingIndexedBefore) == "0")

        // The next run finds those two unchanged and adds the third: it writes what the stopped one counted, and
        // counts on from there, as one run over all three would. "wombat" is in two documents, one of each run.
        // "zymurgy" is in one, as "zymurgies" is: one run over all three looks neither up by its stem, as the
        // index held nothing before it, and so neither may this one.
        try fixture.write("c.txt", texts["c.txt"] ?? "")
        let summary = try await fixture.ingest()
        #expect(summary.unchanged == 2 && summary.added == 1, "\(summary)")
        let whole = try IngestFixture()
        for (name, text) in texts { try whole.write(name, text) }
        _ = try await whole.ingest()
        for query in ["aardvak", "wombet", "zymurgu", "zymurgis"] {
            let resumed = try fixture.service().search(SearchRequest(query: query)).suggestion
            #expect(resumed == (try whole.service().search(SearchRequest(query: query)).suggestion), "\(query)")
        }
        #expect(try fixture.service().search(SearchRequest(query: "aardvak")).suggestion == "aardvark")
        #expect(try fixture.service().search(SearchRequest(query: "wombet")).suggestion == "wombat")
        #expect(try fixture.service().search(SearchRequest(query: "zymurgu")).suggestion == nil)
        let ended = try Database(path: fixture.index)
        for batch in 0..<3 {
            #expect(try ended.metadata(MetadataKey.spellingPending + String(batch)).isEmpty)
            #expect(try ended.metadata(MetadataKey.spellingCounts + String(batch)).isEmpty)
        }
        #expect(try ended.metadata(MetadataKey.spellingIndexedBefore).isEmpty)
    }

    @Test func aStoppedRunRecordsTheCountsItsLookupsGave() async throws {
        // Before the run, the index holds "zymurgies"; the run's one document with "zymurgy" is found by the stem
        // they share, and counted as a word of two documents.
        try fixture.write("x.txt", "A survey of zymurgies.\n")
        _ = try await fixture.ingest()
        try fixture.write("a.txt", "A short history of zymurgy.\n")
        try stoppedRun(of: ["a.txt"])
        let left = try Database(path: fixture.index)
        #expect(try left.metadata(MetadataKey.spellingIndexedBefore) == "1")
        #expect(try left.metadata(MetadataKey.spellingCounts + "0").contains("zymurgy\t2\n"))
        #expect(try left.metadata(MetadataKey.spellingPending + "0").contains("zymurgy\t2\n"))
    }

    /// A run over the files `names` of `sources/` that commits each document in a batch of its own and stops
    /// before the spelling table is written, as a kill would.
    private func stoppedRun(of names: [String]) throws {
        let database = try IndexWriter.open(fixture.index)
        let writer = try IndexWriter(database: database, path: fixture.index, minWords: 8)
        let registry = ReaderRegistry()
        let preparer = DocumentPreparer(registry: registry)
        var batch = IndexWriter.Batch()
        for file in FileWalker(registry: registry).files(under: [fixture.sources]).files
        where names.contains(file.url.lastPathComponent) {
            try writer.add(try preparer.build(file, hash: try preparer.contentHash(of: file)), to: &batch)
            try writer.commit(&batch)
        }
    }

    @Test func sameFileGivenTwiceIsOneDocument() async throws {
        try fixture.write("a.txt", "Notes on the nesting of puffins.\n")
        let options = IngestOptions(roots: [fixture.sources.path, fixture.sources.path + "/a.txt"], concurrency: 2)
        let summary = try await Ingester(indexPath: fixture.index, options: options).run { _ in }
        #expect(summary.added == 1, "\(summary)")
        #expect(try fixture.service().stats().documents == 1)
        #expect(try fixture.passages(matching: "puffins").count == 1)
    }

    // MARK: - Duplicates, incrementally

    @Test func duplicatesAppearAndVanishAsDocumentsComeAndChange() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        let alone = try await fixture.ingest()
        #expect(alone.added == 1 && alone.groups == 0)

        try fixture.copyExample(ExampleCorpus.fileNames[1])
        let both = try await fixture.ingest()
        #expect(both.added == 1 && both.unchanged == 1)
        #expect(both.groups > 0)
        let groups = try fixture.service().duplicates()
        #expect(groups.count == both.groups)
        #expect(groups.allSatisfy { $0.original == ExampleIDs.memo && $0.members.first?.document == ExampleIDs.memo })
        #expect(groups.allSatisfy { $0.members.filter(\.original).count == 1 })
        // The same groups as both documents ingested in one run.
        let fresh = try IngestFixture()
        try fresh.copyExample(ExampleCorpus.fileNames[0])
        try fresh.copyExample(ExampleCorpus.fileNames[1])
        _ = try await fresh.ingest()
        #expect(try fresh.service().duplicates() == groups)

        try fixture.write(ExampleCorpus.fileNames[1], "Something else entirely: a note on the breeding of alpacas.\n")
        let replaced = try await fixture.ingest()
        #expect(replaced.updated == 1)
        #expect(replaced.groups == 0)
        let service = try fixture.service()
        #expect(try service.duplicates().isEmpty)
        #expect(try service.document(ExampleIDs.memo).passages.allSatisfy { $0.group == nil })
        let hits = try service.search(SearchRequest(query: "Taiwan Strait", limit: 50)).hits
        #expect(hits.allSatisfy { $0.duplicates.isEmpty })
    }

    @Test func linksBetweenDocumentsIngestedTogetherAreStoredOnce() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        try fixture.copyExample(ExampleCorpus.fileNames[1])
        _ = try await fixture.ingest()
        let service = try fixture.service()
        let memo = try service.links(of: ExampleIDs.memo)
        let copy = try service.links(of: ExampleIDs.republication)
        #expect(!memo.isEmpty)
        #expect(Set(memo).count == memo.count, "a link stored twice")
        // Each link has its mirror on the other side, and nothing else.
        let mirrored = copy.map {
            DuplicateLink(
                span: $0.otherSpan, words: $0.otherWords, other: ExampleIDs.republication, otherSpan: $0.span,
                otherWords: $0.words, matched: $0.matched)
        }
        #expect(Set(mirrored) == Set(memo))
        #expect(mirrored.count == memo.count)
        #expect(memo.allSatisfy { $0.other == ExampleIDs.republication })
    }

    @Test func theEarliestIssuedDateMakesTheOriginal() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        try fixture.copyExample(ExampleCorpus.fileNames[1])
        try dated(ExampleCorpus.fileNames[0], [2024, 6, 10])
        try dated(ExampleCorpus.fileNames[1], [2024, 5, 30])
        _ = try await fixture.ingest()
        let groups = try fixture.service().duplicates()
        #expect(!groups.isEmpty)
        #expect(groups.allSatisfy { $0.original == ExampleIDs.republication })
        #expect(groups.allSatisfy { $0.members.first?.document == ExampleIDs.republication && $0.members.first?.original == true })
        let cited = try fixture.service().cite(CiteRequest(quote: "where NATO goes, war is most likely", style: .apa))
        #expect(cited.original?.document == ExampleIDs.republication)
    }

    @Test func aDateAddedLaterMovesTheOriginal() async throws {
        try fixture.copyExample(ExampleCorpus.fileNames[0])
        try fixture.copyExample(ExampleCorpus.fileNames[1])
        _ = try await fixture.ingest()
        #expect(try fixture.service().duplicates().allSatisfy { $0.original == ExampleIDs.memo })

        try dated(ExampleCorpus.fileNames[1], [2024, 5, 30])
        let summary = try await fixture.ingest()
        #expect(summary.updated == 1)
        let groups = try fixture.service().duplicates()
        #expect(groups.count == summary.groups && !groups.isEmpty)
        #expect(groups.allSatisfy { $0.original == ExampleIDs.republication })
    }

    /// Adds `issued` to the sidecar of the example document `name` in the fixture.
    private func dated(_ name: String, _ parts: [Int]) throws {
        let url = fixture.sources.appendingPathComponent(name + ".meta.json")
        var sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        sidecar["issued"] = ["date-parts": [parts]]
        try JSONSerialization.data(withJSONObject: sidecar, options: [.sortedKeys]).write(to: url)
    }
}
