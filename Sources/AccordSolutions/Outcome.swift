import AccordFrontier
import AccordModel
import AccordSpace

/// One package of a lottery, with its probability.
public struct LotteryShare: Sendable, Equatable {
    public var probability: Double
    public var package: [IssueValue]

    public init(probability: Double, package: [IssueValue]) {
        self.probability = probability
        self.package = package
    }
}

/// How an agreement is reached: one package, or a probability mix of packages.
public enum Outcome: Sendable, Equatable {
    case package([IssueValue])
    /// A probability mix of packages (probabilities sum to 1).
    case lottery([LotteryShare])
}
