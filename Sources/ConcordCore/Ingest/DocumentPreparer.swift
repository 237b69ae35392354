import ConcordBase
import ConcordText
import Crypto
import Foundation
internal import Xapian

/// A document ready for the writer: its record and its Xapian documents, built off the writer's thread.
///
/// `@unchecked Sendable`: the Xapian documents inside are created by the preparing task and then handed over
/// whole to the writer; no two tasks ever touch them at once.
struct PreparedDocument: @unchecked Sendable {
    var file: SourceFile
    /// The content hash (`DocumentPreparer.contentHash`).
    var hash: String
    var path: String
    /// The bytes of extracted text.
    var textBytes: Int
    /// The passages' Xapian documents, in passage order.
    var passages: [Document]
    var recordDocument: Document
    /// The distinct words of the body text, lowercased, for the spelling table (`SpellingWords`).
    var spellingWords: [String]
    /// The stemmer its words were indexed with (`IndexSchema.stemmer(forLanguage:)`).
    var stemmer: String
    /// Its words as duplicate detection aligns them, read here once rather than again from the index.
    var aligned: PreparedWords
}

/// Where a prepared document's words for duplicate detection are (`AlignedDocument`).
enum PreparedWords: Sendable {
    /// Written to the ingest's spill file (`AlignedSpill`).
    case spilled(AlignedSpill.Location)
    /// Held in memory: there is no spill, or writing to it failed.
    case held(AlignedDocument)
}

/// What preparing one file gave.
enum PrepareOutcome: Sendable {
    case prepared(PreparedDocument)
    /// The content hash matches the index: nothing to do.
    case unchanged(SourceFile)
    case failed(SourceFile, reason: String)
}

/// Reads, extracts, normalizes and segments one file and builds its Xapian documents. Pure with respect to the
/// index: many run in parallel while one writer feeds Xapian.
struct DocumentPreparer: Sendable {
    var registry: ReaderRegistry
    var segmenter = Segmenter()
    var tokenizer = WordTokenizer()
    var fingerprinter = Fingerprinter()
    /// Where the words for duplicate detection go, when not kept in memory.
    var spill: AlignedSpill?

    /// Prepares `file`, or reports it unchanged when its content hash is `knownHash`.
    func prepare(_ file: SourceFile, knownHash: String?) -> PrepareOutcome {
        do {
            // Read once: hashed with the file, then decoded if the file is to be indexed.
            let sidecar = Sidecar.read(for: file.url)
            let hash = try contentHash(of: file, sidecar: sidecar)
            if hash == knownHash { return .unchanged(file) }
            return .prepared(try build(file, hash: hash, sidecar: sidecar))
        } catch let error as ReadError {
            return .failed(file, reason: error.description)
        } catch {
            return .failed(file, reason: "\(error)")
        }
    }

    /// SHA-256 over the file and its sidecar (`sidecar`, as read; read here when not given), so editing either
    /// re-ingests the document.
    func contentHash(of file: SourceFile, sidecar: Sidecar.Read? = nil) throws -> String {
        var hasher = SHA256()
        // PDFs are text extracted, not read whole, so the text readers' size limit is not theirs.
        let limit = registry.format(of: file.url) == .pdf ? Int.max : registry.sizeLimit
        try FileInput.forEachChunk(of: file.url, limit: limit) { hasher.update(bufferPointer: $0) }
        // A sidecar that cannot be read is left out; building the document then reports why.
        if case .success(let sidecar?) = sidecar ?? Sidecar.read(for: file.url) {
            hasher.update(data: Data("\u{0}sidecar\u{0}".utf8))
            hasher.update(data: sidecar)
        }
        return Hex.lowercase(hasher.finalize())
    }

