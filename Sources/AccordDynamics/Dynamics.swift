import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// The bargaining protocols of `accord dynamics`.
public enum DynamicsProtocol: String, Sendable, CaseIterable {
    /// Rubinstein alternating offers with discounting: the stationary subgame-perfect agreement.
    case rubinstein
    /// Zeuthen's monotonic concession process: the sequence of offers up to agreement.
    case zeuthen
    /// Baron–Ferejohn legislative bargaining among n parties (`BaronFerejohn`).
    case baronFerejohn = "baron-ferejohn"
}

/// The answer of `dynamics` (DESIGN.md §2.4).
public struct DynamicsReport: Sendable {
    public var scenario: Scenario
    public var protocolName: DynamicsProtocol
    public var firstProposer: Int
    /// `δ_i` per party (Rubinstein only).
    public var discount: [Double]?
    public var bargainingSet: BargainingSet
    public var rubinstein: RubinsteinSolution?
    /// Where Rubinstein's agreement goes as the time between offers shrinks (Rubinstein only).
    public var limit: RubinsteinLimit?
    public var zeuthen: ZeuthenPath?
    /// The Nash solution with the scenario's `power:` on the same set, for comparison: on the
    /// curve with lotteries (Rubinstein; its limit is `limit`, whose powers come from the
    /// discount factors), or the pure Nash offer (Zeuthen's end point).
    public var nash: BargainingCurve.Point?
    /// The settings the run used (frontier method, enumeration limit, tolerances, caps).
    public var settings: SolverSettings

    public var disagreement: [Double] { bargainingSet.disagreement }
    public var power: [Double] { scenario.parties.map(\.power) }

    /// The agreed point, if any.
    public var agreement: BargainingCurve.Point? {
        if let rubinstein { return rubinstein.agreement }
        if let zeuthen { return BargainingCurve.Point(utilities: zeuthen.agreement.utilities, outcome: .package(zeuthen.agreement.package)) }
        return nil
    }
}

public enum Dynamics {
    /// Runs a protocol on a two-party scenario.
    ///
    /// - Parameters:
    ///   - discount: `δ_i` per party in party order, each in (0, 1] and not all 1 (Rubinstein
    ///     only); `nil` takes each party's `discount` from the scenario.
    ///   - first: the index of the party that proposes first (Rubinstein) or opens (Zeuthen).
    ///   - settings: the frontier method and enumeration limit (as for `solve`), the tie
    ///     tolerance and the bisection cap.
    /// - Throws: `ScenarioError.unsupported` for scenarios the dynamics do not model (see
    ///   `BargainingSet.init`), for discount factors missing or out of range, for `first` not a
    ///   party, or for settings out of their domain (`SolverSettings.problem`).
    public static func run(
        _ scenario: Scenario, file: String, protocol kind: DynamicsProtocol, discount: [Double]? = nil, first: Int = 0,
        settings: SolverSettings = SolverSettings()
    ) throws(ScenarioError) -> DynamicsReport {
        if let problem = settings.problem {
            throw .unsupported(file: file, reason: "setting \(problem.setting) must be \(problem.requirement)")
        }
        guard kind != .baronFerejohn else {
            throw .unsupported(file: file, reason: "Baron–Ferejohn bargaining has its own solver (BaronFerejohn.solve)")
        }
        let set = try BargainingSet(scenario, file: file, settings: settings)
        guard scenario.parties.indices.contains(first) else {
            throw .unsupported(file: file, reason: "the first proposer must be party 1 or 2, found index \(first)")
        }
        var δ: [Double]? = nil
        if kind == .rubinstein {
            let factors = discount ?? scenario.parties.compactMap(\.discount)
            guard factors.count == scenario.parties.count, factors.allSatisfy({ $0 > 0 && $0 <= 1 }), factors.contains(where: { $0 < 1 }) else {
                throw .unsupported(file: file, reason: "Rubinstein needs a discount factor in (0, 1] for every party, at least one below 1")
            }
            δ = factors
        }
        var report = DynamicsReport(
            scenario: scenario, protocolName: kind, firstProposer: first, discount: δ,
            bargainingSet: set, rubinstein: nil, limit: nil, zeuthen: nil, nash: nil, settings: settings)
        guard set.noAgreementReason == nil else { return report }
        let power = scenario.parties.map(\.power)
        if let δ {  // Rubinstein
            report.rubinstein = Rubinstein.solve(on: set.curve, disagreement: set.disagreement, discount: δ, first: first, settings: settings)
            report.limit = Rubinstein.limit(on: set.curve, disagreement: set.disagreement, discount: δ)
            report.nash = set.curve.nash(disagreement: set.disagreement, power: power)
        } else {  // Zeuthen
            report.zeuthen = Zeuthen.run(offers: set.offers, disagreement: set.disagreement, power: power, first: first, settings: settings)
            report.nash = pureNash(set.offers, disagreement: set.disagreement, power: power, settings: settings)
        }
        return report
    }

    /// The pure offer with the largest Nash product (ties: larger `Σ u_i`, then earlier), as
    /// `SolutionSelector` chooses.
    static func pureNash(
        _ offers: [BargainingCurve.Vertex], disagreement: [Double], power: [Double], settings: SolverSettings
    ) -> BargainingCurve.Point? {
        let selector = SolutionSelector(
            utilities: offers.flatMap(\.utilities), disagreement: disagreement, power: power, settings: settings) { $0 < $1 }
        guard let k = selector.select(.nash) else { return nil }
        return BargainingCurve.Point(utilities: offers[k].utilities, outcome: .package(offers[k].package))
    }
}
