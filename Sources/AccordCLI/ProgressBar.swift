import Accord
import Foundation

/// Shows the progress of a long computation on stderr: nothing for the first second, then the
/// count done, the rate and, when the total is known, the percentage and time left. On a
/// terminal the line is redrawn in place; otherwise a line is written every five seconds.
final class ProgressBar: @unchecked Sendable {
    private let counter: ProgressCounter
    private let label: String
    private let start = Date()
    private let interactive = isatty(STDERR_FILENO) != 0
    private let done = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?
    private var shown = false

    init(counter: ProgressCounter, label: String) {
        self.counter = counter
        self.label = label
    }

    /// Runs `work` while showing progress (unless `quiet`), then clears the line.
    static func run<T>(label: String, unit: String, quiet: Bool, _ work: (ProgressCounter?) throws -> T) rethrows -> T {
        let counter = ProgressCounter(unit: unit)
        guard !quiet else { return try work(counter) }
        let bar = ProgressBar(counter: counter, label: label)
        bar.begin()
        defer { bar.end() }
        return try work(counter)
    }

    private func begin() {
        let thread = Thread { [self] in
            defer { finished.signal() }
            let period: TimeInterval = interactive ? 0.2 : 5
            if done.wait(timeout: .now() + 1) == .success { return }
            repeat { draw() } while done.wait(timeout: .now() + period) == .timedOut
        }
        self.thread = thread
        thread.start()
    }

    private func end() {
        done.signal()
        finished.wait()
        if shown && interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        shown = true
        let elapsed = Date().timeIntervalSince(start)
        let completed = Double(counter.completed)
        var text = "\(label): \(String(format: "%.3g", completed)) \(counter.unit)"
        let rate = completed / max(elapsed, 1e-9)
        text += String(format: ", %.3g/s", rate)
        let total = Double(counter.total)
        if total > 0 {
            let fraction = min(1, completed / total)
            text += String(format: ", %.0f%%", fraction * 100)
            if rate > 0 { text += String(format: ", ETA %.0f s", max(0, (total - completed) / rate)) }
        }
        text += String(format: " (%.0f s)", elapsed)
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + text : text + "\n").utf8))
    }
}
