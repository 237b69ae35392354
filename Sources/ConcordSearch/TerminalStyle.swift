#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Colours and emphasis, only on a terminal and never with NO_COLOR (https://no-color.org).
package struct TerminalStyle: Sendable {
    package let enabled: Bool

    package init(enabled: Bool) { self.enabled = enabled }

    /// The style for standard output (or standard error with `fileDescriptor` 2).
    package static func detect(fileDescriptor: Int32 = 1) -> TerminalStyle {
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
        return TerminalStyle(enabled: isatty(fileDescriptor) == 1 && !noColor && !dumb)
    }

    package static let plain = TerminalStyle(enabled: false)

    package func bold(_ text: String) -> String { wrap(text, "1") }
    package func dim(_ text: String) -> String { wrap(text, "2") }
    package func magenta(_ text: String) -> String { wrap(text, "35") }
    package func green(_ text: String) -> String { wrap(text, "32") }
    package func red(_ text: String) -> String { wrap(text, "31") }
    package func yellow(_ text: String) -> String { wrap(text, "33") }
    /// A match inside a snippet: bold red on a terminal, `*word*` otherwise.
    package func match(_ text: String) -> String { enabled ? wrap(text, "1;31") : "*\(text)*" }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
