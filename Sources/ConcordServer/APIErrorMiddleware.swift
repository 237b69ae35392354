import ConcordCore
import Hummingbird
import Logging

/// Turns every failure into an ``APIError`` response: the core's errors, content negotiation's, the router's own
/// 404, a wrong method on a known path (405 with `Allow`), an overlong URI (414), and anything unexpected (500,
/// logged). Also strips the body of every `HEAD` response, error or not.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// The longest request target accepted, in bytes.
    static let maxURILength = 8192

    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await checked(request, context: context, next: next)
        } catch {
            response = try apiError(for: error, request: request).response(from: request, context: context)
        }
        if request.method == .head { response = response.createHeadResponse() }
        return response
    }

    private func checked(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.string.utf8.count <= Self.maxURILength else {
            throw APIError.uriTooLong(limit: Self.maxURILength)
        }
        guard Routes.allowedMethods.contains(request.method) || !Routes.exists(request.uri.path) else {
            throw APIError.methodNotAllowed(request.method, path: request.uri.path, allowed: Routes.allowedMethods)
        }
        return try await next(request, context)
    }

    private func apiError(for error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ConcordError:
            if error.code == .internal { logger.error("\(request.method) \(request.uri.path): \(error.message)") }
            return APIError(error)
        case let error as RepresentationError:
            return APIError(error)
        case let error as HTTPError where error.status == .notFound:
            return APIError.noRoute(request.uri.path)
        case let error as any HTTPResponseError:
            return APIError(error, fallbackMessage: error.status.reasonPhrase)
        default:
            logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            return APIError(ConcordError(.internal, "the server failed to answer this request"))
        }
    }
}
