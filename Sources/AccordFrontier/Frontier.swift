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

    /// Computes the frontier of `space`.
    ///
    /// - Complexity: Pareto-sum: the sum over merges of (product of the two frontier sizes) in the
    ///   worst case, far less in practice; enumeration: the size of the outcome space.
    public init(space: DiscreteSpace, method: FrontierMethod = .paretoSum, progress: ProgressCounter? = nil) {
        self.space = space
        self.method = method
        switch method {
        case .paretoSum:
            let tree = ParetoSum.frontier(of: space, progress: progress)
            self.tree = tree
            points = tree.frontier
        case .enumeration:
            tree = nil
            let all = GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold)
            points = all.frontier(progress: progress)
        }
    }

    public var count: Int { points.count }
    public var isEmpty: Bool { points.isEmpty }

    /// Utilities of point `index`, in party order.
    public func utilities(at index: Int) -> [Double] {
        (0..<space.partyCount).map { space.quantizer.utility(points.coordinate(index, $0), party: $0) }
    }

    /// The package of point `index`: the option index of every issue.
    public func package(at index: Int) -> [Int] {
        if let tree { return tree.package(at: index) }
        return points.tagSlice(index).map(Int.init)
    }

    /// Debug check of the defining property: no point covers another.
    func _checkInvariants() -> Bool { points._checkNonDominated() }
}
