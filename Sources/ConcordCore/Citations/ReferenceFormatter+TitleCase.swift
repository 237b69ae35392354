import Foundation

// Headline-style capitalization for Chicago (CMOS 17 §8.159) and MLA 9 (§1.2): every word capitalized except
// articles, coordinating conjunctions and prepositions in the middle of the title; the first and last words and
// the word after a colon always. Only lowercase initials are raised, so acronyms (NATO) and names stay as they
// are, and nothing is lowered. Applied to English titles only, as CSL's `text-case="title"` is.
extension ReferenceFormatter {
    static let minorWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "on",
        "per", "to", "up", "via", "from", "into", "onto", "with", "than", "vs", "vs.",
    ]

    /// `title` in headline style when the item's language is English or unknown; a fallback title unchanged.
    static func headlineStyle(_ title: String, of item: ReferenceItem) -> String {
        if item.titleIsFallback { return title }
        if let language = item.language, !language.lowercased().hasPrefix("en") { return title }
        let words = title.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        var startsPhrase = true
        for (index, word) in words.enumerated() {
            let bare = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
            let isLast = index == words.count - 1
            let keepLower = !startsPhrase && !isLast && minorWords.contains(bare)
            result.append(keepLower ? word : capitalizingParts(word))
            startsPhrase = word.hasSuffix(":") || word.hasSuffix("?") || word.hasSuffix("!") || word.hasSuffix("—")
        }
        return result.joined(separator: " ")
    }

    /// Raises the first letter of each hyphenated part when it is lowercase ("indo-pacific" → "Indo-Pacific").
    private static func capitalizingParts(_ word: String) -> String {
        word.split(separator: "-", omittingEmptySubsequences: false).map { part -> String in
            // Only a letter opening the word, or behind an opening quote or bracket, is raised ("{x}" stays).
            guard let index = part.firstIndex(where: { !"“‘\"'([".contains($0) }), part[index].isLetter,
                part[index].isLowercase
            else { return String(part) }
            // A word with capitals inside (iPhone, eBay) is a name: left alone.
            if part[part.index(after: index)...].contains(where: { $0.isUppercase }) { return String(part) }
            return part[..<index] + part[index].uppercased() + part[part.index(after: index)...]
        }.joined(separator: "-")
    }
}
