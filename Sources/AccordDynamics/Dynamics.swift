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
}

/// A mistake in the arguments of the dynamics (a usage error, exit 64).
public struct DynamicsUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
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
    public var zeuthen: ZeuthenPath?
    /// The Nash solution on the same set, for comparison: on the curve with lotteries
    /// (Rubinstein's `δ → 1` limit), or the pure Nash offer (Zeuthen's end point).
    public var nash: BargainingCurve.Point?

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
    ///   - discount: `δ_i` per party, required by Rubinstein (see `discounts(for:given:)`).
    ///   - first: the party that proposes first (Rubinstein) or opens (Zeuthen).
    /// - Throws: `ScenarioError.unsupported` for scenarios the dynamics do not model (see
    ///   `BargainingSet.init`).
    public static func run(
        _ scenario: Scenario, file: String, protocol kind: DynamicsProtocol, discount: [Double]?, first: Int
    ) throws(ScenarioError) -> DynamicsReport {
        let set = try BargainingSet(scenario, file: file)
        var report = DynamicsReport(
            scenario: scenario, protocolName: kind, firstProposer: first, discount: kind == .rubinstein ? discount : nil,
            bargainingSet: set, rubinstein: nil, zeuthen: nil, nash: nil)
        guard set.noAgreementReason == nil else { return report }
        let power = scenario.parties.map(\.power)
        switch kind {
        case .rubinstein:
            guard let δ = discount ?? (try? discounts(for: scenario, given: [])) else {
                throw .unsupported(file: file, reason: "Rubinstein needs a discount factor below 1 for some party and one for every party")
            }
            report.rubinstein = Rubinstein.solve(on: set.curve, disagreement: set.disagreement, discount: δ, first: first)
            report.nash = set.curve.nash(disagreement: set.disagreement, power: power)
        case .zeuthen:
            let path = Zeuthen.run(offers: set.offers, disagreement: set.disagreement, power: power, first: first)
            report.zeuthen = path
            report.nash = pureNash(set.offers, disagreement: set.disagreement, power: power)
        }
        return report
    }

    /// The pure offer with the largest Nash product (ties: larger `Σ u_i`, then earlier), as
    /// `SolutionSelector` chooses.
    static func pureNash(_ offers: [BargainingCurve.Vertex], disagreement: [Double], power: [Double]) -> BargainingCurve.Point? {
        let selector = SolutionSelector(utilities: offers.flatMap(\.utilities), disagreement: disagreement, power: power) { $0 < $1 }
        guard let k = selector.select(.nash) else { return nil }
        return BargainingCurve.Point(utilities: offers[k].utilities, outcome: .package(offers[k].package))
    }

    /// Parses `A=0.9,B=0.8`.
    ///
    /// - Throws: `DynamicsUsageError` for a malformed entry, a repeated party or a factor
    ///   outside (0, 1].
    public static func parseDiscounts(_ text: String) throws(DynamicsUsageError) -> [(party: String, discount: Double)] {
        var result: [(party: String, discount: Double)] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty else {
                throw DynamicsUsageError("--discount expects PARTY=FACTOR pairs separated by commas, e.g. A=0.9,B=0.8; found '\(entry)'")
            }
            guard let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw DynamicsUsageError("--discount: '\(parts[1])' for party '\(name)' is not a number")
            }
            guard value > 0, value <= 1 else {
                throw DynamicsUsageError("--discount: the factor of '\(name)' must be in (0, 1], found \(numberText(value))")
            }
            guard !result.contains(where: { $0.party == name }) else {
                throw DynamicsUsageError("--discount gives party '\(name)' twice")
            }
            result.append((name, value))
        }
        return result
    }

    /// Each party's discount factor: from `given` (the command line), else the scenario's
    /// `discount`.
    ///
    /// - Throws: `DynamicsUsageError` naming an unknown party in `given`, a party with no
    ///   discount factor, or when every factor is 1 (then every split is an equilibrium).
    public static func discounts(for scenario: Scenario, given: [(party: String, discount: Double)]) throws(DynamicsUsageError) -> [Double] {
        for entry in given where scenario.partyIndex(entry.party) == nil {
            throw DynamicsUsageError("--discount names unknown party '\(entry.party)'; parties: \(scenario.parties.map(\.id).joined(separator: ", "))")
        }
        var result: [Double] = []
        for party in scenario.parties {
            guard let value = given.first(where: { $0.party == party.id })?.discount ?? party.discount else {
                throw DynamicsUsageError("no discount factor for party '\(party.id)': give --discount \(party.id)=0.9 (or 'discount:' for the party in the scenario)")
            }
            result.append(value)
        }
        if result.allSatisfy({ $0 == 1 }) {
            throw DynamicsUsageError("every discount factor is 1: with no cost of delay every split is an equilibrium; give at least one factor below 1")
        }
        return result
    }
}
