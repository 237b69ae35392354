internal import Xapian

extension ConcordService {
    /// Runs a search (`Searcher`: documents ranked by BM25 over their whole text, then their matching passages;
    /// duplicate groups folded unless the request unfolds them; snippets with `<mark>` around matches; a
    /// spelling suggestion when there is one). The same code runs `concord search`.
    ///
    /// - Throws: `ConcordError.badQuery` for a query the parser rejects.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try translated {
            try pool.withReader { database in
                try Searcher.search(request, in: database, timeLimit: timeLimit)
            }
        }
    }
}
