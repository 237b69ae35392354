/// Telling headings, boilerplate and body paragraphs apart.
extension Segmenter {
    /// Words before a colon that mark a caption's credit ("… Photo: PLA").
    static let creditWords: Set<String> = [
        "photo", "photos", "photograph", "photography", "image", "images", "picture", "credit", "credits",
        "source", "sources", "illustration", "graphic", "video", "file photo", "photo credit", "image credit",
    ]
    /// Phrases of republication footers.
    static let footerPhrases = [
        "first published", "originally published", "first appeared", "originally appeared", "read the original",
        "republished from", "republished with permission", "reprinted with permission", "is republished",
        "was republished",
    ]
    /// Openings of disclaimers.
    static let disclaimerOpenings = [
        "the views and opinions expressed", "the views expressed", "the opinions expressed", "views expressed in",
        "opinions expressed in", "disclaimer",
    ]
    /// Openings of share, follow and navigation lines (short blocks only).
    static let shareOpenings = [
        "share this", "share on", "share:", "share ", "follow us", "follow me", "subscribe", "sign up", "click here",
        "related:", "related articles", "related posts", "read more", "advertisement", "tweet", "like this:",
        "print this", "email this", "leave a comment", "comments",
    ]
    /// Phrases of contact lines and author notes.
    static let contactPhrases = [
        "can be contacted", "can be reached", "read his full bio", "read her full bio", "read their full bio",
        "follow him on", "follow her on", "follow them on",
    ]
    /// Roles that identify an author's bio ("X is a fellow at …").
    static let roleWords: Set<String> = [
        "fellow", "professor", "director", "editor", "researcher", "analyst", "author", "correspondent",
        "journalist", "writer", "lecturer", "scholar", "chair", "president", "founder", "reporter", "columnist",
        "contributor", "student", "candidate", "member", "scientist", "economist", "adviser", "advisor",
        "consultant", "expert", "head", "dean", "officer", "diplomat", "ambassador", "historian", "lawyer",
        "associate", "partner", "co-founder", "chairman", "chairwoman", "ceo",
    ]
    /// Honorifics that may open a byline.
    static let honorifics: Set<String> = ["mr.", "ms.", "mrs.", "dr.", "prof.", "professor", "sir", "dame"]

    /// Decides the kind of each candidate and drops those without a letter or digit.
    func classify(_ input: [Candidate], in text: ScalarText) -> [Candidate] {
        var candidates = input.filter { candidate in
            candidate.normalized.text.unicodeScalars.contains { Segmenter.isAlphanumeric($0) }
        }
        for index in candidates.indices {
            candidates[index].words = Segmenter.wordCount(text.scalars, in: candidates[index].span)
        }
        // Content first: hints, Markdown headings, furniture, boilerplate by its wording.
        for index in candidates.indices {
            let candidate = candidates[index]
            switch candidate.hinted {
            case .heading(let level)?:
                candidates[index].kind = .heading(level: max(1, level))
                continue
            case .boilerplate?:
                candidates[index].kind = .boilerplate
                continue
            default:
                break
            }
            if let level = candidate.markdownLevel {
                candidates[index].kind = .heading(level: level)
            } else if candidate.furniture
                || (candidate.words <= 150
                    && Segmenter.isBoilerplate(candidate.normalized.text.lowercased(), words: candidate.words))
            {
                candidates[index].kind = .boilerplate
            }
        }
        // Then position: bylines and bios near either end, the title, headings standing alone.
        let bodyIndices = candidates.indices.filter { candidates[$0].kind == .paragraph }
        let nearEnds = Set(bodyIndices.prefix(3)).union(bodyIndices.suffix(4))
        for index in nearEnds.sorted()
        where Segmenter.isByline(candidates[index].normalized.text, words: candidates[index].words) {
            candidates[index].kind = .boilerplate
        }
        for index in candidates.indices where candidates[index].kind == .paragraph && candidates[index].hinted == nil {
            if let level = headingLevel(candidates, at: index, in: text) {
                candidates[index].kind = .heading(level: level)
            }
        }
        return candidates
    }

