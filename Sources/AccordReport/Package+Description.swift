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

    /// The value of issue `issue` in a package, for people: option name, number or shares.
    public func describe(_ value: IssueValue, issue: Int) -> String {
        switch value {
        case .option(let option): return issues[issue].options?[option] ?? "#\(option)"
        case .number(let x): return formatNumber(x)
        case .shares(let shares):
            return zip(parties, shares).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", ")
        }
    }

    /// A package as a JSON object `{issue: value}` (DESIGN.md §2.1).
    public func json(package: [IssueValue]) -> JSONValue {
        .object(zip(issues, package).map { issue, value in
            switch value {
            case .option(let option): return (issue.id, .string(issue.options?[option] ?? "#\(option)"))
            case .number(let x): return (issue.id, .number(x))
            case .shares(let shares): return (issue.id, .object(zip(parties, shares).map { ($0.id, .number($1)) }))
            }
        })
    }
}
