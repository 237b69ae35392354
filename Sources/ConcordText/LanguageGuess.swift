/// A small language detector for picking a stemmer: scripts for Chinese, Japanese, Korean and Russian, stop
/// words for the Latin-script languages concord stems.
public enum LanguageGuess {
    /// The languages `detect(_:)` can tell apart by stop words.
    static let stopWords: [(code: String, words: Set<String>)] = [
        (
            "en",
            [
                "the", "and", "of", "to", "is", "that", "in", "it", "for", "with", "was", "are", "this", "be",
                "by", "have", "has", "not", "which", "from", "would", "its", "their", "they", "will",
            ]
        ),
        (
            "fr",
            [
                "le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "qui", "dans", "pour", "pas",
                "sur", "au", "aux", "ce", "cette", "avec", "sont", "nous", "vous", "ont", "mais",
            ]
        ),
        (
            "de",
            [
                "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "des", "ein", "eine",
                "auf", "dem", "auch", "für", "wird", "sind", "zu", "im", "werden", "oder", "aber", "wir",
            ]
        ),
        (
            "es",
            [
                "el", "los", "las", "y", "es", "que", "una", "por", "con", "para", "del", "se", "como", "más",
                "pero", "sus", "su", "al", "está", "son", "este", "esta", "muy", "también", "fue",
            ]
        ),
        (
            "it",
            [
                "il", "di", "che", "è", "per", "una", "sono", "della", "non", "con", "gli", "del", "le", "dei",
                "nel", "alla", "anche", "come", "più", "questo", "questa", "ma", "delle", "essere", "lo", "la", "e",
                "ha", "sua", "suo", "nella", "sul", "degli",
            ]
        ),
        (
            "pt",
            [
                "o", "os", "as", "que", "não", "uma", "um", "para", "com", "do", "da", "dos", "das", "em", "é",
                "mais", "por", "mas", "foi", "ao", "pelo", "pela", "também", "são", "está", "a", "e", "sua", "seu",
                "na",
                "no", "nos", "nas",
            ]
        ),
        (
            "nl",
            [
                "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die",
                "ook", "maar", "wordt", "aan", "er", "bij", "naar", "hij", "om", "dit", "worden",
            ]
        ),
        (
            "sv",
            [
                "och", "att", "det", "som", "är", "en", "på", "för", "med", "har", "inte", "av", "till", "den",
                "om", "ett", "var", "jag", "men", "de", "så", "också", "kan", "vid", "eller",
            ]
        ),
        (
            "ru",
            [
                "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "к", "но", "из", "за", "о", "от",
                "для", "у", "же", "все", "так", "его", "она", "был", "быть",
            ]
        ),
    ]

    /// The ISO 639-1 code of the language `text` is most likely written in: "zh", "ja" or "ko" by the share of
    /// their scripts, otherwise one of en, fr, de, es, it, pt, nl, sv, ru by stop-word counts; "en" when nothing
    /// decides. Reads at most the first 20,000 scalars.
    /// Each stop word with the languages (indices into `stopWords`) it belongs to: one look-up per word.
    static let languagesOfWord: [String: [Int]] = {
        var table: [String: [Int]] = [:]
        for (index, language) in stopWords.enumerated() {
            for word in language.words { table[word, default: []].append(index) }
        }
        return table
    }()

    /// The longest stop word, in scalars: longer words need no look-up.
    /// `languagesOfWord` for the stop words of 8 ASCII letters or fewer, by their bytes packed into a number (as
    /// `detect` packs a word's).
    static let languagesOfPackedWord: [UInt64: [Int]] = {
        var table: [UInt64: [Int]] = [:]
        for (word, languages) in languagesOfWord where word.utf8.count <= 8 && word.utf8.allSatisfy({ $0 < 0x80 }) {
            table[word.utf8.reduce(0, packing)] = languages
        }
        return table
    }()

    static let longestStopWord = stopWords.flatMap(\.words).map(\.unicodeScalars.count).max() ?? 0

    public static func detect(_ text: String) -> String {
        var letters = 0
        var han = 0
        var kana = 0
        var hangul = 0
        var cyrillic = 0
        var counts = [Int](repeating: 0, count: stopWords.count)
        var word: [Unicode.Scalar] = []
        // The word's letters lowercased, packed one a byte, while it is ASCII and no longer than 8 letters (every
        // stop word that short is looked up by this number: no string for each word of the text).
        var packed: UInt64 = 0
        var ascii = true
        var seen = 0
        let packedWords = languagesOfPackedWord
        func endWord() {
            defer {
                packed = 0
                ascii = true
            }
            guard !word.isEmpty else { return }
            if ascii && word.count <= 8 {
                for index in packedWords[packed] ?? [] { counts[index] += 1 }
            } else if word.count <= longestStopWord {
                let form: String
                if word.allSatisfy(\.isASCII) {
                    form = String(decoding: word.map { UInt8($0.value).asciiLowercased }, as: UTF8.self)
                } else {
                    form = ScalarText.string(word[...]).lowercased()
                }
                for index in languagesOfWord[form] ?? [] { counts[index] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            seen += 1
            if seen > 20_000 { break }
            let value = scalar.value
            if value < 0x80 {
                if isASCIILetter(value) {
                    letters += 1
                    packed = packing(packed, UInt8(value).asciiLowercased)
                    word.append(scalar)
                } else {
                    // "l'état", "dell'anno": the article is a word of its own.
                    endWord()
                }
                continue
            }
            switch value {
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F:
                kana += 1
                letters += 1
                endWord()
                continue
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF:
                han += 1
                letters += 1
                endWord()
                continue
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F:
                hangul += 1
                letters += 1
                endWord()
                continue
            default:
                break
            }
            if scalar.properties.isAlphabetic {
                letters += 1
                if (0x0400...0x04FF).contains(value) { cyrillic += 1 }
                ascii = false
                word.append(scalar)
            } else {
                endWord()
            }
        }
        endWord()
        guard letters > 0 else { return "en" }
        let cjk = han + kana + hangul
        if cjk * 5 >= letters {
            if kana * 10 >= cjk { return "ja" }
            if hangul * 2 >= cjk { return "ko" }
            return "zh"
        }
        if cyrillic * 2 >= letters { return "ru" }
        var best = 0
        for index in counts.indices where counts[index] > counts[best] { best = index }
        // English is the default: another language needs a few of its stop words, not one ("a" is Portuguese
        // too, and a short English line may hold no English stop word).
        return counts[best] >= minimumStopWords || stopWords[best].code == "en" ? stopWords[best].code : "en"
    }

    /// The stop words a language other than English needs before it is taken for the text's.
    static let minimumStopWords = 3

    /// `packed` with `letter` added after its letters, one a byte.
    @inline(__always)
    static func packing(_ packed: UInt64, _ letter: UInt8) -> UInt64 { packed << 8 | UInt64(letter) }

    @inline(__always)
    static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}
