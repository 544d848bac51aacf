import Accord

extension Refusal {
    /// The refusal with the command-line flags that change it.
    var commandLineReason: String {
        switch self {
        case .unsupportedIssue, .nonConcave:
            return reason
        case .spaceTooLarge:
            return reason + " (--max-enumeration); use --method pareto-sum"
        case .groupTooLarge:
            return reason + " (--max-enumeration). Remove or simplify interactions and forbidden combinations across these issues, or raise the limit"
        case .memoryBudget:
            return reason + "; raise it with --max-memory (e.g. --max-memory 8G), or reduce the parties, issues or options"
        }
    }
}
