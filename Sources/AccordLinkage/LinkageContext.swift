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
    /// The value of every issue, in issue order: an option, a range's number, or the shares of a
    /// divisible issue (all 0 when it is not divided, its status quo when none is given).
    public var package: [IssueValue]
    public var utilities: [Double]
    /// `u_i − baseline_i` (the status quo's utility or the reservation).
    public var gains: [Double]
    /// `Π (u_i − d_i)^{p_i}`, or 0 when the package is not acceptable or some `u_i ≤ d_i`.
    public var nashProduct: Double
    /// Crosses no red line and gives every party `u_i ≥ d_i`.
    public var isAcceptable: Bool

    /// Exact utilities (quantized, see `Quantizer`) when every issue is discrete: comparisons
    /// between outcomes are then exact. `nil` with range or divisible issues, whose utilities
    /// are compared within `LinkageTolerance.utility`.
    let exact: [Int64]?
    /// `Σ p_i log(u_i − d_i)`, `nil` when the Nash product is 0.
    package let score: Double?
}

/// The settlement of a bundle of tracks bargained alone: Nash over the bundle's issues with every
/// other issue at its status quo, against the full scenario's disagreement point.
struct BundleSettlement {
    /// Track indices, ascending.
    var tracks: [Int]
    /// The whole package: the bundle's issues as agreed, every other issue at its status quo.
    var package: [IssueValue]
    /// Whether the bundle reached an agreement; when not, it stays at the status quo.
    var reached: Bool
    /// The bundle alone has no agreement zone (empty frontier); `reached` false then.
    var zoneIsEmpty: Bool
    /// Why the bundle has no agreement, when the solve that settled it said so (with range or
    /// divisible issues); `nil` otherwise (`reason(of:)` works it out when asked).
    var reason: NoAgreementReason?
    /// What the bundle adds over the status quo, `u_i(package) − u_i(status quo)`, whatever the
    /// baseline of the reported gains (the bundling bound adds these up).
    var increment: [Double]
}

