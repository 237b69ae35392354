import ConcordCore
import Hummingbird

/// `GET /duplicates?document=&min_words=`: the duplicate groups, each with its members and its original.
struct DuplicateController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/duplicates") { request, _ in try await duplicates(request) }
    }

    func duplicates(_ request: Request) async throws -> JSONResponse<DuplicateList> {
        let parameters = try request.parameters()
        let document = try parameters.optionalText("document")
        let minWords = try parameters.integer("min_words")
        let groups = try await blocking { try service.duplicates(document: document, minWords: minWords) }
        return JSONResponse(DuplicateList(groups: groups))
    }
}

/// The body of `GET /duplicates`.
struct DuplicateList: Codable, Equatable, Sendable {
    var groups: [DuplicateGroup]
}
