import AccordModel
import AccordSkyline
import Synchronization

/// A step of the frontier computation, as progress shows it and as a memory refusal names it.
public enum FrontierStage: Sendable, Equatable, CustomStringConvertible {
    /// Enumerating the packages of issue group `group` (1-based) of `of`.
    case enumerating(group: Int, of: Int)
    /// The Pareto-sum merge `step` (1-based) of `of` (one fewer than the groups).
    case merging(step: Int, of: Int)
    /// Merge `merge` of `of`: filtering `points` candidate points to their `dimension`-D skyline.
    case filtering(merge: Int, of: Int, dimension: Int, points: Int)
    /// The ideal point's linear programs, one per party that no point proves (continuous issues).
    case idealPoint

    public var description: String {
        switch self {
        case .enumerating(let group, let count): return "enumerating group \(group) of \(count)"
        case .merging(let step, let count): return "merge \(step) of \(count)"
        case .filtering(let step, let count, let dimension, let points):
            return "merge \(step) of \(count), filtering the \(dimension)-D skyline of \(formatCount(Double(points))) points"
        case .idealPoint: return "ideal point, one LP per party"
        }
    }
}

/// A thread-safe count of work done, polled by whoever shows progress (the CLI's progress bar).
/// The numeric core adds to it, and sets the total once it knows it.
///
/// Long computations run in stages (`FrontierStage`): `begin` starts one and resets the counts,
/// so that `completed` and `total` always measure the current stage (its total is 0 while
/// unknown, e.g. while a skyline is filtered) and a finished stage never reads as the end of the
/// run. `points` is the size of the frontier computed so far.
///
/// Both counts saturate at `Int.max`: a space of 10^24 packages has no `Int` count, and progress
/// is only a measure of work, so it may be capped but must never trap.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)
    private let frontierPoints = Atomic<Int>(0)
    private let current = Mutex<(stage: FrontierStage?, unit: String, start: ContinuousClock.Instant)>(
        (nil, "", ContinuousClock.now))
    /// What is being counted, e.g. "packages".
    public let unit: String

    public init(unit: String) {
        self.unit = unit
        current.withLock { $0.unit = unit }
    }

    /// Starts `stage`, counting `unit` (e.g. "packages", "candidates"): `completed` and `total`
    /// restart from 0.
    package func begin(_ stage: FrontierStage, unit: String) {
        current.withLock { $0 = (stage, unit, ContinuousClock.now) }
        done.store(0, ordering: .relaxed)
        expected.store(0, ordering: .relaxed)
    }

    /// Adds `amount` units of work done (saturating).
    package func add(_ amount: Int) { Self.add(amount, to: done) }

    /// Announces `amount` more units of work to come (rounded down, saturating).
    package func expect(_ amount: Double) { Self.add(Int(saturating: amount), to: expected) }

    /// Records that the frontier computed so far has `count` points.
    package func found(_ count: Int) { frontierPoints.store(count, ordering: .relaxed) }

    public var completed: Int { done.load(ordering: .relaxed) }

    /// Work expected in the current stage; 0 while unknown.
    public var total: Int { expected.load(ordering: .relaxed) }

    /// Points of the frontier computed so far (the last group frontier or merge result).
    public var points: Int { frontierPoints.load(ordering: .relaxed) }

    /// The current stage (`nil` before the first), what its work is counted in, and how long it
    /// has run.
    public var stage: (stage: FrontierStage?, unit: String, elapsed: Duration) {
        current.withLock { ($0.stage, $0.unit, ContinuousClock.now - $0.start) }
    }

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
