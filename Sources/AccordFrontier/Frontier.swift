import AccordModel
import AccordSkyline
import AccordSpace

/// The acceptable Pareto frontier of a discrete scenario (DESIGN.md §1.3): the acceptable packages
/// that no other acceptable package weakly improves for every party and strictly for one; of
/// packages with identical utilities the earliest in issue and option order represents them.
/// Points are sorted by utilities lexicographically descending (first party's utility first).
public struct Frontier: Sendable {
    public let space: DiscreteSpace
    public let method: FrontierMethod
    private let points: PointBuffer
    private let tree: MergeTree?

    /// Computes the frontier of `space` with no limit of size or memory (callers that have
    /// checked the sizes themselves, cross-checks).
    ///
    /// - Complexity: Pareto-sum: the sum over merges of (product of the two frontier sizes) in the
    ///   worst case, far less in practice; enumeration: the size of the outcome space.
    public init(space: DiscreteSpace, method: FrontierMethod = .paretoSum, progress: ProgressCounter? = nil) {
        self.init(space: space, method: method, progress: progress) { _ in }
    }

    /// Computes the frontier of `space` within the limits of `settings`: refused before any
    /// enumeration beyond `settings.maxEnumeration` packages (`Refusal.spaceTooLarge`,
    /// `.groupTooLarge`), and before point buffers beyond `settings.maxMemory` bytes are
    /// allocated (`Refusal.memoryBudget`; the estimate is checked before each group frontier is
    /// joined and before each merge's candidates and skyline filter).
    public init(space: DiscreteSpace, settings: SolverSettings, progress: ProgressCounter? = nil) throws(Refusal) {
        if let refusal = space.enumerationRefusal(method: settings.method, limit: settings.maxEnumeration) { throw refusal }
        try self.init(space: space, method: settings.method, progress: progress, check: settings.memoryCheck)
    }

    /// `init(space:settings:progress:)` for callers that report errors as `ScenarioError`: a
    /// refusal becomes `ScenarioError.refused(file:_:)`.
    public init(space: DiscreteSpace, settings: SolverSettings, file: String) throws(ScenarioError) {
        do {
            try self.init(space: space, settings: settings)
        } catch {
            throw .refused(file: file, error)
        }
    }

    private init<Failure: Error>(
        space: DiscreteSpace, method: FrontierMethod, progress: ProgressCounter?, check: MemoryCheck<Failure>
    ) throws(Failure) {
        self.space = space
        self.method = method
        switch method {
        case .paretoSum:
            let tree = try ParetoSum.frontier(of: space, progress: progress, check: check)
            self.tree = tree
            points = tree.frontier
        case .enumeration:
            tree = nil
            let all = GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold)
            progress?.begin(.enumerating(group: 1, of: 1), unit: "packages")
            points = try all.frontier(progress: progress, stage: .enumerating(group: 1, of: 1), held: 0, check: check)
        }
    }

    public var count: Int { points.count }
    public var isEmpty: Bool { points.isEmpty }

    /// Utilities of point `index`, in party order.
    public func utilities(at index: Int) -> [Double] {
        (0..<space.partyCount).map { utility(at: index, party: $0) }
    }

    /// Party `i`'s utility at point `index`.
    public func utility(at index: Int, party i: Int) -> Double {
        space.quantizer.utility(points.coordinate(index, i), party: i)
    }

    /// The integer utility (`Quantizer`) of party `i` at point `index`.
    package func quantizedUtility(at index: Int, party i: Int) -> Int64 { points.coordinate(index, i) }

    /// Gains of point `index` over the disagreement point, in party order (`gain(at:party:)`).
    public func gains(at index: Int) -> [Double] {
        (0..<space.partyCount).map { gain(at: index, party: $0) }
    }

    /// Party `i`'s gain at point `index`, from the integers: `(q_i − t_i) / s_i` for the quantized
    /// utility `q_i` and threshold `t_i` where `t_i` stands for `d_i` exactly
    /// (`DiscreteSpace.thresholdIsExact`), so a gain is positive exactly when the package is
    /// strictly better than disagreement. Otherwise `t_i` lies above `d_i` and `t_i/s_i − d_i` is
    /// added; every point is acceptable (`q_i ≥ t_i`), so the gain is positive there even where
    /// that difference is below a double's resolution.
    public func gain(at index: Int, party i: Int) -> Double {
        let q = points.coordinate(index, i), t = space.threshold[i]
        let gain = space.quantizer.utility(q - t, party: i)
        guard !space.thresholdIsExact[i] else { return gain }
        let total = gain + (space.quantizer.utility(t, party: i) - space.disagreement[i])
        // A clamped threshold (beyond every utility) says nothing exact: keep the difference.
        guard total <= 0, abs(t) < space.quantizer.limit else { return total }
        return .leastNormalMagnitude
    }

    /// The package of point `index`: the option index of every issue.
    public func package(at index: Int) -> [Int] {
        if let tree { return tree.package(at: index) }
        return points.tagSlice(index).map(Int.init)
    }

    /// Debug check of the defining property: no point covers another.
    func _checkInvariants() -> Bool { points._checkNonDominated() }
}
