import Foundation

/// Tolerances and limits of the Nash interior point (`ConcaveProgram.solveNash(settings:)`).
public struct NashSettings: Sendable, Equatable {
    /// The certified duality gap at `solved`: an upper bound on `optimum − objective`, in units of
    /// the objective `Σ p_i log(u_i − d_i)`, must be at most `gapTolerance · max(1, |objective|)`.
    /// Default 1e-9.
    public var gapTolerance: Double
    /// Largest violation of a share sum `Σ_i x[k][i] = 1` (absolute) and of a bound (absolute,
    /// after which the reported point is clamped into its bounds); also the margin by which share
    /// bounds may miss 1 before the good is `infeasible`. Default 1e-9.
    public var feasibilityTolerance: Double
    /// Newton iterations before `iterationLimit`. Default 200 (a solve takes 15–40).
    public var maxIterations: Int

    public init(gapTolerance: Double = 1e-9, feasibilityTolerance: Double = 1e-9, maxIterations: Int = 200) {
        self.gapTolerance = gapTolerance
        self.feasibilityTolerance = feasibilityTolerance
        self.maxIterations = maxIterations
    }
}

/// How a Nash solve ended.
public enum NashStatus: Sendable, Equatable {
    /// Optimal, with a certified duality gap within `NashSettings.gapTolerance`.
    case solved
    /// No feasible point gives every party more than its disagreement utility (`u_i > d_i`).
    case noAgreementZone
    /// The bounds of this good (shares cannot sum to 1) or range (`lower > upper`, or no point
    /// where every value function is defined) admit no point.
    case infeasible(ConcaveProgram.Item)
    /// `maxIterations` Newton steps without a certificate; the solution is the last iterate.
    case iterationLimit
    /// A Newton system could not be solved (the problem is too badly scaled or degenerate).
    case numericalTrouble
    /// Party `party`'s value of this issue is not concave, so the program is not concave and the
    /// interior point would not be certified: nothing was solved.
    case nonConcave(party: Int, issue: ConcaveProgram.Item)
}

/// Work done and the certificate of a Nash solve.
public struct NashInfo: Sendable, Equatable {
    /// Newton iterations (each one factorization, a predictor and a corrector).
    public var iterations: Int
    /// Largest violation of a share sum `|Σ_i x[k][i] − 1|` at the reported point.
    public var primalResidual: Double
    /// Largest violation of stationarity in the interior-point dual variables, relative to the
    /// marginal values (informative: the certificate is `dualityGap`).
    public var dualResidual: Double
    /// Certified upper bound on `optimum − objective` (∞ when no certificate was found).
    public var dualityGap: Double
    /// Wall-clock seconds of the solve.
    public var seconds: Double

    public init(iterations: Int, primalResidual: Double, dualResidual: Double, dualityGap: Double, seconds: Double) {
        self.iterations = iterations
        self.primalResidual = primalResidual
        self.dualResidual = dualResidual
        self.dualityGap = dualityGap
        self.seconds = seconds
    }
}

/// The result of a Nash solve. Arrays are empty unless `status` is `solved` or `iterationLimit`.
public struct NashSolution: Sendable, Equatable {
    public var status: NashStatus
    public var info: NashInfo
    /// `shares[k][i]`: party `i`'s share of good `k` (each row sums to 1).
    public var shares: [[Double]]
    /// `rangeValues[r]`: the agreed value of range `r`.
    public var rangeValues: [Double]
    /// `utilities[i] = u_i(shares, rangeValues)`, evaluated with the program's own functions.
    public var utilities: [Double]
    /// `Σ_i p_i log(u_i − d_i)` (−∞ when some `u_i ≤ d_i`).
    public var objective: Double
    /// `prices[k]`: the Lagrange multiplier of `Σ_i x[k][i] = 1`, the marginal Nash objective per
    /// unit of good `k`. For linear values, zero reservations and constants it is the Fisher-market
    /// equilibrium price with budgets `p_i` (Eisenberg–Gale).
    public var prices: [Double]

    public init(
        status: NashStatus, info: NashInfo, shares: [[Double]], rangeValues: [Double], utilities: [Double],
        objective: Double, prices: [Double]
    ) {
        self.status = status
        self.info = info
        self.shares = shares
        self.rangeValues = rangeValues
        self.utilities = utilities
        self.objective = objective
        self.prices = prices
    }

    static func unsolved(_ status: NashStatus, seconds: Double = 0) -> NashSolution {
        NashSolution(
            status: status,
            info: NashInfo(iterations: 0, primalResidual: .infinity, dualResidual: .infinity, dualityGap: .infinity, seconds: seconds),
            shares: [], rangeValues: [], utilities: [], objective: -.infinity, prices: [])
    }
}

