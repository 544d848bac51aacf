import Synchronization

/// A thread-safe count of work done, polled by whoever shows progress (the CLI's progress bar).
/// The numeric core only adds to it.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    /// Work expected in all, in the same unit (packages visited); 0 when unknown.
    public let total: Double
    /// What is being counted, e.g. "packages".
    public let unit: String

    public init(total: Double, unit: String) {
        self.total = total
        self.unit = unit
    }

    func add(_ amount: Int) { done.add(amount, ordering: .relaxed) }

    public var completed: Int { done.load(ordering: .relaxed) }
}
