import ConcordBase
internal import Xapian

/// Translates Xapian's errors into concord's, the one place that does.
package func translated<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as XapianError {
        switch error.kind {
        case .queryParser, .wildcard:
            throw ConcordError(.badQuery, "cannot parse the query: \(error.message)")
        case .databaseCorrupt, .databaseVersion, .databaseOpening, .databaseNotFound:
            throw ConcordError(.indexUnreadable, "the index cannot be read: \(error)")
        default:
            throw ConcordError(.internal, "Xapian failed: \(error)")
        }
    }
}
