import ConcordCore

/// Metadata shared by the citation suites.
enum CitationFixtures {
    static let sacks = PersonName(family: "Sacks", given: "David")
    static let doe = PersonName(family: "Doe", given: "Jane")
    static let roe = PersonName(family: "Roe", given: "Richard R.")
    static let cfr = PersonName(literal: "Council on Foreign Relations")

    /// The example of the brief: a post on a site, with every field.
    static let full = CitationMetadata(
        title: "Does NATO have a role in the Indo-Pacific region?", author: [sacks], containerTitle: "China Factor",
        issued: DateParts(year: 2024, month: 5, day: 30), url: "https://example.org/nato", language: "en")

    static let authorOnly = CitationMetadata(author: [sacks])

    static let nothing = CitationMetadata()

    /// A journal article by two authors, without a URL.
    static let journal = CitationMetadata(
        title: "Deterrence in Asia", author: [sacks, doe], containerTitle: "Journal of Strategic Studies",
        issued: DateParts(year: 2023, month: 2, day: 1))

    /// A newspaper article by three authors.
    static let newspaper = CitationMetadata(
        title: "Alliances shift in the Pacific", author: [sacks, doe, roe], containerTitle: "The Washington Post",
        issued: DateParts(year: 2024, month: 9, day: 12), url: "https://example.org/post")

    /// A report by an organisation, with a publisher and no container.
    static let report = CitationMetadata(
        title: "NATO and the Indo-Pacific", author: [cfr], publisher: "Council on Foreign Relations",
        issued: DateParts(year: 2024))

    /// LaTeX's special characters in every field BibTeX escapes.
    static let special = CitationMetadata(
        title: "R&D at 50% off: $5 for #1 user_name {x} ~ ^ \\ done",
        author: [PersonName(family: "Ødegård", given: "Øystein")],
        publisher: "Smith & Sons", issued: DateParts(year: 2022), url: "https://example.org/a_b?c=1&d=%20#frag")
}
