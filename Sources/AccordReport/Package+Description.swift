import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension Scenario {
    /// "2 parties, 6 issues" (singular where it applies).
    public var sizeSummary: String {
        let issueWord = issues.count == 1 ? "issue" : "issues"
        return "\(parties.count) parties, \(issues.count) \(issueWord)"
    }

    /// The value of issue `issue` in a package, for people: option name, number or shares
    /// (`A 0.55, B 0.45`; `not divided` when every share is 0, the status quo of a divisible
    /// issue that has none).
    public func describe(_ value: IssueValue, issue: Int) -> String {
        switch value {
        case .option(let option): return issues[issue].options?[option] ?? "#\(option)"
        case .number(let x): return formatNumber(x)
        case .shares(let shares) where shares.allSatisfy({ $0 == 0 }): return "not divided"
        case .shares(let shares):
            // A solver's share within 1e-12 of 0 or 1 is that bound (2.2e-16 reads 0).
            let shown = shares.map { abs($0) < 1e-12 ? 0 : abs(1 - $0) < 1e-12 ? 1 : $0 }
            guard parties.count > Self.partiesListedInFull else {
                return zip(parties, shown).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", ")
            }
            // Many parties: the largest shares (ties in party order), then the rest in one sum.
            let largest = shown.indices.sorted { shown[$0] != shown[$1] ? shown[$0] > shown[$1] : $0 < $1 }
                .prefix(Self.largestSharesListed).filter { shown[$0] > 0 }
            var text = largest.map { "\(parties[$0].id) \(formatNumber(shown[$0]))" }.joined(separator: ", ")
            let others = shown.count - largest.count
            if others > 0 {
                let rest = shown.reduce(0, +) - largest.reduce(0) { $0 + shown[$1] }
                text += ", \(others) others \(formatNumber(max(rest, 0))) together"
            }
            return text
        }
    }

    /// With more than `partiesListedInFull` parties, text lists the `largestSharesListed` largest
    /// shares of a divisible issue, and the others in one sum (JSON and CSV always carry every share).
    static let largestSharesListed = 6

    /// An issue and its value as a term of a list: `site_control A_licensing`, `level 0.3`,
    /// `wind_revenue (A 0.55, B 0.45)` (shares in parentheses, as the list separates terms
    /// with commas).
    public func describeTerm(_ value: IssueValue, issue: Int) -> String {
        if case .shares(let shares) = value, shares.contains(where: { $0 != 0 }) {
            return "\(issues[issue].id) (\(describe(value, issue: issue)))"
        }
        return "\(issues[issue].id) \(describe(value, issue: issue))"
    }

    /// A package as a JSON object `{issue: value}` (DESIGN.md §2.1).
    public func json(package: [IssueValue]) -> JSONValue {
        .object(package.indices.map { (issues[$0].id, json(value: package[$0], issue: $0)) })
    }

    /// An issue's value as JSON: the option's name, the number, or `{party: share}`.
    public func json(value: IssueValue, issue: Int) -> JSONValue {
        switch value {
        case .option(let option): return .string(issues[issue].options?[option] ?? "#\(option)")
        case .number(let x): return .number(x)
        case .shares(let shares): return .object(zip(parties, shares).map { ($0.id, .number($1)) })
        }
    }
}
