import Foundation

/// Every tolerance and limit of Accord's computations in one place, with documented defaults (the
/// shape of Clarabel's `DefaultSettings`). Each computation reads the settings it needs; none
/// hard-codes a tolerance of its own.
public struct SolverSettings: Sendable, Equatable {
    /// Frontier algorithm (default `.paretoSum`; `.enumeration` is the brute-force cross-check).
    public var method: FrontierMethod = .paretoSum
    /// Most packages one exact enumeration may visit: a group of issues tied together by
    /// interactions or forbidden combinations (Pareto-sum), or the whole space (enumeration).
    /// Default 10^9, about 30 s on two cores; larger computations are refused, never started.
    public var maxEnumeration: Double = 1e9
    /// Acceptable packages are counted when the outcome space has at most this many (10^6).
    public var countLimit: Double = 1e6
    /// Two objective values tie when they differ by at most this, relative to the larger in
    /// magnitude (10^-12). The Nash objective is a logarithm, so there the tolerance is absolute
    /// in log units, which is relative on the Nash product.
    public var tieTolerance: Double = 1e-12
    /// The lottery Nash solution stops when its Frank–Wolfe duality gap is at most this, in log
    /// units of the Nash product (10^-12).
    public var lotteryGap: Double = 1e-12
    /// Most iterations of an iterative method (Frank–Wolfe, 20,000). A method that reaches it
    /// reports the status `iterationLimit` with its gap; it never stops silently.
    public var maxIterations: Int = 20_000
    /// Most halvings of a bisection (line search, root search): 100 halve any bracket of doubles
    /// down to adjacent numbers.
    public var bisectionSteps: Int = 100
    /// Most bytes the frontier computation may hold in point buffers (the group frontiers, the
    /// merge tree, a merge's candidates and its skyline filter), estimated before they are
    /// allocated; beyond it the computation is refused (`Refusal.memoryBudget`) instead of
    /// swapping. Default: half the machine's physical memory (`defaultMaxMemory`).
    public var maxMemory: Int = SolverSettings.defaultMaxMemory

    /// Half of the physical memory (`ProcessInfo.physicalMemory`, read once), or 4 GiB where the
    /// system does not say.
    public static let defaultMaxMemory: Int = {
        let physical = ProcessInfo.processInfo.physicalMemory
        guard physical > 0 else { return 1 << 32 }
        return Int(clamping: physical / 2)
    }()

    public init() {}

    /// The first setting out of its domain, if any: `(name, requirement)`.
    public var problem: (setting: String, requirement: String)? {
        if !(maxEnumeration.isFinite && maxEnumeration >= 1) { return ("maxEnumeration", "a number of packages ≥ 1") }
        if !(countLimit.isFinite && countLimit >= 0) { return ("countLimit", "a number of packages ≥ 0") }
        if !(tieTolerance.isFinite && tieTolerance >= 0 && tieTolerance < 1) { return ("tieTolerance", "in [0, 1)") }
        if !(lotteryGap.isFinite && lotteryGap > 0) { return ("lotteryGap", "a positive number") }
        if maxIterations < 1 { return ("maxIterations", "at least 1") }
        if bisectionSteps < 1 { return ("bisectionSteps", "at least 1") }
        if maxMemory < 1 { return ("maxMemory", "a number of bytes ≥ 1") }
        return nil
    }

    /// Whether `a` ties with or beats `b` as objective values (larger is better) under `tieTolerance`
    /// relative to the larger magnitude.
    public func atLeast(_ a: Double, _ b: Double) -> Bool {
        a >= b - tieTolerance * max(abs(a), abs(b))
    }
}
