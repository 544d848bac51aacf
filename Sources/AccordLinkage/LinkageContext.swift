import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// What a package gives the parties in a linkage analysis.
///
/// Gains are over the **status quo** (DESIGN.md §1.4): `gains_i = u_i(x) − u_i(status quo)`.
/// The Nash product is over the scenario's disagreement point `d`, as in `solve`:
/// `Π (u_i − d_i)^{p_i}` when the package is acceptable and every `u_i > d_i`, else 0.
public struct LinkageOutcome: Sendable, Equatable {
    /// The value of every issue, in issue order.
    public var package: [IssueValue]
    public var utilities: [Double]
    /// `u_i − u_i(status quo)`.
    public var gains: [Double]
    /// `Π (u_i − d_i)^{p_i}`, or 0 when the package is not acceptable or some `u_i ≤ d_i`.
    public var nashProduct: Double
    /// Crosses no red line and gives every party `u_i ≥ d_i`.
    public var isAcceptable: Bool

    /// Option index of every issue.
    package let options: [Int]
    /// Exact utilities (quantized, see `Quantizer`): comparisons between outcomes are exact.
    let exact: [Int64]
    /// `Σ p_i log(u_i − d_i)`, `nil` when the Nash product is 0.
    package let score: Double?
}

/// The settlement of a bundle of tracks bargained alone: Nash over the bundle's issues with every
/// other issue at its status quo, against the full scenario's disagreement point.
struct BundleSettlement {
    /// Track indices, ascending.
    var tracks: [Int]
    /// The whole package: the bundle's issues as agreed, every other issue at its status quo.
    package var options: [Int]
    /// Whether the bundle reached an agreement; when not, it stays at the status quo.
    var reached: Bool
    /// Why not, when it did not.
    var reason: String?
    /// The bundle's gains over the status quo, `u_i(options) − u_i(status quo)`.
    var gains: [Double]
}

/// The state one linkage analysis shares between its parts: the compiled full space, the status
/// quo, the tracks and a cache of bundle settlements (each bundle is solved at most once).
final class LinkageContext {
    let scenario: Scenario
    let file: String
    let space: DiscreteSpace
    let tracks: [LinkageTrack]
    let statusQuo: [Int]
    let power: [Double]
    let statusQuoExact: [Int64]
    /// Number of bundles solved (cache misses).
    private(set) var solved = 0
    private var cache: [[Int]: BundleSettlement] = [:]

    init(scenario: Scenario, file: String) throws(ScenarioError) {
        self.scenario = scenario
        self.file = file
        let space = try DiscreteSpace(scenario, file: file)
        try space.checkEnumerationSize(settings: SolverSettings(), file: file)
        statusQuo = try scenario.linkageStatusQuo(file: file)
        self.space = space
        tracks = scenario.linkageTracks
        power = scenario.parties.map(\.power)
        statusQuoExact = space.quantizedUtilities(of: statusQuo)
    }

    var partyCount: Int { space.partyCount }

    /// The outcome of a complete package.
    ///
    /// - Parameter allowed: when given, overrides the red-line test (a package that is the Nash
    ///   solution of a scenario without some red line is acceptable *there*).
    /// - Complexity: O(issues · parties + interactions).
    func outcome(of options: [Int], allowed: Bool? = nil) -> LinkageOutcome {
        let exact = space.quantizedUtilities(of: options)
        let utilities = exact.indices.map { space.quantizer.utility(exact[$0], party: $0) }
        let gains = exact.indices.map { space.quantizer.utility(exact[$0] - statusQuoExact[$0], party: $0) }
        let acceptable = (allowed ?? space.isAllowed(options)) && zip(exact, space.threshold).allSatisfy { $0 >= $1 }
        var score: Double? = nil
        if acceptable {
            var total = 0.0
            var eligible = true
            for i in exact.indices {
                let gain = utilities[i] - space.disagreement[i]
                if gain <= 0 { eligible = false; break }
                total += power[i] * log(gain)
            }
            if eligible { score = total }
        }
        let product = score == nil ? 0 : NashObjective.product(gains: zip(utilities, space.disagreement).map { $0 - $1 }, power: power)
        return LinkageOutcome(
            package: options.map { .option($0) }, utilities: utilities, gains: gains, nashProduct: product,
            isAcceptable: acceptable, options: options, exact: exact, score: score)
    }

    /// The Nash settlement of the bundle of `tracks` bargained alone (cached).
    ///
    /// - Complexity: one frontier computation of the scenario restricted to the bundle's issues.
    func settle(_ tracks: [Int]) throws(ScenarioError) -> BundleSettlement {
        let key = tracks.sorted()
        if let cached = cache[key] { return cached }
        let free = Set(key.flatMap { self.tracks[$0].issues })
        let restricted = scenario.holdingAtStatusQuo(except: free, statusQuo: statusQuo)
        let frontier = Frontier(space: try DiscreteSpace(restricted, file: file))
        let settlement = settlement(of: key, on: frontier)
        cache[key] = settlement
        return settlement
    }

    /// Records the settlement of `tracks` from a frontier already computed.
    func settlement(of tracks: [Int], on frontier: Frontier) -> BundleSettlement {
        let key = tracks.sorted()
        if let cached = cache[key] { return cached }
        solved += 1
        let reason = frontier.isEmpty ? Solver.noAgreementReason(frontier.space) : nil
        let result = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: reason)[0].result
        var settlement = BundleSettlement(tracks: key, options: statusQuo, reached: false, reason: nil, gains: [])
        switch result {
        case .agreement(let agreement):
            settlement.options = agreement.package.map { $0.option ?? 0 }  // discrete spaces only hold options
            settlement.reached = true
        case .noAgreement(let why):
            settlement.reason = why
        }
        settlement.gains = outcome(of: settlement.options).gains
        cache[key] = settlement
        return settlement
    }

    /// The package that the bundles' settlements make together: each issue as its bundle agreed.
    func combine(_ settlements: [BundleSettlement]) -> [Int] {
        var options = statusQuo
        for settlement in settlements {
            for t in settlement.tracks {
                for j in tracks[t].issues { options[j] = settlement.options[j] }
            }
        }
        return options
    }
}
