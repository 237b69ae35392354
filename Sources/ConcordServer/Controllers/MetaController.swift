import Hummingbird

/// `GET /openapi.json` (the API's description) and `GET /` (the search page), both compiled into the binary.
struct MetaController {
    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/openapi.json") { _, _ in
            TextResponse(text: OpenAPIDocument.json, contentType: "application/json")
        }
        router.get("/") { _, _ in
            TextResponse(
                text: SearchPage.html, contentType: "text/html; charset=utf-8",
                headers: [
                    // Everything the page needs is inline; it talks only to this server.
                    .contentSecurityPolicy:
                        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                        + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                    .xContentTypeOptions: "nosniff",
                ])
        }
    }
}
