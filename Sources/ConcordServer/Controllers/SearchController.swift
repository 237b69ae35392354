import ConcordCore
import Hummingbird

/// `GET /search?q=&limit=&offset=&all=`: ranked passages, duplicate copies folded unless `all` (SPEC "HTTP").
struct SearchController {
    /// Hits per page when `limit` is not given, as for `concord search`.
    static let defaultLimit = 10

    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/search") { request, _ in try search(request) }
    }

    func search(_ request: Request) throws -> RawJSONResponse {
        let parameters = try request.parameters()
        let search = try SearchRequest(
            query: try parameters.text("q"),
            limit: try parameters.integer("limit") ?? Self.defaultLimit,
            offset: try parameters.integer("offset") ?? 0,
            foldDuplicates: !(try parameters.boolean("all") ?? false))
        return RawJSONResponse(json: try service.search(search).json)
    }
}
