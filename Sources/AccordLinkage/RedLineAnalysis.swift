import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

/// A red line of the scenario: `scenario.preferences[party].redLines[index]`.
public struct RedLineReference: Sendable, Equatable, Hashable {
    public var party: Int
    public var index: Int

    public init(party: Int, index: Int) {
        self.party = party
        self.index = index
    }
}

/// What one red line does to the linked (all-issues) Nash solution.
public struct RedLineEffect: Sendable, Equatable {
    public var reference: RedLineReference
    public var redLine: RedLine
    /// The Nash package without this red line differs from the one with it (or exists only
    /// without it): the red line binds.
    public var binds: Bool
    /// The Nash solution of the scenario without this red line; `nil` when it has none.
    public var relaxed: LinkageOutcome?
    /// `u_i(relaxed) − u_i(Nash)` per party: what relaxing the red line adds (or costs) each
    /// party; `nil` when either solution is missing.
    public var change: [Double]?
}

/// Why the red lines leave no agreement zone.
public struct RedLineConflict: Sendable, Equatable {
    /// A minimal conflicting set: with these red lines (and every reservation) no package is
    /// acceptable, and dropping any one of them (keeping the rest of the set) restores an
    /// agreement zone. Empty when the reservations alone leave no agreement zone.
    public var minimalSet: [RedLineReference]
    /// For each red line of `minimalSet`: whether dropping just that one from the full scenario
    /// restores an agreement zone (it may not, when another conflicting set remains).
    public var restoresZoneAlone: [Bool]
    /// Plain-language explanation.
    public var reason: String
}

/// Red-line analysis of the linked settlement.
public struct RedLineAnalysis: Sendable, Equatable {
    /// One entry per red line, in party order and then file order.
    public var effects: [RedLineEffect]
    /// Set when the full scenario has no agreement zone.
    public var conflict: RedLineConflict?
}

extension Scenario {
    /// Every red line of every party, in party order and then file order.
    public var redLineReferences: [RedLineReference] {
        preferences.indices.flatMap { i in preferences[i].redLines.indices.map { RedLineReference(party: i, index: $0) } }
    }

    /// The red line a reference points to.
    public func redLine(_ reference: RedLineReference) -> RedLine {
        preferences[reference.party].redLines[reference.index]
    }

    /// The same scenario with only the red lines for which `keep` is true.
    func keepingRedLines(where keep: (RedLineReference) -> Bool) -> Scenario {
        var copy = self
        for i in copy.preferences.indices {
            copy.preferences[i].redLines = preferences[i].redLines.indices
                .filter { keep(RedLineReference(party: i, index: $0)) }
                .map { preferences[i].redLines[$0] }
        }
        return copy
    }
}

extension LinkageContext {
    /// Re-solves the scenario without each red line in turn.
    ///
    /// - Complexity: one frontier computation per red line (plus 2 per red line when there is no
    ///   agreement zone, for the minimal conflicting set).
    func analyzeRedLines(linked: LinkageOutcome?, zoneIsEmpty: Bool) throws(ScenarioError) -> RedLineAnalysis {
        var effects: [RedLineEffect] = []
        for reference in scenario.redLineReferences {
            let relaxedScenario = scenario.keepingRedLines { $0 != reference }
            let relaxedSpace = try DiscreteSpace(relaxedScenario, file: file)
            try relaxedSpace.checkEnumerationSize(settings: SolverSettings(), file: file)  // relaxing a red line can merge or widen groups
            let frontier = Frontier(space: relaxedSpace)
            let nash = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: frontier.isEmpty ? "none" : nil)[0]
            var relaxed: LinkageOutcome? = nil
            if let agreement = nash.result.agreement {
                relaxed = outcome(of: agreement.package.map { $0.option ?? 0 }, allowed: true)
            }
            let binds = relaxed?.options != linked?.options
            var change: [Double]? = nil
            if let relaxed, let linked {
                change = relaxed.exact.indices.map { space.quantizer.utility(relaxed.exact[$0] - linked.exact[$0], party: $0) }
            }
            effects.append(RedLineEffect(
                reference: reference, redLine: scenario.redLine(reference), binds: binds, relaxed: relaxed, change: change))
        }
        return RedLineAnalysis(effects: effects, conflict: zoneIsEmpty ? try minimalConflict() : nil)
    }

    /// Whether some package is acceptable when only the red lines in `kept` apply.
    func hasAgreementZone(keeping kept: Set<RedLineReference>) throws(ScenarioError) -> Bool {
        let restricted = try DiscreteSpace(scenario.keepingRedLines { kept.contains($0) }, file: file)
        try restricted.checkEnumerationSize(settings: SolverSettings(), file: file)
        return !Frontier(space: restricted).isEmpty
    }

    /// A minimal set of red lines that together empty the agreement zone, by deletion: start from
    /// all red lines and drop each one whose removal keeps the zone empty. What is left is
    /// minimal: every red line in it was needed when it was tested, and removing red lines only
    /// enlarges the acceptable set, so it is still needed at the end.
    ///
    /// - Complexity: R + 1 feasibility tests for R red lines (each a frontier computation), plus
    ///   one per member for `restoresZoneAlone`.
    func minimalConflict() throws(ScenarioError) -> RedLineConflict {
        let all = scenario.redLineReferences
        if try !hasAgreementZone(keeping: []) {
            let reason = Solver.noAgreementReason(try DiscreteSpace(scenario.keepingRedLines { _ in false }, file: file))
            return RedLineConflict(
                minimalSet: [], restoresZoneAlone: [],
                reason: "the reservations alone leave no agreement zone, whatever the red lines (without any red line: \(reason))")
        }
        var set = all
        var position = 0
        while position < set.count {
            var trial = set
            trial.remove(at: position)
            if try !hasAgreementZone(keeping: Set(trial)) { set = trial } else { position += 1 }
        }
        var alone: [Bool] = []
        for reference in set {
            alone.append(try hasAgreementZone(keeping: Set(all.filter { $0 != reference })))
        }
        let parties = Set(set.map(\.party)).sorted().map { "'\(scenario.parties[$0].id)'" }
        let reason = "these \(set.count) red line\(set.count == 1 ? "" : "s") (of \(parties.joined(separator: ", "))) together with the reservations leave no acceptable package; dropping any one of them restores an agreement zone"
        return RedLineConflict(minimalSet: set, restoresZoneAlone: alone, reason: reason)
    }
}
