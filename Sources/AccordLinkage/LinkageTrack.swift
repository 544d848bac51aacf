import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

/// A negotiation track (DESIGN.md §1.4): the issues that share a `track` name and are bargained
/// together when the tracks run separately.
public struct LinkageTrack: Sendable, Equatable {
    /// The track name, e.g. `fisheries`.
    public var id: String
    /// Indices of the track's issues, ascending.
    public var issues: [Int]

    public init(id: String, issues: [Int]) {
        self.id = id
        self.issues = issues
    }
}

extension Scenario {
    /// The tracks in order of first appearance among the issues, each with its issues.
    public var linkageTracks: [LinkageTrack] {
        tracks.map { track in LinkageTrack(id: track, issues: issues.indices.filter { issues[$0].track == track }) }
    }

    /// The status-quo option of every issue, which linkage analysis needs (DESIGN.md §1.4).
    ///
    /// - Throws: `ScenarioError.unsupported` naming the first issue that is not discrete or has no
    ///   status quo.
    func linkageStatusQuo(file: String) throws(ScenarioError) -> [Int] {
        try issues.map { issue throws(ScenarioError) -> Int in
            guard issue.options != nil else {
                throw .unsupported(file: file, reason: "issue '\(issue.id)' is \(issue.domain.kindName); linkage analysis supports discrete issues only")
            }
            guard case .option(let option)? = issue.statusQuo else {
                throw .unsupported(file: file, reason: "linkage analysis needs a status_quo on every issue (the separate tracks are bargained with the other tracks at their status quo); issue '\(issue.id)' has none")
            }
            return option
        }
    }

    /// The same negotiation with every issue outside `free` held at its status quo: a red line
    /// (given to the first party) forbids every other option of those issues. Parties, values,
    /// reservations and the disagreement rule are unchanged, so the disagreement point is the
    /// full scenario's.
    ///
    /// The loader rejects red lines that leave a single option as "impossible" for a party; in
    /// code they are the simplest way to fix an issue without renumbering its options.
    func holdingAtStatusQuo(except free: Set<Int>, statusQuo: [Int]) -> Scenario {
        var copy = self
        guard !copy.preferences.isEmpty else { return copy }
        for (j, issue) in issues.enumerated() where !free.contains(j) {
            let others = (0..<(issue.options?.count ?? 0)).filter { $0 != statusQuo[j] }
            if !others.isEmpty { copy.preferences[0].redLines.append(.forbid(issue: j, options: others)) }
        }
        return copy
    }
}
