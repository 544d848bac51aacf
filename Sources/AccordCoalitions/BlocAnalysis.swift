import AccordGames
import AccordModel

/// The package when blocs negotiate as one (`coalitions --blocs`): inside each bloc, which
/// members accept and whether that passes the bloc's own rule; among the voting units (each bloc,
/// and each party in no bloc), which accept, whether the package passes the scenario's rule, the
/// pivotal units and each unit's voting power.
///
/// A bloc *accepts* when its accepting members win under its rule; then every member counts as
/// accepting for the scenario's rule, and none does when it rejects (members vote with their
/// bloc). A set of units wins when the parties they bring (weights and numbers) win.
public struct BlocAnalysis: Sendable {
    public struct Unit: Sendable {
        public var id: String
        /// Party indices.
        public var members: [Int]
        public var isBloc: Bool
    }

    public struct Inside: Sendable {
        public var bloc: Int
        /// The members (party indices) that accept the package themselves.
        public var accepting: [Int]
        public var accepts: Bool
        /// Members whose rejection makes the bloc reject (it accepts), or whose acceptance makes
        /// it accept (it rejects).
        public var pivotal: [Int]
        /// Voting power inside the bloc, in the order of its members.
        public var power: PowerIndices
    }

    public var units: [Unit]
    public var inside: [Inside]
    /// Indices into `units`.
    public var acceptingUnits: [Int]
    public var passes: Bool
    public var pivotalUnits: [Int]
    /// Voting power of the units; `nil` when it was not computed (`notes` says why).
    public var power: PowerIndices?
    /// Whether `power` is a sampling estimate (`SampledPower`).
    public var powerIsEstimate = false
    /// The orders and coalitions sampled when the units' power is estimated.
    public static let powerSamples = 100_000
    public var notes: [String] = []

    /// - Parameters:
    ///   - rule: the scenario's rule over its parties (`DecisionRule.votingRule(weights:)`).
    ///   - accepting: the parties that accept the package themselves.
    public static func analyze(_ scenario: Scenario, rule: WeightedVotingRule, accepting: [Int]) throws(CoalitionError) -> BlocAnalysis {
        let accepts = Set(accepting)
        var inside: [Inside] = []
        for (index, bloc) in scenario.blocs.enumerated() {
            let own = try bloc.decisionRule.votingRule(weights: bloc.members.map { scenario.parties[$0].weight })
            let power = try PowerIndices(own)
            let positions = bloc.members.indices.filter { accepts.contains(bloc.members[$0]) }
            let (passes, pivotal) = own.outcome(accepting: positions)
            inside.append(Inside(bloc: index, accepting: positions.map { bloc.members[$0] }, accepts: passes, pivotal: pivotal.map { bloc.members[$0] }, power: power))
        }
        let inBloc = Set(scenario.blocs.flatMap(\.members))
        let units = scenario.blocs.map { Unit(id: $0.id, members: $0.members, isBloc: true) }
            + scenario.parties.indices.filter { !inBloc.contains($0) }.map { Unit(id: scenario.parties[$0].id, members: [$0], isBloc: false) }
        let weight = units.map { $0.members.reduce(0) { $0 + rule.weights[$1] } }
        let count = units.map(\.members.count)
        func wins(_ chosen: [Int]) -> Bool {
            rule.isWinning(weight: chosen.reduce(0) { $0 + weight[$1] }, count: chosen.reduce(0) { $0 + count[$1] })
        }
        let acceptingUnits = units.indices.filter { u in
            units[u].isBloc ? inside[u].accepts : accepts.contains(units[u].members[0])
        }
        let (passes, pivotalUnits) = rule.outcome(accepting: acceptingUnits, weights: weight, counts: count)
        var analysis = BlocAnalysis(units: units, inside: inside, acceptingUnits: acceptingUnits, passes: passes, pivotalUnits: pivotalUnits, power: nil)
        analysis.power = Self.unitPower(weight: weight, count: count, rule: rule, wins: wins)
        if analysis.power == nil, let sampled = SampledPower(
            weights: weight, counts: count, weightQuota: rule.weightQuota, countQuota: rule.countQuota, samples: Self.powerSamples, seed: 1) {
            analysis.power = PowerIndices(shapleyShubik: sampled.shapleyShubik, banzhaf: sampled.banzhaf)
            analysis.powerIsEstimate = true
            let widest = sampled.shapleyShubikHalfWidth.max() ?? 0
            analysis.notes.append("the voting power of the \(units.count) units is a sampling estimate (\(Self.powerSamples) random orders and coalitions, seed 1; Shapley–Shubik within ±\(formatNumber(widest)) at 95%): blocs bring both weight and numbers to the rule, and exact counting stops at \(SimpleGamePower.enumerationLimit) units")
        }
        return analysis
    }

    /// The units' power: a weighted rule over units where one threshold suffices (only weights,
    /// or only numbers, count), else by enumerating the unit coalitions.
    private static func unitPower(weight: [Int], count: [Int], rule: WeightedVotingRule, wins: ([Int]) -> Bool) -> PowerIndices? {
        let single: WeightedVotingRule?
        if count.allSatisfy({ $0 == 1 }) {
            single = try? WeightedVotingRule(weights: weight, weightQuota: rule.weightQuota, countQuota: rule.countQuota)
        } else if rule.weightQuota == 0 {
            single = try? WeightedVotingRule(weights: count, weightQuota: rule.countQuota, countQuota: 0)
        } else if rule.countQuota <= 1 {
            single = try? WeightedVotingRule(weights: weight, weightQuota: rule.weightQuota, countQuota: rule.countQuota)
        } else {
            single = nil
        }
        if let single, let power = try? PowerIndices(single) { return power }
        return SimpleGamePower(players: weight.count) { wins($0.members) }.map { PowerIndices(shapleyShubik: $0.shapleyShubik, banzhaf: $0.banzhaf) }
    }
}
