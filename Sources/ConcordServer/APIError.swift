import ConcordCore
import Foundation
import Hummingbird

/// Every error the server answers, as `{"error":{"code":"…","message":"…"}}` (SPEC "HTTP"): a 4xx for anything the
/// client sent wrong, a 5xx only for a fault of the server itself.
struct APIError: HTTPResponseError, Equatable {
    var status: HTTPResponse.Status
    /// Stable, machine-readable: a `ConcordError.Code` or one of the server's own (`method_not_allowed`, …).
    var code: String
    var message: String
    /// Extra headers, such as `Allow` on a 405.
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The one mapping from the core's errors to statuses.
    init(_ error: ConcordError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .badQuery, .badParameter: .badRequest
            case .notFound: .notFound
            case .notAcceptable: .notAcceptable
            case .indexMissing, .indexUnreadable, .indexBusy, .timeout: .serviceUnavailable
            case .ingestFailed, .internal: .internalServerError
            }
        self.init(status: status, code: error.code.rawValue, message: error.message)
    }

    /// Content negotiation's failures: 406 for an `Accept` header nothing satisfies, 400 for an unknown `format=`.
    init(_ error: RepresentationError) {
        switch error.kind {
        case .notAcceptable: self.init(ConcordError(.notAcceptable, error.message))
        case .unknownFormat: self.init(ConcordError(.badParameter, error.message))
        }
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError
    {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(method.rawValue) is not allowed on \(path); allowed: \(list)", headers: [.allow: list])
    }

    static func noRoute(_ path: String) -> APIError {
        APIError(status: .notFound, code: ConcordError.Code.notFound.rawValue, message: "no such route: \(path)")
    }

    static func uriTooLong(limit: Int) -> APIError {
        APIError(status: .uriTooLong, code: "uri_too_long", message: "the request URI is longer than \(limit) bytes")
    }

    /// An error thrown by Hummingbird itself, kept at its status.
    init(_ error: some HTTPResponseError, fallbackMessage: String) {
        let code =
            switch error.status.code {
            case 404: ConcordError.Code.notFound.rawValue
            case 400..<500: ConcordError.Code.badParameter.rawValue
            default: ConcordError.Code.internal.rawValue
            }
        self.init(status: error.status, code: code, message: fallbackMessage)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(error: .init(code: code, message: message))
        var response = try JSONResponse(body, status: status).response(from: request, context: context)
        for field in headers { response.headers.append(field) }
        return response
    }
}

/// The JSON of an error response.
struct ErrorBody: Codable, Equatable, Sendable {
    struct Detail: Codable, Equatable, Sendable {
        var code: String
        var message: String
    }

    var error: Detail
}