    /// The level of the heading candidate `index` is, or `nil` when it is body text.
    func headingLevel(_ candidates: [Candidate], at index: Int, in text: ScalarText) -> Int? {
        let candidate = candidates[index]
        guard candidate.lineCount == 1, index + 1 < candidates.count else { return nil }
        let scalars = text.scalars
        let span = candidate.span
        let first = scalars[span.start]
        let last = scalars[span.end - 1]
        if Segmenter.isCapsHeadingLine(scalars, span) { return 2 }
        guard candidate.standsAlone, !Segmenter.isOpener(first), !Segmenter.isCloser(last) else { return nil }
        if index == 0, candidates[index].words <= 20, !".,;:".unicodeScalars.contains(last) {
            return 1
        }
        guard candidate.words <= 10, !".,;:!?…".unicodeScalars.contains(last) else { return nil }
        // The first letter or digit decides: headings start with a capital or a number.
        guard let lead = scalars[span.start..<span.end].first(where: { Segmenter.isAlphanumeric($0) }),
            lead.properties.isUppercase || lead.properties.numericType != nil
        else { return nil }
        return 2
    }

    /// Whether a block's lowercased normalized text reads as a caption, footer, disclaimer, share line or
    /// contact line.
    static func isBoilerplate(_ lowered: String, words: Int) -> Bool {
        let bytes = Array(lowered.utf8)
        if words <= 60, isCaption(lowered, bytes: bytes) { return true }
        if words <= 80, footerOrContactPhrases.occurs(in: bytes) { return true }
        if words <= 150, disclaimerOpeningBytes.contains(where: { hasPrefix(bytes, $0) }) { return true }
        if words <= 10, shareOpeningBytes.contains(where: { hasPrefix(bytes, $0) }) { return true }
        if words <= 80, bytes.contains(UInt8(ascii: "@")) && containsEmailAddress(lowered) { return true }
        return false
    }

    // The phrases as UTF-8, searched for as bytes: `String.contains` would go through Foundation's NSString on
    // Linux, by far the slowest step of segmentation. Footer and contact phrases mark blocks of the same length
    // as boilerplate, so one pass looks for both.
    static let footerOrContactPhrases = PhraseSet(footerPhrases + contactPhrases)
    static let disclaimerOpeningBytes = disclaimerOpenings.map { Array($0.utf8) }
    static let shareOpeningBytes = shareOpenings.map { Array($0.utf8) }
    static let captionPhraseBytes = [". photo by ", "(photo: ", "(photo by ", "image courtesy of "].map {
        Array($0.utf8)
    }

