import Foundation
import Synchronization

/// A one-line progress bar on standard error: files done, MB/s and ETA. Drawn only on a terminal.
final class ProgressBar: Sendable {
    private struct State {
        var totalFiles = 0
        var totalBytes = 0
        var files = 0
        var bytes = 0
        var lastDraw = ContinuousClock.now - .seconds(1)
        var phase = ""
    }

    private let state = Mutex(State())
    private let start = ContinuousClock.now
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func begin(files: Int, bytes: Int) {
        state.withLock {
            $0.totalFiles = files
            $0.totalBytes = bytes
        }
    }

    func advance(bytes: Int) {
        state.withLock {
            $0.files += 1
            $0.bytes += bytes
        }
        draw()
    }

    func phase(_ text: String) {
        state.withLock { $0.phase = text }
        draw(force: true)
    }

    /// Prints a line above the bar (a warning), keeping the bar below it.
    func message(_ line: String) {
        let text = enabled ? "\r\u{1B}[K" + line + "\n" : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        draw(force: true)
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(force: Bool = false) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            let now = ContinuousClock.now
            guard force || now - state.lastDraw > .milliseconds(100) else { return nil }
            state.lastDraw = now
            let elapsed = max(0.001, Self.seconds(now - start))
            let rate = Double(state.bytes) / elapsed / 1_048_576
            let fraction = state.totalBytes > 0 ? min(1, Double(state.bytes) / Double(state.totalBytes)) : 0
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            var text = "\(bar) \(state.files)/\(state.totalFiles) files  " + String(format: "%.1f MB/s", rate)
            if fraction > 0.02 && fraction < 1 {
                let remaining = elapsed / fraction - elapsed
                text += String(format: "  ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
            }
            if !state.phase.isEmpty { text += "  " + state.phase }
            return text
        }
        if let line { FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
