import ConcordCore
import Hummingbird

/// `GET /health`: the server is up and its index readable.
struct HealthController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in try await health() }
    }

    func health() async throws -> JSONResponse<Health> {
        let stats = try await blocking { try service.stats() }
        return JSONResponse(Health(status: "ok", documents: stats.documents, passages: stats.passages))
    }
}

/// The body of `GET /health`.
struct Health: Codable, Equatable, Sendable {
    var status: String
    var documents: Int
    var passages: Int
}