    /// Builds `file`'s document; `sidecar` as read (read here when not given).
    func build(_ file: SourceFile, hash: String, sidecar read: Sidecar.Read? = nil) throws -> PreparedDocument {
        let extracted = try registry.read(file.url)
        let sidecar = try Sidecar.metadata(read ?? Sidecar.read(for: file.url), for: file.url)
        let text = ScalarText(extracted.text)
        let lineIndex = LineIndex(text)
        let (blocks, drafts) = segmenter.segmentation(of: text, hints: extracted.hints)
        guard !drafts.isEmpty else { throw ReadError(.empty, "no text to index") }
        let metadata = (sidecar ?? CitationMetadata())
            .filling(from: extracted.metadata)
            .filling(from: MetadataHeuristics.metadata(text: text, blocks: blocks))
        let language = metadata.language.map { String($0.lowercased().prefix(2)) }
            ?? LanguageGuess.detect(extracted.text)
        let boilerplate = blocks.filter { $0.kind == .boilerplate }.map(\.span)

        var passages: [Passage] = []
        passages.reserveCapacity(drafts.count)
        for draft in drafts {
            passages.append(Passage(
                id: Passage.id(document: file.documentID, ordinal: draft.ordinal), document: file.documentID,
                span: draft.span, lines: lineIndex.lines(of: draft.span), text: text[draft.span],
                heading: draft.headingPath, group: nil, paragraph: draft.paragraph, kind: draft.kind.rawValue))
        }

        let record = DocumentRecord(
            id: file.documentID, path: file.url.path, relativePath: file.relativePath, format: extracted.format,
            hash: hash, metadata: metadata, language: language, sequence: 0, bytes: file.bytes,
            text: extracted.text, passages: passages, boilerplate: boilerplate)

        let fields = IndexedFields(metadata: metadata)
        let summary = HitDocument(id: file.documentID, metadata: metadata)
        // A passage's document: the passage as a value (`ValueSlot.passage`), found by its place after its
        // record's first passage (`RecordSummary.passageBase`), and no term (`RecordKind`). Passages
        // carry no text terms: the record indexes the whole text once, and a search finds a document's passages
        // through the positions of its terms (`PassagePositions`).
        var built: [Document] = []
        built.reserveCapacity(passages.count)
        for (ordinal, passage) in passages.enumerated() {
            let document = try Document()
            try document.setValue(StoredPassage.encode(passage, ordinal: ordinal), slot: ValueSlot.passage.rawValue)
            built.append(document)
        }

        // The record holds the whole text (paragraphs; boilerplate neither matches nor ranks), so searches rank
        // documents by BM25 over all of it, then find passages by where the matched terms stand.
        let recordDocument = try Document()
        let stemmer = IndexSchema.stemmer(forLanguage: language)
        let generator = try TermGenerator(language: stemmer)
        try generator.setStemmingStrategy(IndexSchema.stemming)
        try generator.setCJKNGrams(true)
        if language == "en" { try generator.setStopWords(IndexSchema.englishStopWords) }
        try generator.setDocument(recordDocument)
        var positions = PassagePositions()
        var spellingWords = SpellingWords()
        for draft in drafts where draft.kind == .paragraph {
            let normalized = draft.normalized.text
            positions.append(ordinal: draft.ordinal, start: generator.termPosition + 1)
            try generator.indexText(normalized)
            // A gap, so a phrase never matches across two passages.
            try generator.increaseTermPosition(by: PassagePositions.gap)
            spellingWords.collect(normalized)
        }
        try fields.index(with: generator)
        // Fingerprints of the document's words (boilerplate left out), for duplicate candidates; the words are
        // kept for aligning the document with them.
        let words = tokenizer.words(in: text, skipping: boilerplate)
        let fingerprints = fingerprinter.fingerprints(of: words)
        let aligned = AlignedDocument(prepared: words, fingerprints: fingerprints)
        try recordDocument.setValue(Fingerprint.packed(fingerprints), slot: ValueSlot.fingerprints.rawValue)
        try recordDocument.addBooleanTerm(Prefix.documentID + file.documentID)
        try recordDocument.addBooleanTerm(Prefix.document + file.documentID)
        try recordDocument.addBooleanTerm(RecordKind.document.term)
        try recordDocument.addBooleanTerm(Prefix.language + language)
        try recordDocument.setValue(hash, slot: ValueSlot.contentHash.rawValue)
        try recordDocument.setValue(file.documentID, slot: ValueSlot.documentID.rawValue)
        try recordDocument.setValue(file.url.path, slot: ValueSlot.path.rawValue)
        try recordDocument.setValue(
            RecordSummary(id: file.documentID, source: summary, passageCount: passages.count, positions: positions).encoded(),
            slot: ValueSlot.summary.rawValue)
        if let issued = fields.issuedValue { try recordDocument.setValue(issued, slot: ValueSlot.issued.rawValue) }
        // Encoded here, in parallel, not by the writer; the sequence comes from the writer (a value slot).
        let stored = try record.stored()
        try recordDocument.setData(stored.data)
        try (built.first ?? recordDocument).setValue(stored.text, slot: ValueSlot.text.rawValue)

        return PreparedDocument(
            file: file, hash: hash, path: file.url.path, textBytes: extracted.text.utf8.count, passages: built,
            recordDocument: recordDocument, spellingWords: spellingWords.words, stemmer: stemmer,
            aligned: spill?.store(aligned).map(PreparedWords.spilled) ?? .held(aligned))
    }
}

