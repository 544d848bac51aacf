import Accord
import ArgumentParser

/// `ISSUE=VALUE,...` options (`linkage --status-quo`, `coalitions --package`): each value an
/// option's name, a range's number, or a divisible issue's shares `PARTY:SHARE/PARTY:SHARE`,
/// checked as a scenario's own `status_quo` is. Mistakes are usage errors (exit 64).
enum IssueAssignments {
    /// The `(issue id, value text)` pairs of `text`, in the order given.
    static func pairs(_ text: String, option: String, example: String) throws -> [(issue: String, value: String)] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("\(option) expects ISSUE=VALUE,... (e.g. \(example)), found '\(entry)'")
            }
            return (parts[0], parts[1])
        }
    }

    /// The issue `id` of `scenario`, or a usage error listing the issues.
    static func issue(_ id: String, in scenario: Scenario, option: String) throws -> Int {
        guard let j = scenario.issues.firstIndex(where: { $0.id == id }) else {
            throw ValidationError("\(option): unknown issue '\(id)'; the issues are \(scenario.issues.map(\.id).joined(separator: ", "))")
        }
        return j
    }

    /// The value `text` of `issue`.
    static func value(_ text: String, of issue: Issue, parties: [Party], option: String) throws -> IssueValue {
        let value: IssueValue
        switch issue.domain {
        case .options(let options):
            guard let index = options.firstIndex(of: text) else {
                throw ValidationError("\(option): issue '\(issue.id)' has no option '\(text)'; its options are \(options.joined(separator: ", "))")
            }
            value = .option(index)
        case .range:
            guard let x = Double(text) else { throw ValidationError("\(option): range issue '\(issue.id)' takes a number, found '\(text)'") }
            value = .number(x)
        case .divisible:
            var shares = Array(repeating: Double.nan, count: parties.count)
            for entry in text.split(separator: "/", omittingEmptySubsequences: false) {
                let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let i = parties.firstIndex(where: { $0.id == parts[0] }), shares[i].isNaN, let share = Double(parts[1]) else {
                    throw ValidationError("\(option): divisible issue '\(issue.id)' takes a share per party, PARTY:SHARE/PARTY:SHARE (e.g. \(parties.map { "\($0.id):\(numberText(1 / Double(parties.count)))" }.joined(separator: "/"))), found '\(text)'")
                }
                shares[i] = share
            }
            if let missing = shares.indices.first(where: { shares[$0].isNaN }) {
                throw ValidationError("\(option): issue '\(issue.id)' lacks the share of party '\(parties[missing].id)'")
            }
            value = .shares(shares)
        }
        if let problem = ScenarioValidation.value(value, of: issue, parties: parties, at: "").first {
            throw ValidationError("\(option): issue '\(issue.id)': \(problem.message)")
        }
        return value
    }
}
