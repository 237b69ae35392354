#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's words for a failed system call.
public enum SystemError {
    /// The message for `code` (an `errno`), lower-cased as concord's reasons are: "permission denied".
    public static func message(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message).lowercased()
    }
}
