import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// What a package gives the parties in a linkage analysis.
///
/// Gains are over the baseline (`LinkageBaseline`): by default the **status quo** (DESIGN.md
/// §1.4), `gains_i = u_i(x) − u_i(status quo)`; with `.reservation`, `u_i(x) − reservation_i`.
/// The Nash product is over the scenario's disagreement point `d`, as in `solve`:
/// `Π (u_i − d_i)^{p_i}` when the package is acceptable and every `u_i > d_i`, else 0.
public struct LinkageOutcome: Sendable, Equatable {
    /// The value of every issue, in issue order.
    public var package: [IssueValue]
    public var utilities: [Double]
    /// `u_i − baseline_i` (the status quo's utility or the reservation).
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
    /// The bundle alone has no agreement zone (empty frontier); `reached` false then.
    var zoneIsEmpty: Bool
    /// What the bundle adds over the status quo, `u_i(options) − u_i(status quo)`, whatever the
    /// baseline of the reported gains (the bundling bound adds these up).
    var increment: [Double]
}

/// The state one linkage analysis shares between its parts: the compiled full space, the status
/// quo, the tracks and a cache of bundle settlements (each bundle is solved at most once).
final class LinkageContext {
    let scenario: Scenario
    let file: String
    let space: DiscreteSpace
    let tracks: [LinkageTrack]
    let statusQuo: [Int]
    let statusQuoExact: [Int64]
    let objective: NashObjective
    let settings: SolverSettings
    let baseline: LinkageBaseline
    /// `u_i(status quo) − baseline_i`: 0 for the status-quo baseline.
    let baselineOffset: [Double]
    /// Number of bundles solved (cache misses).
    private(set) var solved = 0
    private var cache: [[Int]: BundleSettlement] = [:]

    init(
        scenario: Scenario, file: String, settings: SolverSettings = SolverSettings(), baseline: LinkageBaseline = .statusQuo
    ) throws(ScenarioError) {
        self.scenario = scenario
        self.file = file
        self.settings = settings
        self.baseline = baseline
        let space = try DiscreteSpace(scenario, file: file)  // its size is checked by `frontier(of:)`
        let statusQuo = try scenario.linkageStatusQuo(file: file)
        self.statusQuo = statusQuo
        self.space = space
        tracks = scenario.linkageTracks
        objective = NashObjective(scenario: scenario, disagreement: space.disagreement)
        let statusQuoExact = space.quantizedUtilities(of: statusQuo)
        self.statusQuoExact = statusQuoExact
        switch baseline {
        case .statusQuo:
            baselineOffset = Array(repeating: 0, count: space.partyCount)
        case .reservation:
            baselineOffset = scenario.parties.indices.map { space.quantizer.utility(statusQuoExact[$0], party: $0) - scenario.parties[$0].reservation }
        }
    }

    /// The frontier of `space` with the analysis' settings (method, enumeration limit).
    ///
    /// - Throws: `ScenarioError.unsupported` when the space needs an enumeration above
    ///   `settings.maxEnumeration` or point buffers beyond `settings.maxMemory`.
    func frontier(of space: DiscreteSpace) throws(ScenarioError) -> Frontier {
        try Frontier(space: space, settings: settings, file: file)
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
        let gains = exact.indices.map { space.quantizer.utility(exact[$0] - statusQuoExact[$0], party: $0) + baselineOffset[$0] }
        let acceptable = (allowed ?? space.isAllowed(options)) && zip(exact, space.threshold).allSatisfy { $0 >= $1 }
        let score = acceptable ? objective.value(utilities) : nil
        let product = score == nil ? 0 : NashObjective.product(gains: zip(utilities, space.disagreement).map { $0 - $1 }, power: objective.power)
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
        let frontier = try frontier(of: try DiscreteSpace(restricted, file: file))
        let settlement = settlement(of: key, on: frontier)
        cache[key] = settlement
        return settlement
    }

    /// Records the settlement of `tracks` from a frontier already computed.
    func settlement(of tracks: [Int], on frontier: Frontier) -> BundleSettlement {
        let key = tracks.sorted()
        if let cached = cache[key] { return cached }
        solved += 1
        var settlement = BundleSettlement(tracks: key, options: statusQuo, reached: false, zoneIsEmpty: frontier.isEmpty, increment: [])
        if let agreement = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: nil)[0].result.agreement {
            settlement.options = agreement.package.map { $0.option ?? 0 }  // discrete spaces only hold options
            settlement.reached = true
        }
        let exact = space.quantizedUtilities(of: settlement.options)
        settlement.increment = exact.indices.map { space.quantizer.utility(exact[$0] - statusQuoExact[$0], party: $0) }
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

extension LinkageContext {
    /// Why the bundle of `tracks` has no agreement alone (call only when it has none): the
    /// reason of its restricted space, naming only the parties' own red lines (those that hold
    /// the other tracks at their status quo are part of the problem), or `noPositiveGain` when
    /// acceptable packages exist but none gives every party more than `d_i`.
    ///
    /// - Complexity: that of `Solver.noAgreementReason` on the restricted space.
    func reason(of tracks: [Int]) throws(ScenarioError) -> NoAgreementReason {
        let settlement = try settle(tracks)
        guard settlement.zoneIsEmpty else { return .noPositiveGain }
        let free = Set(tracks.flatMap { self.tracks[$0].issues })
        let restricted = try DiscreteSpace(scenario.holdingAtStatusQuo(except: free, statusQuo: statusQuo), file: file)
        return Solver.noAgreementReason(restricted, candidates: scenario.redLineReferences, settings: settings, file: file)
    }
}
