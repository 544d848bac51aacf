/// Where each party's utility of a package comes from: the weighted value `w_ij · v_ij(x_j)` of
/// every issue and the interaction terms that apply. The parts add up to the utility exactly in
/// the space's integer arithmetic; each part is reported as the number its integer stands for.
public struct Contributions: Sendable, Equatable {
    /// `issues[j][i]`: party `i`'s weighted value from issue `j`.
    public var issues: [[Double]]
    /// `interactions[i]`: the sum of party `i`'s interaction terms that apply.
    public var interactions: [Double]

    public init(issues: [[Double]], interactions: [Double]) {
        self.issues = issues
        self.interactions = interactions
    }

    /// The probability-weighted mean of the contributions of several packages (a lottery).
    public static func expected(_ parts: [(probability: Double, contributions: Contributions)]) -> Contributions? {
        guard let first = parts.first?.contributions else { return nil }
        var issues = first.issues.map { $0.map { _ in 0.0 } }
        var interactions = first.interactions.map { _ in 0.0 }
        for (probability, part) in parts {
            for j in issues.indices {
                for i in issues[j].indices { issues[j][i] += probability * part.issues[j][i] }
            }
            for i in interactions.indices { interactions[i] += probability * part.interactions[i] }
        }
        return Contributions(issues: issues, interactions: interactions)
    }
}

extension DiscreteSpace {
    /// The contributions of a complete package (an option index per issue, within range).
    /// - Complexity: O(m · n + r) for m issues, n parties and r interactions.
    public func contributions(of package: [Int]) -> Contributions {
        let n = partyCount
        let issues = package.enumerated().map { j, option in
            (0..<n).map { i in quantizer.utility(terms[j][option * n + i], party: i) }
        }
        var interactionTotals = [Int64](repeating: 0, count: n)
        for interaction in interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
            interactionTotals[interaction.party] += interaction.value
        }
        return Contributions(issues: issues, interactions: (0..<n).map { quantizer.utility(interactionTotals[$0], party: $0) })
    }
}
