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

    /// The status quo of every issue, which linkage analysis needs (DESIGN.md §1.4): the
    /// scenario's `status_quo` (an option, a range's number, shares of a divisible issue); a
    /// divisible issue without one is *not divided* — every party's share 0, as the disagreement
    /// point at the status quo reads it (§1.2): a good that nobody has without an agreement, such
    /// as the revenue of sites that cannot be developed while they are contested.
    ///
    /// - Throws: `ScenarioError.invalid` with one problem per discrete or range issue without a
    ///   status quo, at its field path (`issues[3].status_quo`).
    func linkageStatusQuo(file: String) throws(ScenarioError) -> [IssueValue] {
        var problems: [ScenarioIssue] = []
        let values = issues.enumerated().map { j, issue -> IssueValue in
            if let statusQuo = issue.statusQuo { return statusQuo }
            if issue.domain == .divisible { return .shares(Array(repeating: 0, count: parties.count)) }
            problems.append(ScenarioIssue(
                file: file, path: "issues[\(j)].status_quo", line: nil,
                message: "linkage analysis needs a status_quo on every issue but divisible ones (the separate tracks are bargained with the other tracks at their status quo); issue '\(issue.id)' has none"))
            return .option(0)
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return values
    }

    /// The same negotiation with every issue outside `free` held at its status quo. Parties,
    /// values, reservations, red lines and the disagreement rule are unchanged, so the
    /// disagreement point is the full scenario's:
    ///
    /// - a discrete issue: a red line (given to the first party) forbids its other options;
    /// - a range or divisible issue becomes a discrete issue with one option, worth to each party
    ///   its value at the status quo (of its own share, for a divisible issue), so that a bundle
    ///   of discrete tracks is bargained exactly. Each `min`/`max` red line on it becomes, at the
    ///   same index (references stay valid), a `forbid` of that option when the status quo
    ///   crosses it, else of nothing; a divisible issue that is not divided has no shares for a
    ///   bound to speak to.
    ///
    /// The loader rejects red lines that leave a single option as "impossible" for a party; in
    /// code they are the simplest way to fix an issue without renumbering its options.
    func holdingAtStatusQuo(except free: Set<Int>, statusQuo: [IssueValue]) -> Scenario {
        var copy = self
        guard !copy.preferences.isEmpty else { return copy }
        for (j, issue) in issues.enumerated() where !free.contains(j) {
            if let options = issue.options {
                let others = options.indices.filter { .option($0) != statusQuo[j] }
                if !others.isEmpty { copy.preferences[0].redLines.append(.forbid(issue: j, options: others)) }
            } else {
                copy.fix(issue: j, at: statusQuo[j])
            }
        }
        return copy
    }

    /// Replaces range or divisible issue `j` by a discrete issue whose one option is `value`
    /// (see `holdingAtStatusQuo`).
    private mutating func fix(issue j: Int, at value: IssueValue) {
        issues[j].domain = .options(["status_quo"])
        issues[j].statusQuo = .option(0)
        for i in preferences.indices {
            let own: Double?
            switch value {
            case .number(let x): own = x
            case .shares(let shares): own = shares.reduce(0, +) > 0 ? shares[i] : nil
            case .option: own = nil
            }
            let function = preferences[i].values[j]?.piecewiseLinear
            preferences[i].values[j] = function.map { .table([$0(own ?? 0)]) }
            preferences[i].redLines = preferences[i].redLines.map { line in
                guard case .bounds(j, let minimum, let maximum) = line else { return line }
                let crosses = own.map { x in
                    minimum.map { x < $0 - LinkageTolerance.value } ?? false || maximum.map { x > $0 + LinkageTolerance.value } ?? false
                } ?? false
                return .forbid(issue: j, options: crosses ? [0] : [])
            }
        }
    }
}
