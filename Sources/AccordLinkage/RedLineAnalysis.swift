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
    /// Why the scenario without this red line has no certified Nash solution (numerical trouble
    /// or the iteration limit of the interior point): then `relaxed` and `change` are `nil` and
    /// `binds` is false (unknown); the rest of the analysis stands.
    public var unsolved: String? = nil
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
    /// Re-solves the scenario without each red line in turn (`nash(of:)`).
    ///
    /// - Complexity: one frontier computation or concave search per red line (plus 2 per red
    ///   line when there is no agreement zone, for the minimal conflicting set).
    func analyzeRedLines(linked: LinkageOutcome?, zoneIsEmpty: Bool) throws(ScenarioError) -> RedLineAnalysis {
        var effects: [RedLineEffect] = []
        for reference in scenario.redLineReferences {
            // Relaxing a red line can merge or widen groups: the solve checks the size.
            let solved = try nash(of: scenario.keepingRedLines { $0 != reference }, tolerant: true)
            let relaxed = solved.package.map { outcome(of: $0, allowed: true) }
            let binds: Bool
            switch (relaxed, linked) {
            case _ where solved.unsolved != nil: binds = false
            case (let relaxed?, let linked?): binds = !differences(relaxed.package, linked.package).isEmpty
            case (nil, nil): binds = false
            default: binds = true
            }
            var change: [Double]? = nil
            if let relaxed, let linked { change = self.change(from: linked, to: relaxed) }
            effects.append(RedLineEffect(
                reference: reference, redLine: scenario.redLine(reference), binds: binds, relaxed: relaxed, change: change,
                unsolved: solved.unsolved))
        }
        return RedLineAnalysis(effects: effects, conflict: zoneIsEmpty ? try minimalConflict() : nil)
    }

    /// A minimal set of red lines that, with the reservations, empties the agreement zone
    /// (`RedLineZoneTest.minimalConflict`, by deletion, each test `hasZone` of the scenario
    /// with only the red lines kept), and for each member whether dropping it alone from the
    /// full scenario restores a zone.
    ///
    /// - Complexity: R + 1 feasibility tests for R red lines (each a frontier computation or a
    ///   concave search), plus one per member for `restoresZoneAlone`.
    func minimalConflict() throws(ScenarioError) -> RedLineConflict {
        let all = scenario.redLineReferences
        let test = RedLineZoneTest(scenario: scenario, candidates: all, respectingDisagreement: true, settings: settings, file: file)
        let hasZone = { (kept: Set<RedLineReference>) throws(ScenarioError) -> Bool in
            try self.hasZone(self.scenario.keepingRedLines { kept.contains($0) })
        }
        guard let set = try test.minimalConflict(hasZone: hasZone) else {
            let bare = scenario.keepingRedLines { _ in false }
            let reason = space == nil
                ? try nash(of: bare).reason
                : Solver.noAgreementReason(try DiscreteSpace(bare, file: file), settings: settings, file: file)
            return RedLineConflict(minimalSet: [], restoresZoneAlone: [], withoutRedLines: reason)
        }
        var alone: [Bool] = []
        for reference in set {
            alone.append(try hasZone(Set(all.filter { $0 != reference })))
        }
        return RedLineConflict(minimalSet: set, restoresZoneAlone: alone, withoutRedLines: nil)
    }
}
