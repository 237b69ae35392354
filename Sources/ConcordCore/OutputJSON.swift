public import Foundation

/// The one JSON setup both front ends use for what they print or serve (`concord … --json`, the HTTP API), so the
/// same value always gives the same bytes: keys sorted, slashes left unescaped.
public enum OutputJSON {
    /// A new encoder with the shared settings (`.sortedKeys`, `.withoutEscapingSlashes`, and `.prettyPrinted` when
    /// `pretty`). A new one per call, so no caller can change another's settings.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as JSON bytes (compact).
    public static func data(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// `value` as a JSON string, compact (one line) unless `pretty`.
    public static func string(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
    }
}
