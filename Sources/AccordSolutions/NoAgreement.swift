import AccordFrontier
import AccordModel
import AccordSpace

/// A party that no package allowed by the red lines lifts to its disagreement utility.
public struct Shortfall: Sendable, Equatable {
    public var party: Int
    /// `max u_i` over the packages that cross no red line.
    public var best: Double
    /// `d_i`.
    public var disagreement: Double

    public init(party: Int, best: Double, disagreement: Double) {
        self.party = party
        self.best = best
        self.disagreement = disagreement
    }
}

/// Why a negotiation has no agreement, as data: which issue, which red lines (and so which
/// parties), which party falls short of its disagreement utility and by how much. The Report
/// layer turns it into words.
public enum NoAgreementReason: Sendable, Equatable {
    /// These red lines, all on `issue`, together forbid every option of it; minimal: dropping
    /// any one of them allows an option of the issue.
    case redLinesForbidIssue(issue: Int, redLines: [RedLineReference])
    /// Every package crosses some red line (before any reservation is looked at); `redLines` is
    /// a minimal set that does so: dropping any one of them allows some package.
    case redLinesExcludeAll(redLines: [RedLineReference])
    /// These parties cannot reach `d_i` with any package that crosses no red line. `redLines`: a
    /// minimal set of red lines that, with the reservations, leaves no acceptable package
    /// (dropping any one of them restores an agreement zone); empty when the disagreement
    /// utilities alone leave none.
    case unreachable([Shortfall], redLines: [RedLineReference])
    /// Each party can reach `d_i`, but no package gives every party its `d_i` at once;
    /// `redLines` as for `unreachable`.
    case noJointGain(redLines: [RedLineReference])
    /// Acceptable packages exist, but none gives every party strictly more than `d_i` (the Nash
    /// product is 0 on all of them).
    case noPositiveGain

    /// The red lines the reason names, in party order and then file order.
    public var redLines: [RedLineReference] {
        switch self {
        case .redLinesForbidIssue(_, let redLines), .redLinesExcludeAll(let redLines),
             .unreachable(_, let redLines), .noJointGain(let redLines):
            return redLines
        case .noPositiveGain:
            return []
        }
    }

}

extension Solver {
    /// Explains an empty acceptable set of `space`, in this order:
    ///
    /// 1. an issue whose every option the red lines forbid (`redLinesForbidIssue`, with a
    ///    minimal covering set of the red lines on it);
    /// 2. red lines that exclude every package (`redLinesExcludeAll`, a minimal set by deletion);
    /// 3. parties whose `d_i` exceeds their best allowed utility (`unreachable`), else
    ///    `noJointGain`; both with a minimal set of red lines that, with the disagreement
    ///    utilities, leaves no acceptable package.
    ///
    /// - Parameter candidates: the red lines that belong to the parties and may be named (default
    ///   all); the others are part of the problem (linkage holds other tracks at their status quo
    ///   with red lines) and are always kept.
    /// - Complexity: in cases 2 and 3, one frontier computation for the allowed set and up to
    ///   `R + 1` for the minimal set of `R` candidates. A relaxed space too large to enumerate
    ///   within `settings.maxEnumeration` is not tested: its red line stays in the set, which then
    ///   still explains the empty zone but may be larger than minimal.
    package static func noAgreementReason(
        _ space: DiscreteSpace, candidates: [RedLineReference]? = nil, settings: SolverSettings = SolverSettings(), file: String
    ) -> NoAgreementReason {
        let scenario = space.scenario
        let candidates = candidates ?? scenario.redLineReferences
        if let issue = space.allowed.firstIndex(where: \.isEmpty), let cover = forbiddingCover(of: issue, in: scenario, among: candidates) {
            return .redLinesForbidIssue(issue: issue, redLines: cover)
        }
        func minimalSet(respectingDisagreement: Bool) -> [RedLineReference] {
            let test = RedLineZoneTest(
                scenario: scenario, candidates: candidates, respectingDisagreement: respectingDisagreement, settings: settings, file: file)
            let set = test.minimalConflict { (kept: Set<RedLineReference>) -> Bool in
                do { return try test.hasZone(keeping: kept) } catch { return true }  // untestable: keep the red line
            }
            return set ?? []
        }
        let allowedFrontier = Frontier(space: space.ignoringDisagreement(), method: settings.method)
        if allowedFrontier.isEmpty {
            return .redLinesExcludeAll(redLines: minimalSet(respectingDisagreement: false))
        }
        var best = [Double](repeating: -.infinity, count: space.partyCount)
        for k in 0..<allowedFrontier.count {
            for (i, value) in allowedFrontier.utilities(at: k).enumerated() { best[i] = max(best[i], value) }
        }
        let short = scenario.parties.indices.filter { best[$0] < space.disagreement[$0] }
        let redLines = minimalSet(respectingDisagreement: true)
        if !short.isEmpty {
            return .unreachable(
                short.map { Shortfall(party: $0, best: best[$0], disagreement: space.disagreement[$0]) }, redLines: redLines)
        }
        return .noJointGain(redLines: redLines)
    }

    /// The candidate red lines that forbid options of `issue` (`forbid`, or a one-choice
    /// `forbid_combination`), reduced by deletion to a minimal set that still forbids every
    /// option; `nil` when the candidates alone do not forbid every option.
    ///
    /// - Complexity: O(L² · options) for L red lines on the issue.
    private static func forbiddingCover(of issue: Int, in scenario: Scenario, among candidates: [RedLineReference]) -> [RedLineReference]? {
        let optionCount = scenario.issues[issue].options?.count ?? 0
        func banned(_ reference: RedLineReference) -> Set<Int> {
            switch scenario.redLine(reference) {
            case .forbid(let j, let options) where j == issue: return Set(options)
            case .forbidCombination(let choices) where choices.count == 1 && choices[0].issue == issue: return [choices[0].option]
            default: return []
            }
        }
        func covers(_ set: [RedLineReference]) -> Bool { set.reduce(into: Set<Int>()) { $0.formUnion(banned($1)) }.count == optionCount }
        var set = candidates.filter { !banned($0).isEmpty }
        guard covers(set) else { return nil }
        var position = 0
        while position < set.count {
            var trial = set
            trial.remove(at: position)
            if covers(trial) { set = trial } else { position += 1 }
        }
        return set
    }
}
