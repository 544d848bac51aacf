import AccordFrontier
import AccordModel
import AccordSpace
import Foundation

/// The bargaining solutions of DESIGN.md §1.3.
public enum SolutionConcept: String, Sendable, CaseIterable {
    /// Maximizes `Π (u_i − d_i)^{p_i}` over packages with every `u_i > d_i`.
    case nash
    /// Maximizes `min_i (u_i − d_i)/(ideal_i − d_i)`.
    case kalaiSmorodinsky = "kalai_smorodinsky"
    /// Maximizes `min_i (u_i − d_i)`.
    case egalitarian
    /// Maximizes `Σ u_i`.
    case utilitarian

    /// Accepts the JSON key and the short CLI names (`ks`, `kalai-smorodinsky`).
    public init?(name: String) {
        switch name.lowercased() {
        case "nash": self = .nash
        case "ks", "kalai_smorodinsky", "kalai-smorodinsky": self = .kalaiSmorodinsky
        case "egalitarian": self = .egalitarian
        case "utilitarian": self = .utilitarian
        default: return nil
        }
    }

    /// Name for people.
    public var title: String {
        switch self {
        case .nash: return "Nash"
        case .kalaiSmorodinsky: return "Kalai–Smorodinsky"
        case .egalitarian: return "Egalitarian"
        case .utilitarian: return "Utilitarian"
        }
    }
}

/// An agreement: a package (or a lottery over packages) with what it gives each party.
public struct Agreement: Sendable, Equatable {
    /// The value of every issue, in issue order; for a lottery, its most likely package.
    public var package: [IssueValue]
    /// A probability mix of packages (`solve --lotteries`); `nil` for a pure package.
    public var lottery: [LotteryShare]?
    public var utilities: [Double]
    /// `u_i − d_i`.
    public var gains: [Double]
    /// `Π gains_i^{p_i}` (0 when some gain is 0).
    public var nashProduct: Double

    /// - Parameter gains: `u − d` computed by the caller (exactly, from a discrete frontier's
    ///   integers); `nil`: `utilities − disagreement` in floating point.
    public init(
        package: [IssueValue], lottery: [LotteryShare]? = nil, utilities: [Double], disagreement: [Double], power: [Double],
        gains: [Double]? = nil
    ) {
        self.package = package
        self.lottery = lottery
        self.utilities = utilities
        self.gains = gains ?? zip(utilities, disagreement).map { $0 - $1 }
        nashProduct = NashObjective.product(gains: self.gains, power: power)
    }

    /// How the agreement is reached: one package or a lottery.
    public var outcome: Outcome { lottery.map { .lottery($0) } ?? .package(package) }
}

/// A solution concept's answer: an agreement, or none with the reason (as data; the Report layer
/// words it).
public enum SolutionResult: Sendable, Equatable {
    case agreement(Agreement)
    case noAgreement(NoAgreementReason)

    public var agreement: Agreement? {
        if case .agreement(let agreement) = self { return agreement }
        return nil
    }
}
