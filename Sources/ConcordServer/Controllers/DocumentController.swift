import ConcordCore
import Hummingbird

/// `GET /documents/{id}` (metadata and passages) and `GET /documents/{id}/text` (the text every span indexes).
struct DocumentController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/documents/:id") { _, context in try await document(context) }
        router.get("/documents/:id/text") { _, context in try await text(context) }
    }

    func document(_ context: BasicRequestContext) async throws -> JSONResponse<DocumentInfo> {
        let id = try context.pathParameter("id")
        return JSONResponse(try await blocking { try service.document(id) })
    }

    func text(_ context: BasicRequestContext) async throws -> TextResponse {
        let id = try context.pathParameter("id")
        return TextResponse(text: try await blocking { try service.documentText(id) }, contentType: "text/plain; charset=utf-8")
    }
}
