import Foundation

extension PersonName {
    /// Words that mark a name as an organisation's, kept whole as `literal`.
    private static let organisationWords: Set<String> = [
        "of", "on", "for", "the", "and", "&", "inc", "inc.", "ltd", "llc", "institute", "council", "university",
        "center", "centre", "agency", "news", "press", "staff", "team", "editors", "editorial", "board",
        "foundation", "association", "society", "department", "ministry", "office", "group", "committee",
    ]

    /// A name as metadata writes it: `Sacks, David` or `David Sacks` become family and given names; an
    /// organisation, a single word or a name of more than four words stays one `literal`. Nil for an empty or
    /// URL-like string.
    static func readerParsed(from raw: String) -> PersonName? {
        let name = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " ,;"))
        guard !name.isEmpty, !name.contains("://"), !name.hasPrefix("www.") else { return nil }
        let words = name.split(separator: " ").map(String.init)
        if words.contains(where: { organisationWords.contains($0.lowercased()) })
            || words.contains(where: { $0.contains("@") })
        {
            return PersonName(literal: name)
        }
        let commaParts = name.split(separator: ",", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if commaParts.count == 2, !isSuffix(commaParts[1]) {
            return PersonName(family: commaParts[0], given: commaParts[1])
        }
        guard words.count >= 2, words.count <= 4 else { return PersonName(literal: name) }
        var given = words
        var family = given.removeLast()
        if isSuffix(family), given.count >= 2 {
            family = given.removeLast().trimmingCharacters(in: CharacterSet(charactersIn: ",")) + " " + family
        }
        // Particles belong to the family name: "Ludwig van Beethoven".
        while let last = given.last, given.count > 1,
            ["van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al"].contains(last)
        {
            family = given.removeLast() + " " + family
        }
        return PersonName(family: family, given: given.joined(separator: " "))
    }

    private static func isSuffix(_ word: String) -> Bool {
        ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."].contains(word.lowercased())
    }
}
