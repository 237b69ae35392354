import ConcordCore
import Foundation
import Hummingbird

/// A value served as JSON through the encoder the CLI prints with (`OutputJSON`), so `/search`'s `hits` and
/// `concord search --json` are the same bytes.
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status
    var contentType: String
    var headers: HTTPFields

    init(
        _ value: Value, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
        headers: HTTPFields = [:]
    ) {
        self.value = value
        self.status = status
        self.contentType = contentType
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = ByteBuffer(bytes: try OutputJSON.data(value))
        return jsonResponse(&body, status: status, contentType: contentType, headers: headers)
    }
}

/// `json` and a line break as the body, with its type and length.
private func jsonResponse(
    _ json: inout ByteBuffer, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
    headers: HTTPFields = [:]
) -> Response {
    json.writeInteger(UInt8(ascii: "\n"))
    var fields: HTTPFields = [.contentType: contentType, .contentLength: String(json.readableBytes)]
    fields.append(contentsOf: headers)
    return Response(status: status, headers: fields, body: .init(byteBuffer: json))
}

/// JSON already written (`SearchResults.json`).
struct RawJSONResponse: ResponseGenerator {
    var json: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.utf8.count + 1)
        buffer.writeString(json)
        return jsonResponse(&buffer)
    }
}

/// A text body with its media type (`text/plain; charset=utf-8`, a citation style's type, the page's HTML).
struct TextResponse: ResponseGenerator {
    var text: String
    var contentType: String
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let buffer = ByteBuffer(string: text)
        var fields: HTTPFields = [.contentType: contentType, .contentLength: String(buffer.readableBytes)]
        fields.append(contentsOf: headers)
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: buffer))
    }
}
