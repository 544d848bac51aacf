import AccordModel
import AccordSkyline
import Synchronization

/// A thread-safe count of work done, polled by whoever shows progress (the CLI's progress bar).
/// The numeric core adds to it, and sets the total once it knows it.
///
/// Both counts saturate at `Int.max`: a space of 10^24 packages has no `Int` count, and progress
/// is only a measure of work, so it may be capped but must never trap.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)
    /// What is being counted, e.g. "packages".
    public let unit: String

    public init(unit: String) {
        self.unit = unit
    }

    /// Adds `amount` units of work done (saturating).
    func add(_ amount: Int) { Self.add(amount, to: done) }

    /// Announces `amount` more units of work to come (rounded down, saturating).
    func expect(_ amount: Double) { Self.add(Int(saturating: amount), to: expected) }

    public var completed: Int { done.load(ordering: .relaxed) }

    /// Work expected in all; 0 while unknown.
    public var total: Int { expected.load(ordering: .relaxed) }

    /// Adds to an atomic count, saturating at `Int.max` / `Int.min` (a compare-exchange loop).
    private static func add(_ amount: Int, to count: borrowing Atomic<Int>) {
        var current = count.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = count.compareExchange(
                expected: current, desired: current.saturatingAdding(amount), ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
