import AccordModel
import AccordOptimize

extension ValueFunction {
    /// The function as numbers: a piecewise-linear value over its points (`nil` for a table).
    public var piecewiseLinear: PiecewiseLinear? {
        guard case .piecewise(let points) = self else { return nil }
        return PiecewiseLinear(x: points.map(\.x), y: points.map(\.value))
    }
}

extension Scenario {
    /// Party `party`'s utility of a package (one value per issue, in issue order), in floating
    /// point: `Σ_j w_j v_j(x_j)` plus the interactions whose options all hold. A divisible
    /// issue's value is of the party's own share. The discrete solvers compute the same sum
    /// exactly (`DiscreteSpace`); this is for packages with continuous values and for reports.
    ///
    /// - Complexity: O(m log K + r) for m issues, K points per value function and r
    ///   interaction conditions.
    public func utility(of package: [IssueValue], party: Int) -> Double {
        let parts = contributions(of: package, party: party)
        return parts.issues.reduce(0, +) + parts.interactions
    }

    /// Where each party's utility of a package comes from (`solve --explain`), in floating
    /// point: the weighted value of every issue and the interactions that apply.
    public func contributions(of package: [IssueValue]) -> Contributions {
        let parts = parties.indices.map { contributions(of: package, party: $0) }
        return Contributions(
            issues: issues.indices.map { j in parts.map { j < $0.issues.count ? $0.issues[j] : 0 } }, interactions: parts.map(\.interactions))
    }

    /// Party `party`'s weighted value of each issue and the sum of its interactions that apply.
    private func contributions(of package: [IssueValue], party: Int) -> (issues: [Double], interactions: Double) {
        let preference = preferences[party]
        let terms = issues.indices.map { j -> Double in
            guard j < package.count, preference.weights[j] != 0, let function = preference.values[j] else { return 0 }
            switch (function, package[j]) {
            case (.table(let table), .option(let option)) where table.indices.contains(option):
                return preference.weights[j] * table[option]
            case (.piecewise, .number(let x)):
                return preference.weights[j] * (function.piecewiseLinear?(x) ?? 0)
            case (.piecewise, .shares(let shares)) where shares.indices.contains(party):
                return preference.weights[j] * (function.piecewiseLinear?(shares[party]) ?? 0)
            default:
                return 0
            }
        }
        let interactions = preference.interactions
            .filter { $0.when.allSatisfy { $0.issue < package.count && package[$0.issue] == .option($0.option) } }
            .reduce(0.0) { $0 + $1.value }
        return (terms, interactions)
    }
}