    /// Whether `bytes` starts with `prefix`.
    static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && bytes[0..<prefix.count].elementsEqual(prefix)
    }

    /// Whether the text ends with a credit such as "Photo: PLA" or "Image: Reuters / Jane Doe" (a few words
    /// after the colon, no sentence after them), or says "Photo by …".
    static func isCaption(_ lowered: String, bytes: [UInt8]) -> Bool {
        if creditMayPrecedeLastColon(bytes), case let scalars = Array(lowered.unicodeScalars),
            let colon = scalars.lastIndex(of: ":")
        {
            let tailWords = wordCount(scalars, in: TextSpan(start: colon + 1, end: scalars.count))
            let tailIsSentence = scalars[(colon + 1)...].dropLast().contains { $0 == "." || $0 == "!" || $0 == "?" }
            // The one or two words before the colon, and what stands before them.
            var wordsBefore: [String] = []
            var cursor = colon
            while wordsBefore.count < 2 {
                while cursor > 0, scalars[cursor - 1] == " " { cursor -= 1 }
                let wordEnd = cursor
                while cursor > 0, scalars[cursor - 1].properties.isAlphabetic { cursor -= 1 }
                guard cursor < wordEnd else { break }
                wordsBefore.insert(String(String.UnicodeScalarView(scalars[cursor..<wordEnd])), at: 0)
                if let credit = wordsBefore.last,
                    creditWords.contains(wordsBefore.joined(separator: " "))
                        || creditWords.contains(credit)
                {
                    var lead = cursor
                    while lead > 0, scalars[lead - 1] == " " { lead -= 1 }
                    let opensSentence = lead == 0 || ".!?)|/-".unicodeScalars.contains(scalars[lead - 1])
                    // "Source:" is a credit only where a sentence ends before it; "Photo:" and the like anywhere.
                    let isCredit = opensSentence || !(credit == "source" || credit == "sources")
                    if isCredit, tailWords >= 1, tailWords <= 8, !tailIsSentence { return true }
                }
            }
        }
        return hasPrefix(bytes, photoByBytes) || captionPhraseBytes.contains { bytes.contains(bytes: $0) }
    }

    private static let photoByBytes = Array("photo by ".utf8)

    /// Whether the word right before the last colon of `bytes` (spaces between allowed) may be a credit word:
    /// the letters that end there are the last word of one. A credit is all ASCII, so looking at bytes misses
    /// none; `isCaption` then looks closer. Most texts with a colon fail here, before their scalars are copied.
    static func creditMayPrecedeLastColon(_ bytes: [UInt8]) -> Bool {
        guard var cursor = bytes.lastIndex(of: UInt8(ascii: ":")) else { return false }
        while cursor > 0, bytes[cursor - 1] == 0x20 { cursor -= 1 }
        let end = cursor
        while cursor > 0, (0x61...0x7A).contains(bytes[cursor - 1]) { cursor -= 1 }
        return cursor < end && creditLastWords.contains(String(decoding: bytes[cursor..<end], as: UTF8.self))
    }

    /// The last word of each credit (`creditWords`).
    private static let creditLastWords = Set(creditWords.compactMap { $0.split(separator: " ").last.map(String.init) })

    /// Whether the text holds something shaped like an e-mail address.
    static func containsEmailAddress(_ lowered: String) -> Bool {
        let scalars = Array(lowered.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "@" {
            guard index > 0, isAlphanumeric(scalars[index - 1]) else { continue }
            var cursor = index + 1
            var sawDot = false
            while cursor < scalars.count,
                isAlphanumeric(scalars[cursor]) || scalars[cursor] == "." || scalars[cursor] == "-"
            {
                if scalars[cursor] == ".", cursor + 1 < scalars.count, isAlphanumeric(scalars[cursor + 1]) {
                    sawDot = true
                }
                cursor += 1
            }
            if sawDot { return true }
        }
        return false
    }

    /// Whether a normalized block reads as a byline or author bio: "By Jane Doe", or a name followed by "is a
    /// fellow at …" or a similar role.
    static func isByline(_ normalized: String, words: Int) -> Bool {
        let tokens = normalized.split(separator: " ").map(String.init)
        guard !tokens.isEmpty else { return false }
        if tokens[0].lowercased() == "by", tokens.count >= 2, tokens.count <= 8,
            tokens.dropFirst().allSatisfy({ token in
                token.unicodeScalars.first.map { $0.properties.isUppercase || !$0.properties.isAlphabetic } ?? true
                    || ["and", "&", "of", "de", "van", "von"].contains(token.lowercased())
            })
        {
            return true
        }
        guard words <= 100 else { return false }
        var index = 0
        if honorifics.contains(tokens[0].lowercased()) { index += 1 }
        // A name: one to four capitalised words.
        let nameStart = index
        while index < tokens.count, index - nameStart < 4, let first = tokens[index].unicodeScalars.first,
            first.properties.isUppercase
        {
            index += 1
            if tokens[index - 1].hasSuffix(",") { break }
        }
        guard index - nameStart >= 2 || (index - nameStart >= 1 && nameStart > 0) else { return false }
        // An apposition after a comma ("Jane Doe, a senior fellow, is …") may stand before the verb.
        if tokens[index - 1].hasSuffix(",") {
            var cursor = index
            while cursor < tokens.count, cursor - index < 20, !tokens[cursor].hasSuffix(",") { cursor += 1 }
            index = cursor + 1
        }
        guard index + 1 < tokens.count else { return false }
        let verb = tokens[index].lowercased()
        guard ["is", "was", "serves", "works", "teaches", "writes"].contains(verb) else { return false }
        let window = tokens[(index + 1)..<min(tokens.count, index + 8)].map {
            $0.lowercased().trimmingCharacters(in: ",.;:")
        }
        return window.contains { roleWords.contains($0) }
    }
}

extension String {
    /// The string without leading and trailing scalars from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let trimmed = Set(set.unicodeScalars)
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, trimmed.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, trimmed.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
