import Accord
import Testing

/// FROM THE LEAD (00:58 UTC), for the interior-point helper: this program comes from
/// Data/river-basin.yaml (a discrete package's constants, three parties, one divisible good with
/// concave PL values and share floors). `solveNash` returns `numericalTrouble` after 8 iterations
/// (gap 1.08), with or without the functions cut to the share bounds. An egalitarian LP finds a
/// point with min(u_i − d_i) = 0.157 > 0, so an interior exists. Please make it solve (and keep
/// this test, with a proper independent check of the answer, e.g. your KKT check).
@Suite struct NashSolverLeadCaseTests {
    @Test(arguments: [false, true])
    func riverBasinPackageSolves(cut: Bool) throws {
        let u = PiecewiseLinear(x: [0.0, 0.2, 1.0], y: [0.0, 0.2, 0.25])
        let m = cut ? PiecewiseLinear(x: [0.25, 0.3, 0.6, 1.0], y: [0.3, 0.36, 0.54, 0.6]) : PiecewiseLinear(x: [0, 0.3, 0.6, 1.0], y: [0, 0.36, 0.54, 0.6])
        let d = cut ? PiecewiseLinear(x: [0.2, 0.25, 0.5, 1.0], y: [0.252, 0.315, 0.405, 0.45]) : PiecewiseLinear(x: [0, 0.25, 0.5, 1.0], y: [0, 0.315, 0.405, 0.45])
        let program = ConcaveProgram(
            parties: 3, power: [1, 1, 1], disagreement: [0.35, 0.25, 0.2], constant: [0.285, 0.31, 0.45],
            goods: [.init(lower: [0, 0.25, 0.2], upper: [1, 1, 1], value: [u, m, d])], ranges: [])
        let solution = try program.solveNash()
        #expect(solution.status == .solved, "\(solution.status) \(solution.info)")
        #expect(solution.info.dualityGap <= 1e-9 * max(1, abs(solution.objective)))
        let violations = solution.status == .solved ? NashKKT.violations(program, solution) : ["not solved"]
        #expect(violations.isEmpty, "\(violations)")
    }
}
