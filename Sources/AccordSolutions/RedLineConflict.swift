import AccordFrontier
import AccordModel
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

extension RedLine {
    /// A `min`/`max` red line on a range or on a party's own share of a divisible issue.
    package var isBounds: Bool {
        if case .bounds = self { return true }
        return false
    }
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
    package func keepingRedLines(where keep: (RedLineReference) -> Bool) -> Scenario {
        var copy = self
        for i in copy.preferences.indices {
            copy.preferences[i].redLines = preferences[i].redLines.indices
                .filter { keep(RedLineReference(party: i, index: $0)) }
                .map { preferences[i].redLines[$0] }
        }
        return copy
    }
}

/// Whether a scenario keeps an agreement zone when some of its red lines are dropped: the one
/// feasibility test of the red-line analyses (`NoAgreementReason`, linkage's red-line conflict).
///
/// The red lines in `candidates` may be dropped; every other red line of the scenario is part of
/// the problem and always kept (linkage holds the issues outside a track at their status quo
/// with such red lines).
package struct RedLineZoneTest {
    package let scenario: Scenario
    package let candidates: [RedLineReference]
    /// `true`: a package must also give every party `u_i ≥ d_i`; `false`: crossing no red line
    /// is enough.
    package let respectingDisagreement: Bool
    package let settings: SolverSettings
    package let file: String

    package init(
        scenario: Scenario, candidates: [RedLineReference], respectingDisagreement: Bool, settings: SolverSettings, file: String
    ) {
        self.scenario = scenario
        self.candidates = candidates
        self.respectingDisagreement = respectingDisagreement
        self.settings = settings
        self.file = file
    }

    /// Whether some package is acceptable when, of the candidates, only those in `kept` apply.
    ///
    /// - Throws: `ScenarioError.unsupported` when the relaxed space needs an enumeration above
    ///   `settings.maxEnumeration` (dropping a red line widens the allowed options).
    /// - Complexity: one frontier computation.
    package func hasZone(keeping kept: Set<RedLineReference>) throws(ScenarioError) -> Bool {
        let droppable = Set(candidates)
        let restricted = try DiscreteSpace(scenario.keepingRedLines { !droppable.contains($0) || kept.contains($0) }, file: file)
        let space = respectingDisagreement ? restricted : restricted.ignoringDisagreement()
        return try !Frontier(space: space, settings: settings, file: file).isEmpty
    }

    /// A minimal conflicting set among the candidates, by deletion: start from all candidates
    /// and drop each one whose removal keeps the zone empty. What is left empties the zone, and
    /// it is minimal: every red line in it was needed when it was tested, and removing red lines
    /// only enlarges the acceptable set, so it is still needed at the end.
    ///
    /// `hasZone` decides each test; a caller that cannot afford a refused test may answer `true`
    /// ("assume dropping it restores a zone"), which keeps that red line: the set still empties
    /// the zone, but may then be larger than minimal.
    ///
    /// Call it only when the zone with every candidate is empty. Returns `nil` when it stays
    /// empty without any candidate (the other constraints alone leave no zone).
    ///
    /// - Complexity: `C + 1` calls of `hasZone` for `C` candidates.
    package func minimalConflict<E: Error>(hasZone: (Set<RedLineReference>) throws(E) -> Bool) throws(E) -> [RedLineReference]? {
        guard try hasZone([]) else { return nil }
        var set = candidates
        var position = 0
        while position < set.count {
            var trial = set
            trial.remove(at: position)
            if try !hasZone(Set(trial)) { set = trial } else { position += 1 }
        }
        return set
    }
}
