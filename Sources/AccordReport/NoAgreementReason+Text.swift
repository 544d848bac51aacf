import AccordModel
import AccordSolutions

extension NoAgreementReason {
    /// The reason in words, naming the parties and their red lines, e.g.
    /// `no agreement zone: the red lines of 'A' and 'B' together forbid every option of issue 'x'
    /// (A forbids x b; B forbids x a)` or `no agreement zone: 'A' can get at most 0.2325 < d = 0.24
    /// under the red lines of 'A' and 'B' (…); dropping any one of them restores an agreement zone`.
    /// This is the `reason` string of the JSON documents.
    ///
    /// - Parameter track: the issues of the linkage track (or bundle) analysed, the others held at
    ///   their status quo; the words then name no issue outside it (a red line on other issues is
    ///   said to forbid their status quo). `nil`: the whole scenario.
    public func text(in scenario: Scenario, track: Set<Int>? = nil) -> String {
        switch self {
        case .redLinesForbidIssue(let issue, let redLines):
            let discrete = scenario.issues[issue].options != nil
            let verb = redLines.count == 1
                ? (discrete ? "forbids every option of issue" : "leaves no value of issue")
                : (discrete ? "together forbid every option of issue" : "together leave no value of issue")
            return "no agreement zone: \(scenario.redLineHolders(redLines)) \(verb) '\(scenario.issues[issue].id)'\(scenario.listedRedLines(redLines, track: track))"
        case .redLinesExcludeAll(let redLines):
            let held = track == nil ? "" : "with the other tracks at their status quo, "
            guard !redLines.isEmpty else { return "no agreement zone: \(held)every package crosses a red line" }
            let verb = redLines.count == 1 ? "excludes" : "together exclude"
            return "no agreement zone: \(held)\(scenario.redLineHolders(redLines)) \(verb) every package\(scenario.listedRedLines(redLines, track: track))"
        case .unreachable(let shortfalls, let redLines):
            let parts = shortfalls.map {
                "'\(scenario.parties[$0.party].id)' can get at most \(formatNumber($0.best)) < d = \(formatNumber($0.disagreement))"
            }
            return "no agreement zone: " + parts.joined(separator: "; ") + scenario.redLineCause(redLines, track: track)
        case .noJointGain(let redLines):
            return "no agreement zone: no package gives every party its disagreement utility at once" + scenario.redLineCause(redLines, track: track)
        case .noPositiveGain:
            return "no acceptable package gives every party more than its disagreement utility"
        }
    }
}

extension Scenario {
    /// The quoted ids of the parties that hold `redLines`, in party order: `['A', 'B']`.
    func holderIDs(_ redLines: [RedLineReference]) -> [String] {
        Set(redLines.map(\.party)).sorted().map { "'\(parties[$0].id)'" }
    }

    /// `the red line of 'A'`, `the red lines of 'A'`, `the red lines of 'A' and 'B'`.
    func redLineHolders(_ redLines: [RedLineReference]) -> String {
        "the red line\(redLines.count == 1 ? "" : "s") of " + BargainText.listed(holderIDs(redLines))
    }

    /// ` (A forbids x b; B forbids x a)`, or nothing for no red line.
    func listedRedLines(_ redLines: [RedLineReference], track: Set<Int>?) -> String {
        redLines.isEmpty ? "" : " (" + redLines.map { describeRedLine($0, track: track) }.joined(separator: "; ") + ")"
    }

    /// What a minimal set of red lines adds to a reason about the disagreement utilities:
    /// ` under the red lines of 'A' and 'B' (…); dropping any one of them restores an agreement
    /// zone`, or nothing when the disagreement utilities alone leave no zone.
    func redLineCause(_ redLines: [RedLineReference], track: Set<Int>?) -> String {
        guard !redLines.isEmpty else { return "" }
        let restore = redLines.count == 1 ? "dropping it restores an agreement zone" : "dropping any one of them restores an agreement zone"
        return " under \(redLineHolders(redLines))\(listedRedLines(redLines, track: track)); \(restore)"
    }

    /// A red line for people: `A forbids site_control joint_board_equal`,
    /// `A forbids fisheries joint_authority with patrol separate`, `B keeps x within [0.2, 0.5]`.
    ///
    /// - Parameter track: when given, issues outside it (held at their status quo) are not named:
    ///   `A forbids fisheries joint_authority with the other tracks at their status quo`,
    ///   `B forbids the status quo of another track`.
    public func describeRedLine(_ reference: RedLineReference, track: Set<Int>? = nil) -> String {
        let party = parties[reference.party].id
        let outside = "the status quo of another track"
        switch redLine(reference) {
        case .forbid(let issue, _) where track.map({ !$0.contains(issue) }) ?? false:
            return "\(party) forbids \(outside)"
        case .forbid(let issue, let options):
            return "\(party) forbids \(issues[issue].id) " + options.map { describe(.option($0), issue: issue) }.joined(separator: ", ")
        case .forbidCombination(let choices):
            let inside = choices.filter { track?.contains($0.issue) ?? true }
            guard !inside.isEmpty else { return "\(party) forbids \(outside)" }
            let held = inside.count < choices.count ? " with the other tracks at their status quo" : ""
            return "\(party) forbids " + inside.map { "\(issues[$0.issue].id) \(describe(.option($0.option), issue: $0.issue))" }.joined(separator: " with ") + held
        case .bounds(let issue, _, _) where track.map({ !$0.contains(issue) }) ?? false:
            return "\(party) forbids \(outside)"
        case .bounds(let issue, let minimum, let maximum):
            // A divisible issue's bounds are on the party's own share, within [0, 1].
            let divisible = issues[issue].domain == .divisible
            let what = divisible ? "its share of \(issues[issue].id)" : issues[issue].id
            switch (minimum, maximum) {
            case (let minimum?, nil): return "\(party) keeps \(what) at least \(formatNumber(minimum))"
            case (nil, let maximum?): return "\(party) keeps \(what) at most \(formatNumber(maximum))"
            default: return "\(party) keeps \(what) within [\(minimum.map(formatNumber) ?? "−∞"), \(maximum.map(formatNumber) ?? "∞")]"
            }
        }
    }
}