/// Malformed program data (a thrown error, unlike an infeasible or empty program, which is a
/// status). `field` is a path into the program such as `goods[2].value[1].x`.
public struct NashInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

extension ConcaveProgram {
    /// The Nash bargaining solution of the program: the feasible `(x, y)` maximizing
    /// `Σ_i p_i log(u_i(x, y) − d_i)`, by a primal–dual interior-point method (Mehrotra
    /// predictor–corrector) with a certified duality gap.
    ///
    /// **Form.** Every value function is concave piecewise linear, so every issue is written in
    /// *segment form*: a share `x = lower + Σ_s z_s` and a range value `y = lower + Σ_s z_s` with
    /// `0 ≤ z_s ≤ len_s` over the pieces (for a range, the pieces of all parties' functions merged),
    /// which makes every utility linear, `u = c + A·z`. Because each function is concave and the
    /// objective increases in every `u_i`, the program over `z` has the same optimum (filling the
    /// pieces in order is optimal), and the reported `z` is refilled in order. Shares are kept
    /// inside every value function's domain `[x[0], x[K−1]]` (intersected with the share bounds).
    ///
    /// **Certificate.** With `μ_i = p_i / w_i` (`w_i = u_i − d_i`) and the good prices `π`, the
    /// Lagrangian dual gives `optimum ≤ Σ_i p_i (log(p_i/μ_i) − 1) + μ·(c − d) + π·b + Σ_j r⁺_j len_j`,
    /// `r = Aᵀμ − Eᵀπ`, so `optimum − objective ≤ Σ_j (r⁺_j (len_j − z_j) + r⁻_j z_j) + π·(b − E z)`
    /// at any `z` in the box: `info.dualityGap`, computed at the reported point.
    ///
    /// **Scaling.** Each party's row is scaled by the spread of its utility over the box; a solve
    /// that ends in numerical trouble is run once more with the alternative scaling of
    /// `SegmentForm.make` (the geometric mean of that spread and the party's best gain).
    ///
    /// **Working set.** With thousands of share groups, the interior point first runs on the
    /// groups likely to be positive at the optimum and grows that set until the solution is
    /// certified for every group (`SegmentForm.workingSetOutcome`; an Eisenberg–Gale optimum has at
    /// most `n + m − 1` positive shares of `n·m`).
    ///
    /// **Structure.** One Newton system reduces, by eliminating the segment variables (diagonal),
    /// to an SPD system in the good prices (m) and party multipliers (n); its diagonal block is
    /// eliminated in turn, leaving a dense SPD system of order `min(n, m)` (order `n` when ranges
    /// are present: their merged pieces add a dense rank-`S_r` term), formed by `dsyrk` and solved
    /// by Cholesky (`dposv`).
    ///
    /// - Complexity: per iteration O(N + n·m·min(n, m) + min(n, m)³) flops for `N` pieces over the
    ///   goods (`N = n·m` for linear values), plus O(n²·S_r) with `S_r` range pieces.
    /// - Throws: `NashInputError` for malformed data (counts, non-finite numbers, power ≤ 0, a
    ///   function with fewer than 2 points or x not increasing).
    public func solveNash(settings: NashSettings = NashSettings()) throws -> NashSolution {
        let clock = ContinuousClock.now
        try validateForNash(settings: settings)
        if let status = nonConcavity() { return .unsolved(status) }
        var solution = NashSolution.unsolved(.numericalTrouble)
        // Numerical trouble is tried once more with the alternative row scaling.
        for alternative in [false, true] {
            let form: SegmentForm
            switch SegmentForm.make(self, tolerance: settings.feasibilityTolerance, alternative: alternative) {
            case .failure(let failure): return .unsolved(failure.status, seconds: clock.secondsSince)
            case .success(let made): form = made
            }
            if form.partyBelowReservation() != nil {
                return .unsolved(.noAgreementZone, seconds: clock.secondsSince)
            }
            let outcome = form.workingSetOutcome(settings: settings) ?? {
                var solver = NashInteriorPoint(form: form, settings: settings)
                return solver.run()
            }()
            solution = form.solution(outcome, program: self, settings: settings)
            if solution.status != .solved, form.hasNoAgreementZone(tolerance: settings.feasibilityTolerance) {
                solution = .unsolved(.noAgreementZone)
            }
            if solution.status != .numericalTrouble { break }
        }
        solution.info.seconds = clock.secondsSince
        return solution
    }

    /// The first party and issue whose value function is not concave (`firstNonConcave`).
    func nonConcavity() -> NashStatus? {
        firstNonConcave.map { .nonConcave(party: $0.party, issue: $0.item) }
    }
}

extension ContinuousClock.Instant {
    var secondsSince: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
