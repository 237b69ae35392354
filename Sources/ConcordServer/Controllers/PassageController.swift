import ConcordCore
import Hummingbird

/// `GET /passages/{id}`: one passage with its span, lines, headings and duplicate group. Its citations are
/// ``CitationController``'s.
struct PassageController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/passages/:id") { _, context in try passage(context) }
    }

    func passage(_ context: BasicRequestContext) throws -> JSONResponse<Passage> {
        JSONResponse(try service.passage(try context.pathParameter("id")))
    }
}