/// The distinct words of a document worth suggesting as spellings: letters only, 2 to 24 of them, lowercased.
///
/// Each word is compared as bytes in a table of its own, so the many repeats of a word cost neither a `String`
/// nor hashing one (a `Set<String>` of every word was the most costly step of preparing a document that
/// concord does itself).
struct SpellingWords {
    private struct Entry {
        var start: Int
        var count: Int
        var hash: UInt32
        var ascii: Bool
    }

    /// The distinct words' bytes, one after the other.
    private var storage: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing: an entry's index plus one, or 0 for a free slot; at most half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    // The word being read.
    private var word: [UInt8] = []
    private var ascii = true
    private var letters = 0

    /// Adds the words of `text`.
    mutating func collect(_ text: String) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (0x61...0x7A).contains(value) {
                    word.append(UInt8(value))
                    letters += 1
                } else if (0x41...0x5A).contains(value) {
                    word.append(UInt8(value + 32))
                    letters += 1
                } else {
                    endWord()
                }
            } else if scalar.properties.isAlphabetic && !Highlighter.isIdeograph(scalar) {
                word.append(contentsOf: String(scalar).utf8)
                ascii = false
                letters += 1
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// The distinct words collected; those with letters beyond ASCII lowercased (ASCII ones already are).
    var words: [String] {
        var result: [String] = []
        result.reserveCapacity(entries.count)
        var lowered: [String] = []
        for entry in entries {
            let text = String(decoding: storage[entry.start..<(entry.start + entry.count)], as: UTF8.self)
            if entry.ascii { result.append(text) } else { lowered.append(text.lowercased()) }
        }
        // Lowercasing can make two words one, and even an ASCII one (the Kelvin sign's "K").
        return lowered.isEmpty ? result : Array(Set(result).union(lowered))
    }

    private mutating func endWord() {
        defer {
            word.removeAll(keepingCapacity: true)
            ascii = true
            letters = 0
        }
        guard letters >= 2 && letters <= 24 else { return }
        let hash = word.fnv1a32
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while slots[index] != 0 {
            let entry = entries[Int(slots[index]) - 1]
            if entry.hash == hash && entry.count == word.count
                && storage[entry.start..<(entry.start + entry.count)].elementsEqual(word)
            {
                return
            }
            index = (index + 1) & mask
        }
        entries.append(Entry(start: storage.count, count: word.count, hash: hash, ascii: ascii))
        storage.append(contentsOf: word)
        slots[index] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
    }

    /// Doubles the table and places every entry again.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, entry) in entries.enumerated() {
            var index = Int(entry.hash) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = Int32(number + 1)
        }
    }
}

/// The metadata fields indexed on every document record, so `title:`, `author:`, `source:` and `date:` filter them.
struct IndexedFields {
    var title: String?
    var authors: [String]
    var source: String?
    /// YYYYMMDD, missing month or day as 01 (for range filtering only; never shown).
    var issuedValue: String?

    init(metadata: CitationMetadata) {
        title = metadata.title
        authors = metadata.author.map { [$0.literal, $0.given, $0.family].compactMap { $0 }.joined(separator: " ") }
        source = [metadata.containerTitle, metadata.publisher].compactMap { $0 }.joined(separator: " ")
        if source?.isEmpty == true { source = nil }
        if let year = metadata.issued?.year, (1...9999).contains(year) {
            let month = min(max(metadata.issued?.month ?? 1, 1), 12)
            let day = min(max(metadata.issued?.day ?? 1, 1), 31)
            issuedValue = String(format: "%04d%02d%02d", year, month, day)
        }
    }

    func index(with generator: TermGenerator) throws {
        if let title {
            try generator.indexText(title, prefix: Prefix.title, positions: false)
            try generator.indexText(title, wdfIncrement: IndexSchema.titleWeight, positions: false)
        }
        for author in authors { try generator.indexText(author, prefix: Prefix.author, positions: false) }
        if let source { try generator.indexText(source, prefix: Prefix.source, positions: false) }
    }
}
