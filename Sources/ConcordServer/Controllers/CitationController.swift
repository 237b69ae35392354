import ConcordCore
import Hummingbird

/// `GET /cite?q=QUOTE` and `GET /passages/{id}/cite`: where a text comes from, original first, in the
/// representation `format=` or `Accept` asks for (DOI-style content negotiation, SPEC "HTTP").
struct CitationController {
    let service: ConcordService

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.getBlocking("/cite") { request, context in
            try cite(request, context: context) { try CiteRequest(quote: try $0.text("q"), style: $1) }
        }
        router.getBlocking("/passages/:id/cite") { request, context in
            let id = try context.pathParameter("id")
            return try cite(request, context: context) { try CiteRequest(passage: id, style: $1) }
        }
    }

    /// Validates the input, negotiates the representation, cites, renders.
    func cite(
        _ request: Request, context: BasicRequestContext,
        target: (QueryParameters, CitationStyle) throws -> CiteRequest
    ) throws -> Response {
        let parameters = try request.parameters()
        // Validate the target before negotiating, so a bad quote is a 400 whatever the Accept header says.
        _ = try target(parameters, .apa)
        let accept = request.headers[values: .accept]
        let representation = try ContentNegotiation.representation(
            accept: accept.isEmpty ? nil : accept.joined(separator: ", "),
            format: try parameters.optionalText("format"))
        let citations = try service.cite(try target(parameters, representation.style))
        // The body depends on Accept: caches must key on it.
        let vary: HTTPFields = [.vary: "Accept"]
        switch representation {
        case .json:
            return try JSONResponse(citations, headers: vary).response(from: request, context: context)
        case .rendered:
            return try TextResponse(text: citations.rendered(), contentType: representation.contentType, headers: vary)
                .response(from: request, context: context)
        }
    }
}
