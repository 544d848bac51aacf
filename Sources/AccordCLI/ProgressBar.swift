import Accord
import Foundation

/// Shows the progress of a long computation on stderr: nothing for the first second, then the
/// stage (which group is enumerated, which merge runs), the count done in it, the rate, the
/// frontier points so far and, when the stage's total is known, the percentage and time left. On a
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
        let text = Self.line(counter: counter, label: label, elapsed: Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + text : text + "\n").utf8))
    }

    /// The progress line: the stage (or `label` before the first), the work done in it with its
    /// rate, the percentage and time left only when the stage's total is known (a finished stage
    /// is never shown as the end of the run), the frontier points so far (not while the ideal
    /// point's LPs run, which make none), and the time elapsed.
    /// E.g. `merge 12 of 39: 3.1e+07 of 5.2e+07 candidate sums, 2.4e+07/s, 60%, ETA 1 s; 48,211 frontier points (9 s)`.
    static func line(counter: ProgressCounter, label: String, elapsed: TimeInterval) -> String {
        let current = counter.stage
        let stageSeconds = current.stage == nil
            ? elapsed : Double(current.elapsed.components.seconds) + Double(current.elapsed.components.attoseconds) * 1e-18
        let completed = Double(counter.completed), total = Double(counter.total)
        let unit = current.stage == nil ? counter.unit : current.unit
        var text = "\(current.stage?.description ?? label): "
        text += String(format: "%.3g", completed) + (total > 0 ? String(format: " of %.3g", total) : "") + " \(unit)"
        let rate = completed / max(stageSeconds, 1e-9)
        if completed > 0 { text += String(format: ", %.3g/s", rate) }
        if total > 0 && completed < total {
            text += String(format: ", %.0f%%", min(99, (completed / total * 100).rounded(.down)))
            if rate > 0 { text += String(format: ", ETA %.0f s", (total - completed) / rate) }
        }
        if let stage = current.stage, stage != .idealPoint { text += "; \(formatCount(Double(counter.points))) frontier points" }
        return text + String(format: " (%.0f s)", elapsed)
    }
}
