/// How a frontier was computed.
public enum FrontierMethod: String, Sendable, CaseIterable {
    /// Pareto-sum merge of issue-group frontiers (exact, never enumerates the product).
    case paretoSum = "pareto-sum"
    /// Enumeration of every package with a streaming skyline (exact; the cross-check).
    case enumeration
}
