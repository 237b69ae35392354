import ConcordBase
internal import Xapian

/// Translates Xapian's errors into concord's, the one place that does.
package func translated<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as XapianError {
        switch error.kind {
        case .queryParser where error.message == "Unknown range operation":
            // What Xapian says of a range no processor takes: for concord, a date it cannot read.
            throw ConcordError(
                .badQuery,
                "cannot parse the query: a date range is written date:2024-01-01..2024-12-31 "
                    + "(or date:2024..2025-06, by year or month; either end may be left out)")
        case .queryParser, .wildcard:
            throw ConcordError(.badQuery, "cannot parse the query: \(error.message)")
        case .databaseCorrupt, .databaseVersion, .databaseOpening, .databaseNotFound:
            throw ConcordError(.indexUnreadable, "the index cannot be read: \(error)")
        default:
            throw ConcordError(.internal, "Xapian failed: \(error)")
        }
    }
}
