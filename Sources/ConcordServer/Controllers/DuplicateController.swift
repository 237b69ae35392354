import ConcordCore
import Hummingbird

/// `GET /duplicates?document=&min_words=`: the duplicate groups, each with its members and its original.
struct DuplicateController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/duplicates") { request, _ in try duplicates(request) }
    }

    func duplicates(_ request: Request) throws -> JSONResponse<DuplicateList> {
        let parameters = try request.parameters()
        let groups = try service.duplicates(
            document: try parameters.optionalText("document"), minWords: try parameters.integer("min_words"))
        return JSONResponse(DuplicateList(groups: groups))
    }
}

/// The body of `GET /duplicates`.
struct DuplicateList: Codable, Equatable, Sendable {
    var groups: [DuplicateGroup]
}
