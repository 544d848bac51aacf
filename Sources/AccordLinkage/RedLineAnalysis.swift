import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

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
    /// When `minimalSet` is empty: why the scenario without any red line has no agreement zone.
    public var withoutRedLines: NoAgreementReason?
}

/// Red-line analysis of the linked settlement.
public struct RedLineAnalysis: Sendable, Equatable {
    /// One entry per red line, in party order and then file order.
    public var effects: [RedLineEffect]
    /// Set when the full scenario has no agreement zone.
    public var conflict: RedLineConflict?
}

extension LinkageContext {
    /// Re-solves the scenario without each red line in turn.
    ///
    /// - Complexity: one frontier computation per red line (plus 2 per red line when there is no
    ///   agreement zone, for the minimal conflicting set).
    func analyzeRedLines(linked: LinkageOutcome?, zoneIsEmpty: Bool) throws(ScenarioError) -> RedLineAnalysis {
        var effects: [RedLineEffect] = []
        for reference in scenario.redLineReferences {
            // Relaxing a red line can merge or widen groups: `frontier(of:)` checks the size.
            let frontier = try frontier(of: try DiscreteSpace(scenario.keepingRedLines { $0 != reference }, file: file))
            var relaxed: LinkageOutcome? = nil
            if let agreement = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: nil)[0].result.agreement {
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

    /// A minimal set of red lines that, with the reservations, empties the agreement zone
    /// (`RedLineZoneTest.minimalConflict`, by deletion), and for each member whether dropping it
    /// alone from the full scenario restores a zone.
    ///
    /// - Complexity: R + 1 feasibility tests for R red lines (each a frontier computation), plus
    ///   one per member for `restoresZoneAlone`.
    func minimalConflict() throws(ScenarioError) -> RedLineConflict {
        let all = scenario.redLineReferences
        let test = RedLineZoneTest(scenario: scenario, candidates: all, respectingDisagreement: true, settings: settings, file: file)
        guard let set = try test.minimalConflict(hasZone: test.hasZone) else {
            let bare = try DiscreteSpace(scenario.keepingRedLines { _ in false }, file: file)
            return RedLineConflict(
                minimalSet: [], restoresZoneAlone: [],
                withoutRedLines: Solver.noAgreementReason(bare, settings: settings, file: file))
        }
        var alone: [Bool] = []
        for reference in set {
            alone.append(try test.hasZone(keeping: Set(all.filter { $0 != reference })))
        }
        return RedLineConflict(minimalSet: set, restoresZoneAlone: alone, withoutRedLines: nil)
    }
}
