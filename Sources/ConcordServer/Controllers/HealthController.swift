import ConcordCore
import Hummingbird

/// `GET /health`: the server is up and its index readable.
struct HealthController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/health") { _, _ in try health() }
    }

    func health() throws -> JSONResponse<Health> {
        let stats = try service.stats()
        return JSONResponse(Health(status: "ok", documents: stats.documents, passages: stats.passages))
    }
}

/// The body of `GET /health`.
struct Health: Codable, Equatable, Sendable {
    var status: String
    var documents: Int
    var passages: Int
}