/// The state one linkage analysis shares between its parts: the compiled scenario, the status
/// quo, the tracks and a cache of bundle settlements (each bundle is solved at most once).
///
/// A scenario whose issues are all discrete is compiled into its exact `DiscreteSpace` and every
/// comparison is exact; one with range or divisible issues is bargained through the solver's
/// concave search (`Solver.solve` on each bundle, the held issues fixed) and compared within
/// `LinkageTolerance`.
final class LinkageContext {
    let scenario: Scenario
    let file: String
    /// The exact space when every issue is discrete; `nil` with range or divisible issues.
    let space: DiscreteSpace?
    /// The problem of the whole scenario when it has range or divisible issues; `nil` otherwise.
    let problem: BargainingProblem?
    let tracks: [LinkageTrack]
    /// The status quo of every issue (`Scenario.linkageStatusQuo`).
    let statusQuo: [IssueValue]
    let statusQuoUtilities: [Double]
    /// The status quo's exact utilities (discrete scenarios only).
    let statusQuoExact: [Int64]?
    /// `d_i`, as `solve` takes it.
    let disagreement: [Double]
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
        // Normalized once for the whole scenario, so every derived (track) problem reads the same units.
        let continuous = scenario.issues.contains { $0.options == nil }
        let scenario = scenario.normalize && continuous ? try scenario.normalizedUtilities(file: file) : scenario
        self.scenario = scenario
        self.file = file
        self.settings = settings
        self.baseline = baseline
        let statusQuo = try scenario.linkageStatusQuo(file: file)
        self.statusQuo = statusQuo
        tracks = scenario.linkageTracks
        let n = scenario.parties.count
        if scenario.issues.allSatisfy({ $0.options != nil }) {
            let space = try DiscreteSpace(scenario, file: file)  // its size is checked by `frontier(of:)`
            let exact = space.quantizedUtilities(of: statusQuo.map { $0.option ?? 0 })
            self.space = space
            problem = nil
            disagreement = space.disagreement
            statusQuoExact = exact
            statusQuoUtilities = exact.indices.map { space.quantizer.utility(exact[$0], party: $0) }
        } else {
            let problem = try BargainingProblem(scenario, file: file, concepts: [.nash])
            space = nil
            self.problem = problem
            disagreement = problem.concave?.disagreement ?? []
            statusQuoExact = nil
            statusQuoUtilities = (0..<n).map { scenario.utility(of: statusQuo, party: $0) }
        }
        objective = NashObjective(scenario: scenario, disagreement: disagreement)
        let atStatusQuo = statusQuoUtilities
        switch baseline {
        case .statusQuo: baselineOffset = Array(repeating: 0, count: n)
        case .reservation: baselineOffset = (0..<n).map { atStatusQuo[$0] - scenario.parties[$0].reservation }
        }
    }

    /// The frontier of `space` with the analysis' settings (method, enumeration limit).
    ///
    /// - Throws: `ScenarioError.unsupported` when the space needs an enumeration above
    ///   `settings.maxEnumeration` or point buffers beyond `settings.maxMemory`.
    func frontier(of space: DiscreteSpace) throws(ScenarioError) -> Frontier {
        try Frontier(space: space, settings: settings, file: file)
    }

    var partyCount: Int { scenario.parties.count }

    /// The tolerance of comparisons between utilities: 0 (exact) for a discrete scenario,
    /// `LinkageTolerance.utility` with continuous issues.
    var tolerance: Double { space == nil ? LinkageTolerance.utility : 0 }

    /// `a` is below `b` beyond the tolerance.
    func below(_ a: Double, _ b: Double) -> Bool { a < b - tolerance * max(1, abs(b)) }

    /// Party `party` gets less from `a` than from `b` (exactly, or beyond the tolerance).
    func less(_ a: LinkageOutcome, _ b: LinkageOutcome, party: Int) -> Bool {
        if let x = a.exact, let y = b.exact { return x[party] < y[party] }
        return below(a.utilities[party], b.utilities[party])
    }

    /// `u_i(b) − u_i(a)` per party: exact for a discrete scenario; with continuous issues a
    /// difference within the tolerance is 0 (rounding of the solves, not a change).
    func change(from a: LinkageOutcome, to b: LinkageOutcome) -> [Double] {
        if let space, let x = a.exact, let y = b.exact {
            return x.indices.map { space.quantizer.utility(y[$0] - x[$0], party: $0) }
        }
        return a.utilities.indices.map { i in
            let delta = b.utilities[i] - a.utilities[i]
            return abs(delta) <= tolerance * max(1, abs(b.utilities[i])) ? 0 : delta
        }
    }

    /// The issues on which two packages differ (`Scenario.linkageValuesDiffer`), ascending.
    func differences(_ a: [IssueValue], _ b: [IssueValue]) -> [Int] {
        scenario.issues.indices.filter { scenario.linkageValuesDiffer(a[$0], b[$0], issue: $0) }
    }

    /// The outcome of a complete package.
    ///
    /// - Parameter allowed: when given, overrides the red-line test (a package that is the Nash
    ///   solution of a scenario without some red line is acceptable *there*).
    /// - Complexity: O(issues · parties + interactions + red lines).
    func outcome(of package: [IssueValue], allowed: Bool? = nil) -> LinkageOutcome {
        let n = partyCount
        let utilities: [Double], gains: [Double], exact: [Int64]?, acceptable: Bool
        if let space, let statusQuoExact {
            let options = package.map { $0.option ?? 0 }
            let quantized = space.quantizedUtilities(of: options)
            utilities = (0..<n).map { space.quantizer.utility(quantized[$0], party: $0) }
            gains = (0..<n).map { space.quantizer.utility(quantized[$0] - statusQuoExact[$0], party: $0) + baselineOffset[$0] }
            acceptable = (allowed ?? space.isAllowed(options)) && zip(quantized, space.threshold).allSatisfy { $0 >= $1 }
            exact = quantized
        } else {
            utilities = (0..<n).map { scenario.utility(of: package, party: $0) }
            gains = (0..<n).map { utilities[$0] - statusQuoUtilities[$0] + baselineOffset[$0] }
            acceptable = (allowed ?? scenario.allowsLinkagePackage(package)) && (0..<n).allSatisfy { !below(utilities[$0], disagreement[$0]) }
            exact = nil
        }
        let score = acceptable ? objective.value(utilities) : nil
        let product = score == nil ? 0 : NashObjective.product(gains: zip(utilities, disagreement).map { $0 - $1 }, power: objective.power)
        return LinkageOutcome(
            package: package, utilities: utilities, gains: gains, nashProduct: product, isAcceptable: acceptable, exact: exact, score: score)
    }

    /// The Nash settlement of the bundle of `tracks` bargained alone (cached).
    ///
    /// - Complexity: one frontier computation (discrete issues) or one concave search (with range
    ///   or divisible issues in the bundle) of the scenario restricted to the bundle's issues.
    func settle(_ tracks: [Int]) throws(ScenarioError) -> BundleSettlement {
        let key = tracks.sorted()
        if let cached = cache[key] { return cached }
        let free = Set(key.flatMap { self.tracks[$0].issues })
        let answer = try nash(of: scenario.holdingAtStatusQuo(except: free, statusQuo: statusQuo), explainable: scenario.redLineReferences)
        // The held issues come back as the one option they were fixed to: their status quo.
        let package = answer.package.map { agreed in agreed.indices.map { free.contains($0) ? agreed[$0] : statusQuo[$0] } }
        return record(key, package: package, zoneIsEmpty: answer.zoneIsEmpty, reason: answer.reason)
    }

    /// Records the settlement of `tracks` from a frontier already computed (discrete scenarios).
    func settlement(of tracks: [Int], on frontier: Frontier) -> BundleSettlement {
        let key = tracks.sorted()
        if let cached = cache[key] { return cached }
        let answer = nash(on: frontier)
        return record(key, package: answer.package, zoneIsEmpty: answer.zoneIsEmpty, reason: nil)
    }

    /// Caches the settlement of the bundle `key` (`package` `nil`: no agreement).
    private func record(_ key: [Int], package: [IssueValue]?, zoneIsEmpty: Bool, reason: NoAgreementReason?) -> BundleSettlement {
        solved += 1
        let agreed = package ?? statusQuo
        let reached = outcome(of: agreed)
        let increment: [Double]
        if let space, let exact = reached.exact, let statusQuoExact {
            increment = exact.indices.map { space.quantizer.utility(exact[$0] - statusQuoExact[$0], party: $0) }
        } else {
            increment = (0..<partyCount).map { reached.utilities[$0] - statusQuoUtilities[$0] }
        }
        let settlement = BundleSettlement(
            tracks: key, package: agreed, reached: package != nil, zoneIsEmpty: zoneIsEmpty, reason: package == nil ? reason : nil,
            increment: increment)
        cache[key] = settlement
        return settlement
    }

    /// The package that the bundles' settlements make together: each issue as its bundle agreed.
    func combine(_ settlements: [BundleSettlement]) -> [IssueValue] {
        var package = statusQuo
        for settlement in settlements {
            for t in settlement.tracks {
                for j in tracks[t].issues { package[j] = settlement.package[j] }
            }
        }
        return package
    }
}

extension LinkageContext {
    /// Why the bundle of `tracks` has no agreement alone (call only when it has none): the
    /// reason of its restricted space, naming only the parties' own red lines (those that hold
    /// the other tracks at their status quo are part of the problem), or `noPositiveGain` when
    /// acceptable packages exist but none gives every party more than `d_i`.
    ///
    /// - Complexity: that of `Solver.noAgreementReason` on the restricted space (nothing more
    ///   when the bundle's concave search already gave the reason).
    func reason(of tracks: [Int]) throws(ScenarioError) -> NoAgreementReason {
        let settlement = try settle(tracks)
        if let reason = settlement.reason { return reason }
        guard settlement.zoneIsEmpty else { return .noPositiveGain }
        let free = Set(tracks.flatMap { self.tracks[$0].issues })
        let restricted = try DiscreteSpace(scenario.holdingAtStatusQuo(except: free, statusQuo: statusQuo), file: file)
        return Solver.noAgreementReason(restricted, candidates: scenario.redLineReferences, settings: settings, file: file)
    }
}
