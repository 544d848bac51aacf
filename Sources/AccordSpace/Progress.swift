import AccordModel
import AccordSkyline
import Synchronization

/// A thread-safe count of work done, polled by whoever shows progress (the CLI's progress bar).
/// The numeric core adds to it, and sets the total once it knows it.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)
    /// What is being counted, e.g. "packages".
    public let unit: String

    public init(unit: String) {
        self.unit = unit
    }

    func add(_ amount: Int) { done.add(amount, ordering: .relaxed) }

    /// Announces `amount` more units of work to come.
    func expect(_ amount: Double) {
        expected.add(Int(min(amount, 1e18)), ordering: .relaxed)
    }

    public var completed: Int { done.load(ordering: .relaxed) }

    /// Work expected in all; 0 while unknown.
    public var total: Int { expected.load(ordering: .relaxed) }
}
