import AccordModel

/// The evaluation function of a GENIUS real issue.
enum RealEvaluator {
    /// `clamp(slope · x + offset, 0, 1)`.
    case linear(slope: Double, offset: Double)
    case constant(Double)
    /// 0 outside `[lower, upper]`, 1 at `top`, linear in between.
    case triangular(lower: Double, top: Double, upper: Double)

    /// Breakpoints `(x, v(x))` of the function on `[lower, upper]`: the ends and every kink
    /// inside, with kink values exact (0 or 1 where the line is clamped, 1 at a top).
    func breakpoints(lower: Double, upper: Double) -> [ValueFunction.Breakpoint] {
        var points: [(x: Double, value: Double)] = []
        switch self {
        case .constant(let value):
            points = [(lower, value), (upper, value)]
        case .linear(let slope, let offset):
            let evaluate = { (x: Double) in min(1, max(0, slope * x + offset)) }
            points = [(lower, evaluate(lower)), (upper, evaluate(upper))]
            if slope != 0 {
                for level in [0.0, 1.0] {
                    let x = (level - offset) / slope
                    if x > lower, x < upper { points.append((x, level)) }
                }
            }
        case .triangular(let low, let top, let high):
            let evaluate = { (x: Double) -> Double in
                if x <= low || x >= high { return 0 }
                return x < top ? (x - low) / (top - low) : 1 - (x - top) / (high - top)
            }
            points = [(lower, evaluate(lower)), (upper, evaluate(upper))]
            for (x, value) in [(low, 0.0), (top, 1.0), (high, 0.0)] where x > lower && x < upper {
                points.append((x, value))
            }
        }
        var result: [ValueFunction.Breakpoint] = []
        for point in points.sorted(by: { $0.x < $1.x }) {
            let x = ScenarioNumber.rounded(point.x)
            // Two kinds of kink may coincide (or round together): keep the first.
            if let last = result.last, x <= last.x { continue }
            result.append(ValueFunction.Breakpoint(x: x, value: ScenarioNumber.rounded(point.value)))
        }
        return result
    }
}
