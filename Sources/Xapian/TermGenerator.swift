internal import CXapian

/// How stemmed terms are generated (Xapian's stem_strategy).
public enum StemmingStrategy: Sendable {
    /// No stemming.
    case none
    /// Stemmed terms, prefixed with Z, beside unstemmed ones (Xapian's default): phrases use the unstemmed.
    case some
    /// Only stemmed terms, without Z.
    case all
    /// Only stemmed terms, with Z.
    case allZ

    var raw: cx_stem_strategy {
        switch self {
        case .none: CX_STEM_NONE
        case .some: CX_STEM_SOME
        case .all: CX_STEM_ALL
        case .allZ: CX_STEM_ALL_Z
        }
    }
}

/// Turns text into terms of a document: words, stems, positions, CJK n-grams and spelling data.
public final class TermGenerator {
    let pointer: OpaquePointer
    // Kept so the document outlives its use by the generator.
    private var document: Document?

    /// A generator stemming for `language` (a name such as "english" or an ISO code such as "en"; "none" or
    /// "" for no stemming).
    ///
    /// - Throws: `.invalidArgument` for a language Xapian has no stemmer for.
    public init(language: String = "english") throws(XapianError) {
        pointer = try handle(try checked { cx_termgen_new($0) })
        try setLanguage(language)
    }

    deinit {
        cx_termgen_free(pointer)
    }

    /// Stems for `language` from now on.
    public func setLanguage(_ language: String) throws(XapianError) {
        _ = try checked { cx_termgen_set_stemmer(pointer, language, $0) }
    }

    /// Sets how stemmed terms are generated.
    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws(XapianError) {
        _ = try checked { cx_termgen_set_stemming_strategy(pointer, strategy.raw, $0) }
    }

    /// Sets the stop words, which are not stemmed (an empty list stops nothing).
    public func setStopWords(_ words: some Sequence<String>) throws(XapianError) {
        _ = try withByteList(words) { list, count throws(XapianError) in
            try checked { cx_termgen_set_stop_words(pointer, list, count, $0) }
        }
    }

    /// Turns Xapian's CJK n-gram mode on or off: Chinese, Japanese and Korean text becomes overlapping
    /// one- and two-character terms, so it is found without a word segmenter.
    public func setCJKNGrams(_ on: Bool) throws(XapianError) {
        _ = try checked { cx_termgen_set_cjk_ngram(pointer, on, $0) }
    }

    /// Records spelling data for the words indexed from now on into `database` (nil stops).
    public func setSpellingDatabase(_ database: WritableDatabase?) throws(XapianError) {
        _ = try checked { cx_termgen_set_spelling_database(pointer, database?.pointer, $0) }
    }

    /// Indexes into `document` from now on, restarting term positions.
    public func setDocument(_ document: Document) throws(XapianError) {
        _ = try checked { cx_termgen_set_document(pointer, document.pointer, $0) }
        self.document = document
    }

    /// Indexes `text` into the current document.
    ///
    /// - Parameters:
    ///   - wdfIncrement: how much each occurrence counts (a weight for fields such as titles).
    ///   - prefix: the field's term prefix ("" for body text).
    ///   - positions: whether to record term positions (needed for phrase queries).
    public func indexText(_ text: String, wdfIncrement: Int = 1, prefix: String = "", positions: Bool = true)
        throws(XapianError)
    {
        _ = try withBytes(text) { textBytes throws(XapianError) in
            try withBytes(prefix) { prefixBytes throws(XapianError) in
                try checked {
                    cx_termgen_index_text(pointer, textBytes, UInt32(max(0, wdfIncrement)), prefixBytes, positions, $0)
                }
            }
        }
    }

    /// Leaves a gap of `delta` positions, so phrases do not match across it.
    public func increaseTermPosition(by delta: Int = 100) throws(XapianError) {
        _ = try checked { cx_termgen_increase_termpos(pointer, UInt32(max(0, delta)), $0) }
    }

    /// The current term position.
    public var termPosition: Int { Int(cx_termgen_termpos(pointer)) }
}

/// Calls `body` with `words` as a C array of `cx_bytes`, all pointing into one contiguous buffer.
func withByteList<T>(
    _ words: some Sequence<String>, _ body: (UnsafePointer<cx_bytes>?, Int) throws(XapianError) -> T
) throws(XapianError) -> T {
    var joined: [UInt8] = []
    var bounds: [(start: Int, length: Int)] = []
    for word in words {
        bounds.append((joined.count, word.utf8.count))
        joined.append(contentsOf: word.utf8)
    }
    let result: Result<T, XapianError> = joined.withUnsafeBufferPointer { buffer in
        let base = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        let list = bounds.map { bound in cx_bytes(data: base.map { $0 + bound.start }, length: bound.length) }
        return list.withUnsafeBufferPointer { list in
            do throws(XapianError) { return .success(try body(list.baseAddress, list.count)) } catch {
                return .failure(error)
            }
        }
    }
    return try result.get()
}

/// One of Xapian's stemmers (Xapian::Stem), kept to stem many words. Not thread-safe: one owner.
public final class Stem {
    private let pointer: OpaquePointer

    /// The stemmer for `language` (a Xapian stemmer name such as "english", an ISO code, or "none").
    ///
    /// - Throws: `.invalidArgument` for a language Xapian has no stemmer for.
    public init(language: String) throws(XapianError) {
        pointer = try handle(try checked { cx_stemmer_new(language, $0) })
    }

    deinit {
        cx_stemmer_free(pointer)
    }

    /// `word` stemmed.
    public func callAsFunction(_ word: String) throws(XapianError) -> String {
        try withBytes(word) { bytes throws(XapianError) in
            consumeString(try checked { cx_stemmer_stem(pointer, bytes, $0) })
        }
    }
}

/// Xapian's stemmers (Xapian::Stem).
public enum Stemmer {
    /// `word` stemmed by the stemmer for `language` (a Xapian stemmer name such as "english"; "none" leaves
    /// words as they are).
    public static func stem(_ word: String, language: String) throws(XapianError) -> String {
        try withBytes(word) { bytes throws(XapianError) in
            consumeString(try checked { cx_stem_word(language, bytes, $0) })
        }
    }
}
