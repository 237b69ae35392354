import Hummingbird

/// The server's paths, as SPEC "HTTP" lists them; every one answers `GET` and `HEAD` only.
enum Routes {
    /// The path templates, `{name}` standing for one path segment (OpenAPI's spelling).
    static let templates = [
        "/", "/health", "/search", "/documents/{id}", "/documents/{id}/text", "/passages/{id}",
        "/passages/{id}/cite", "/cite", "/duplicates", "/openapi.json",
    ]

    /// The methods every route allows.
    static let allowedMethods: [HTTPRequest.Method] = [.get, .head]

    /// Whether `path` names one of the routes (so a wrong method is a 405, not a 404).
    static func exists(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return templates.contains { template in
            let pattern = template.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count else { return false }
            return zip(pattern, segments).allSatisfy { expected, actual in
                expected.hasPrefix("{") || expected == actual
            }
        }
    }
}
