import ConcordCore
import Hummingbird

/// `GET /documents/{id}` (metadata and passages) and `GET /documents/{id}/text` (the text every span indexes).
struct DocumentController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/documents/:id") { _, context in try document(context) }
        router.getBlocking("/documents/:id/text") { _, context in try text(context) }
    }

    func document(_ context: BasicRequestContext) throws -> JSONResponse<DocumentInfo> {
        JSONResponse(try service.document(try context.pathParameter("id")))
    }

    func text(_ context: BasicRequestContext) throws -> TextResponse {
        TextResponse(
            text: try service.documentText(try context.pathParameter("id")), contentType: "text/plain; charset=utf-8")
    }
}
