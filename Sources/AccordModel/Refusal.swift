/// A computation Accord declines to start, with the data that says why. The core never words a
/// refusal in terms of command-line flags; the CLI does (`--max-enumeration`, `--method`).
public enum Refusal: Error, Sendable, Equatable {
    /// An issue of a kind this computation does not handle yet (`kind`: "continuous", "divisible").
    case unsupportedIssue(issue: String, kind: String)
    /// Enumerating the whole outcome space (`packages`) would exceed the enumeration limit.
    case spaceTooLarge(packages: Double, limit: Double)
    /// Issues tied together by interactions or forbidden combinations form one group of
    /// `packages` packages, which must be enumerated whole, beyond the enumeration limit.
    case groupTooLarge(issues: [String], packages: Double, limit: Double)
    /// Computing the frontier needs more memory than the budget: at `stage` (e.g. "merge 12 of
    /// 39"), building `points` points (the step's candidates and survivors, or a group's
    /// frontier), the point buffers would hold an estimated `bytes` bytes, more than `budget`.
    /// Checked before the memory is allocated, so the process stays within the budget.
    case memoryBudget(stage: String, points: Int, bytes: Int, budget: Int)
    /// Party `party`'s value of range or divisible issue `issue` is not concave, and splitting
    /// the continuous issues at the convex kinks of every such value would make more than
    /// `limit` concave parts to solve.
    case nonConcave(party: String, issue: String, limit: Int)

    /// The refusal in words, without flag names (the library's own wording; the CLI adds flags).
    public var reason: String {
        switch self {
        case .unsupportedIssue(let issue, let kind):
            return "issue \(quoted(issue)) is \(kind); this computation handles discrete issues only so far (solve and frontier handle range and divisible issues)"
        case .spaceTooLarge(let packages, let limit):
            return "enumerating all \(formatCount(packages)) packages exceeds the limit of \(formatCount(limit))"
        case .groupTooLarge(let issues, let packages, let limit):
            let shown = issues.count > 6 ? issues.prefix(6).map { excerpt($0) }.joined(separator: ", ") + ", ..." : issues.map { excerpt($0) }.joined(separator: ", ")
            return "issues \(shown) (\(issues.count) issues) are tied together by interactions or forbidden combinations into one group of \(formatCount(packages)) packages, which must be enumerated whole; the limit is \(formatCount(limit)) packages"
        case .memoryBudget(let stage, let points, let bytes, let budget):
            return "the Pareto frontier needs more memory than the budget: at \(stage) (\(formatCount(Double(points))) points) it would hold about \(formatBytes(bytes)), and the budget is \(formatBytes(budget))"
        case .nonConcave(let party, let issue, let limit):
            return "party \(quoted(party))'s value of issue \(quoted(issue)) is not concave (its slope rises somewhere), and splitting the continuous issues where values turn convex would make more than \(formatCount(Double(limit))) concave parts to solve; make the values concave (slopes never rising), or use fewer points where slopes rise"
        }
    }
}

/// A byte count in binary units for messages: `512 B`, `1.5 KiB`, `64 MiB`, `8 GiB` (three
/// significant digits at most).
package func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes), unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return "\(unit == 0 ? String(bytes) : formatNumber((value * 100).rounded() / 100)) \(units[unit])"
}
