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

    /// The refusal in words, without flag names (the library's own wording; the CLI adds flags).
    public var reason: String {
        switch self {
        case .unsupportedIssue(let issue, let kind):
            return "issue \(quoted(issue)) is \(kind); solving continuous and divisible issues is not yet supported (only discrete issues are)"
        case .spaceTooLarge(let packages, let limit):
            return "enumerating all \(formatCount(packages)) packages exceeds the limit of \(formatCount(limit))"
        case .groupTooLarge(let issues, let packages, let limit):
            let shown = issues.count > 6 ? issues.prefix(6).map { excerpt($0) }.joined(separator: ", ") + ", ..." : issues.map { excerpt($0) }.joined(separator: ", ")
            return "issues \(shown) (\(issues.count) issues) are tied together by interactions or forbidden combinations into one group of \(formatCount(packages)) packages, which must be enumerated whole; the limit is \(formatCount(limit)) packages"
        }
    }
}
