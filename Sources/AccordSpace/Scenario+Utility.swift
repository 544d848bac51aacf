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
        let preference = preferences[party]
        var total = 0.0
        for (j, value) in package.enumerated() where j < issues.count && preference.weights[j] != 0 {
            guard let function = preference.values[j] else { continue }
            switch (function, value) {
            case (.table(let table), .option(let option)) where table.indices.contains(option):
                total += preference.weights[j] * table[option]
            case (.piecewise, .number(let x)):
                total += preference.weights[j] * (function.piecewiseLinear?(x) ?? 0)
            case (.piecewise, .shares(let shares)) where shares.indices.contains(party):
                total += preference.weights[j] * (function.piecewiseLinear?(shares[party]) ?? 0)
            default:
                continue
            }
        }
        for interaction in preference.interactions
        where interaction.when.allSatisfy({ $0.issue < package.count && package[$0.issue] == .option($0.option) }) {
            total += interaction.value
        }
        return total
    }
}
