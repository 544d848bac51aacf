import AccordFrontier
import AccordModel
import AccordSpace
import Foundation

/// The frontier and the bargaining solutions of a two-party negotiation with rectangle utilities
/// (GENIUS's nonlinear spaces): the exact frontier (`RectangleFrontier`), and each solution
/// concept selected over its points by `SolutionSelector`, the one selection rule of Accord. Nash,
/// Kalai–Smorodinsky, egalitarian and utilitarian pick a Pareto-optimal package over pure
/// packages, so selecting over the frontier is selecting over all 10^30 packages.
public struct NonlinearSolution: Sendable {
    public let negotiation: NonlinearNegotiation
    public let frontier: RectangleFrontier
    /// Each concept asked for, and the index of its frontier point (`nil`: no acceptable package).
    public let solutions: [(concept: SolutionConcept, point: Int?)]
    public let disagreement: [Double]
    public let seconds: Double

    /// Solves `negotiation` for `concepts`; `progress` gets the frontier points found so far.
    /// With `timeLimit` the frontier may stop early (`frontier.unexplored`): the solutions are
    /// then the best among the points found, not certified.
    public init(
        _ negotiation: NonlinearNegotiation, concepts: [SolutionConcept], timeLimit: Double? = nil, progress: ((Int) -> Void)? = nil
    ) throws(RectangleFrontier.Failure) {
        let start = Date()
        self.negotiation = negotiation
        frontier = try RectangleFrontier(negotiation, timeLimit: timeLimit, progress: progress)
        let disagreement = negotiation.parties.map(\.reservation)
        self.disagreement = disagreement
        let n = negotiation.parties.count
        let points = frontier.points
        let utilities = points.flatMap(\.utilities)
        // Exact integers where every maxutility and reservation times it are integers (every
        // ANAC 2014 domain): utility = value / maxutility, so ties are settled exactly.
        let units = negotiation.utilities.map { $0.maximum }
        let reservations = zip(disagreement, units).map { $0 * $1 }
        let integral = (units + reservations).allSatisfy { $0 == $0.rounded() && abs($0) < 0x1p52 }
        let exact = integral ? ExactOutcomes(
            utilities: points.flatMap(\.values),
            gains: points.flatMap { point in zip(point.values, reservations).map { $0 - Int64($1) } },
            units: units.map { Int64($0) }) : nil
        let selector = SolutionSelector(
            utilities: utilities, gains: utilities.indices.map { utilities[$0] - disagreement[$0 % n] }, exact: exact,
            disagreement: disagreement, power: negotiation.parties.map(\.power), precedes: { $0 < $1 })
        solutions = concepts.map { ($0, selector.select($0)) }
        seconds = Date().timeIntervalSince(start)
    }
}
