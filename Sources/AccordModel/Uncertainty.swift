/// What an analyst does not know exactly about one number of the scenario: its distribution,
/// from the scenario's `uncertainty:` section (`accord sensitivity --samples`).
///
/// ```yaml
/// uncertainty:
///   B.reservation: {distribution: uniform, min: 0.25, max: 0.35}
///   A.weights.fisheries: {distribution: normal, sd: 0.03}            # mean: the number as given
///   B.values.wind_revenue_B.share_45: {distribution: triangular, min: 0.7, max: 0.9}   # mode: as given
/// ```
/// Keys are the parameter paths of `sensitivity --vary` (`SensitivityParameter`), except
/// discounts, which no solution uses.
public struct Uncertainty: Sendable, Equatable {
    public enum Distribution: Sendable, Equatable {
        case uniform(min: Double, max: Double)
        /// Truncated to `min...max` where given, and always to the parameter's own domain (a
        /// weight ≥ 0, a power > 0): draws outside are drawn again.
        case normal(mean: Double, sd: Double, min: Double?, max: Double?)
        case triangular(min: Double, mode: Double, max: Double)
    }

    public var parameter: SensitivityParameter
    public var distribution: Distribution

    public init(parameter: SensitivityParameter, distribution: Distribution) {
        self.parameter = parameter
        self.distribution = distribution
    }

    /// Why `distribution` cannot describe `parameter` (`nil` when it can), with the key the
    /// problem is at (`sd`, `min`, …): an empty or reversed range, a mode outside it, a standard
    /// deviation not above 0, a bound outside the parameter's domain, a number that is not finite.
    public static func problem(with distribution: Distribution, for parameter: SensitivityParameter) -> (key: String, message: String)? {
        if case .discount = parameter.kind {
            return ("distribution", "\(parameter.path): discounts enter only the bargaining dynamics, not the solutions sampled; leave it out")
        }
        var bounds: [(String, Double)] = []
        switch distribution {
        case .uniform(let min, let max):
            bounds = [("min", min), ("max", max)]
            if min.isFinite, max.isFinite, !(min < max) { return ("max", "a uniform distribution needs min < max; found min \(formatNumber(min)), max \(formatNumber(max))") }
        case .normal(let mean, let sd, let min, let max):
            guard mean.isFinite else { return ("mean", "the mean must be a finite number") }
            guard sd.isFinite, sd > 0 else { return ("sd", "the standard deviation must be a number above 0; found \(formatNumber(sd))") }
            bounds = [("min", min), ("max", max)].compactMap { key, value in value.map { (key, $0) } }
            if let min, let max, min.isFinite, max.isFinite, !(min < max) { return ("max", "truncation bounds need min < max; found min \(formatNumber(min)), max \(formatNumber(max))") }
            // Draws outside the bounds are drawn again: the mean inside keeps that rare.
            if let problem = parameter.problem(with: mean) { return ("mean", problem) }
            if mean < (min ?? mean) || mean > (max ?? mean) { return ("mean", "the mean \(formatNumber(mean)) must lie within the truncation bounds") }
        case .triangular(let min, let mode, let max):
            bounds = [("min", min), ("max", max)]
            if min.isFinite, max.isFinite, !(min < max) { return ("max", "a triangular distribution needs min < max; found min \(formatNumber(min)), max \(formatNumber(max))") }
            guard mode.isFinite, mode >= min, mode <= max else {
                return ("mode", "the mode must lie between min and max (\(formatNumber(min))...\(formatNumber(max))); found \(formatNumber(mode))")
            }
        }
        for (key, value) in bounds {
            guard value.isFinite else { return (key, "\(key) must be a finite number") }
            if let problem = parameter.problem(with: value) { return (key, problem) }
        }
        return nil
    }
}
