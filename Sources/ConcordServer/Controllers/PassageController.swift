import ConcordCore
import Hummingbird

/// `GET /passages/{id}`: one passage with its span, lines, headings and duplicate group. Its citations are
/// ``CitationController``'s.
struct PassageController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/passages/:id") { _, context in try await passage(context) }
    }

    func passage(_ context: BasicRequestContext) async throws -> JSONResponse<Passage> {
        let id = try context.pathParameter("id")
        return JSONResponse(try await blocking { try service.passage(id) })
    }
}
