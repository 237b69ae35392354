import Foundation

/// Colours and emphasis, only on a terminal and never with NO_COLOR (https://no-color.org).
struct TerminalStyle: Sendable {
    let enabled: Bool

    /// The style for standard output (or standard error with `fileDescriptor` 2).
    static func detect(fileDescriptor: Int32 = 1) -> TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(enabled: isatty(fileDescriptor) == 1 && !noColor && !dumb)
    }

    static let plain = TerminalStyle(enabled: false)

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func magenta(_ text: String) -> String { wrap(text, "35") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    /// A match inside a snippet: bold red on a terminal, `*word*` otherwise.
    func match(_ text: String) -> String { enabled ? wrap(text, "1;31") : "*\(text)*" }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Standard output as a `TextOutputStream`.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}
