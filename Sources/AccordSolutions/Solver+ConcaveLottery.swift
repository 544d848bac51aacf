import AccordModel
import AccordOptimize
import AccordSpace

/// Solutions over lotteries on a scenario with range or divisible issues (`solve --lotteries`).
///
/// The utility set is the union, over the discrete frontier packages `k` and the concave parts
/// `b` of the program, of the convex sets `U_kb = {u(x) : x feasible in part b, u(x) ≥ d}` with
/// package `k`'s utilities as constants (each is the image of a polytope under concave
/// piecewise-linear utilities; its LP form is `ConcaveProgram+LinearSolutions.swift`'s). A
/// lottery's expected utilities range over the convex hull of the union. The solutions over it
/// are found by column generation: a few points of the set (columns) carry the lottery, a master
/// problem solves the concept over their hull, and a pricing step — one `weightedSum` LP per
/// set, `ConcaveSearch.price` — finds the point that the master's multipliers value most. When
/// no point is worth more than the master's optimum, the master's answer is the answer over the
/// whole hull; what the best point is worth beyond it is the certificate.
extension ConcaveSearch {
    /// Whether the utility set is already convex, so that no lottery beats the pure solutions:
    /// one discrete package (or none) and one concave part.
    ///
    /// Why: the part's feasible set `X` (shares on simplices cut by boxes, ranges in intervals) is
    /// convex and each `u_i` is a constant plus concave functions of single coordinates, so `u_i`
    /// is concave on `X` and the acceptable set `A = {x ∈ X : u(x) ≥ d}` is convex (an
    /// intersection of superlevel sets of concave functions). A lottery with probabilities `λ_j`
    /// on packages `x_j ∈ A` has expected utilities `Σ_j λ_j u(x_j) ≤ u(x̄)` componentwise, where
    /// `x̄ = Σ_j λ_j x_j` (Jensen's inequality for each concave `u_i`); `x̄` is in `X` by
    /// convexity and in `A` since `u(x̄) ≥ Σ_j λ_j u(x_j) ≥ d`. So every lottery is weakly
    /// dominated, party by party, by one pure package. Nash, Kalai–Smorodinsky and egalitarian
    /// are nondecreasing in every `u_i`, and so is their tie rule `Σ u_i`: the best pure package
    /// is at least as good as the best lottery. Free disposal is not needed: the dominated vector
    /// `Σ λ_j u(x_j)` need not be the utilities of any package (the set `u(A)` need not be convex,
    /// only its downward closure is); the argument only compares it with `u(x̄)`, which is. For
    /// Nash the log objective is strictly concave in the gains and strictly increasing in each,
    /// so its maximizer over the hull is unique and is the pure solution's utility vector.
    ///
    /// With several discrete packages or concave parts the set is a union of convex sets, whose
    /// hull can hold better points than any of them: there lotteries can gain.
    var utilitySetIsConvex: Bool { points.count == 1 && branches.count == 1 }

    /// The agreement of one candidate: its package and utilities.
    func agreement(of candidate: ConcaveCandidate) -> Agreement {
        Agreement(
            package: part.package(options: points[candidate.point].options, shares: candidate.shares, ranges: candidate.rangeValues),
            utilities: candidate.utilities, disagreement: part.disagreement, power: part.program.power)
    }

    /// The agreement of a mix of columns: a lottery when it mixes several (its package the most
    /// likely one, its utilities `expected`), else the one column's.
    func agreement(mixing mix: [(index: Int, probability: Double)], of columns: [ConcaveCandidate], expected: [Double]) -> Agreement {
        guard mix.count > 1 else { return agreement(of: columns[mix.first?.index ?? 0]) }
        let shares = mix.map { entry in LotteryShare(probability: entry.probability, package: agreement(of: columns[entry.index]).package) }
        let likeliest = shares.max { $0.probability < $1.probability }?.package ?? []
        return Agreement(package: likeliest, lottery: shares, utilities: expected, disagreement: part.disagreement, power: part.program.power)
    }

    /// `concept` over lotteries, from its pure solution `pure`: the pure agreement for the
    /// utilitarian solution (a linear criterion: no mix beats the best point) and when the utility
    /// set is convex (`utilitySetIsConvex`); otherwise `nashLottery` or `maxMinLottery`. Adds the
    /// certificate to `gap` and the Frank–Wolfe iterations to `iterations`.
    mutating func lottery(_ concept: SolutionConcept, from pure: ConcaveCandidate) -> Result<Agreement, ConcaveFailure> {
        if utilitySetIsConvex { return .success(agreement(of: pure)) }
        switch concept {
        case .utilitarian: return .success(agreement(of: pure))
        case .nash: return nashLottery(from: pure)
        case .egalitarian, .kalaiSmorodinsky:
            switch idealPoint() {
            case .failure(let failure): return .failure(failure)
            case .success(let ideal):
                let scale = Solver.maxMinScale(concept, ideal: ideal ?? pure.utilities, disagreement: part.disagreement)
                return maxMinLottery(concept, from: pure, scale: scale)
            }
        }
    }

    /// Nash over lotteries: `max Σ p_i log(E u_i − d_i)` over the hull of the utility set, by
    /// simplicial decomposition (fully corrective Frank–Wolfe): the master is `NashLottery` over
    /// the columns (from the pure solution, whose gains are positive); at its answer `x` the
    /// gradient `g_i = p_i / (x_i − d_i)` prices every point `y` of the set by `g·y`, and the best,
    /// `y*` (`price`), enters. As `f` is concave, `f* − f(x) ≤ max_y g·(y − x)`: that Frank–Wolfe
    /// gap, plus the pricing LP's duality gap (the most `y*` may fall short of the best `g·y`), is
    /// the certificate. The method stops when the gap is at most `settings.lotteryGap`, or when the
    /// best point is already a column (the LPs' accuracy is reached; the gap is then still a valid
    /// bound). Each `y*` is a basic solution of one of finitely many LPs, so it ends.
    ///
    /// - Complexity: per round, one `NashLottery` over C columns and at most one LP per discrete
    ///   package and part (fewer when the bound `Σ g_i (c_i + best_i)` rules packages out).
    mutating func nashLottery(from pure: ConcaveCandidate) -> Result<Agreement, ConcaveFailure> {
        let objective = NashObjective(disagreement: part.disagreement, power: part.program.power)
        var columns = [pure]
        var rounds = 0
        while true {
            let master = NashLottery.solve(utilities: columns.flatMap(\.utilities), objective: objective, start: 0, settings: settings)
            iterations += master.iterations
            rounds += 1
            let g = objective.gradient(at: master.utilities)
            let current = zip(g, master.utilities).reduce(0.0) { $0 + $1.0 * $1.1 }
            let best: (candidate: ConcaveCandidate, value: Double, dualityGap: Double)?
            switch price(g) {
            case .failure(let failure): return .failure(failure)
            case .success(let found): best = found
            }
            let advance = (best?.value ?? current) - current
            let entering = best.flatMap { found in isNewColumn(found.candidate, among: columns) ? found.candidate : nil }
            let limit = master.reachedIterationLimit || rounds >= settings.maxIterations
            if advance <= settings.lotteryGap || entering == nil || limit {
                gap = max(gap, master.gap, max(0, advance) + (best?.dualityGap ?? 0))
                if limit && max(master.gap, advance) > settings.lotteryGap { reachedIterationLimit = true }
                return .success(agreement(mixing: master.mix, of: columns, expected: master.utilities))
            }
            if let entering { columns.append(entering) }
        }
    }

    /// Egalitarian or Kalai–Smorodinsky over lotteries: `max min_i (E u_i − d_i) / scale_i` over
    /// the hull of the utility set, ties to the larger `Σ E u_i`, by column generation on the two
    /// LPs of `egalitarianLottery` (the max–min, then the tie stage) over the columns. A point `y`
    /// of the set would improve stage `s` when its reduced cost under the stage's row duals `λ`,
    /// `c_s(y) − λ_0 + Σ_i w_i (y_i − d_i)` with `w_i = −λ_i / scale_i ≥ 0` and `c_0 = 0`,
    /// `c_1 = Σ y_i`, is positive: the pricing step maximizes `Σ_i w_i y_i` (stage 0) or
    /// `Σ_i (1 + w_i) y_i` (stage 1) over the set. When the largest reduced cost `r` is at most
    /// `pricingTolerance`, raising `λ_0` by `max(r, 0)` makes the duals feasible for the LP over
    /// the whole hull, so `max(r, 0)` plus the LPs' duality gaps bounds how far the stage's optimum
    /// may lie above the master's: the certificate. The answer is the tie stage's basic solution,
    /// at most n + 1 packages.
    ///
    /// - Complexity: per round, two LPs over C columns and n + 1 rows and at most two pricing
    ///   steps (one LP per discrete package and part each).
    mutating func maxMinLottery(_ concept: SolutionConcept, from pure: ConcaveCandidate, scale: [Double]) -> Result<Agreement, ConcaveFailure> {
        let d = part.disagreement, n = d.count
        var columns = [pure]
        var rounds = 0
        while true {
            let mix = egalitarianLottery(points: columns.map(\.utilities), disagreement: d, scale: scale)
            guard mix.status == .solved, mix.rowDuals.count == 2, mix.rowDuals.allSatisfy({ $0.count == n + 1 }) else {
                return .failure(.numerical("\(concept.title) lottery LP: \(mix.status)"))
            }
            rounds += 1
            var certificate = 0.0
            var entering: ConcaveCandidate?
            for stage in 0..<2 {
                let duals = mix.rowDuals[stage]
                let w = (0..<n).map { max(0, -duals[1 + $0]) / scale[$0] }
                let best: (candidate: ConcaveCandidate, value: Double, dualityGap: Double)?
                switch price(stage == 0 ? w : w.map { 1 + $0 }) {
                case .failure(let failure): return .failure(failure)
                case .success(let found): best = found
                }
                guard let best else { continue }
                let reduced = best.value - zip(w, d).reduce(0.0) { $0 + $1.0 * $1.1 } - duals[0]
                certificate = max(certificate, max(0, reduced) + best.dualityGap + mix.info[stage].dualityGap)
                if reduced > pricingTolerance * max(1, abs(duals[0])), isNewColumn(best.candidate, among: columns) {
                    entering = best.candidate
                    break
                }
            }
            guard let entering, rounds < settings.maxIterations else {
                gap = max(gap, certificate)
                if entering != nil { reachedIterationLimit = true }
                let support = zip(mix.support, mix.probabilities).map { (index: $0, probability: $1) }
                return .success(agreement(mixing: support, of: columns, expected: mix.expectedUtility))
            }
            columns.append(entering)
        }
    }

    /// The point of the utility set that maximizes `Σ_i w_i u_i` (`w ≥ 0`), over every discrete
    /// package and concave part (`ConcaveProgram.weightedSum`), with its value and the largest
    /// duality gap of the LPs solved; `nil` when no part has a point with every `u_i ≥ d_i`.
    ///
    /// Branch and bound: package `p`'s utilities are constants `c_p` of part `b`'s program, so
    /// `Σ_i w_i u_i ≤ Σ_i w_i c_pi + M_b`, where `M_b` is the most `Σ_i w_i` (continuous part of
    /// `u_i`) over part `b` with `u ≥ d` dropped (`unconstrained`: one LP per part, the same for
    /// every package; its duality gap added) — exact unless `u ≥ d` binds. The pairs are solved
    /// in decreasing order of that bound until it cannot beat the best value found, usually after
    /// one. A part whose bounds admit no point is marked empty (as in `ranked`).
    ///
    /// - Complexity: one LP per part, then at most one per discrete package and part (usually
    ///   one), and a sort of the packages × parts.
    mutating func price(_ weights: [Double]) -> Result<(candidate: ConcaveCandidate, value: Double, dualityGap: Double)?, ConcaveFailure> {
        var reach: [(branch: Int, most: Double)] = []
        for b in branches.indices where empty[b] == nil {
            let found = unconstrained(b).weightedSum(weights)
            switch found.status {
            case .solved: reach.append((b, (found.objective ?? .infinity) + found.info.lp.dualityGap))
            case .noAgreementZone: reach.append((b, .infinity))  // the floors never bind: not reached
            case .infeasible(let item): empty[b] = item
            case .nonConcave, .invalid, .failed: return .failure(.numerical("pricing bound LP: \(found.status)"))
            }
        }
        var pairs: [(point: Int, branch: Int, bound: Double)] = []
        for p in points.indices {
            let constant = zip(weights, points[p].utilities).reduce(0.0) { $0 + $1.0 * $1.1 }
            for entry in reach { pairs.append((p, entry.branch, constant + entry.most)) }
        }
        pairs.sort { ($0.bound, -$0.point, -$0.branch) > ($1.bound, -$1.point, -$1.branch) }
        var best: (candidate: ConcaveCandidate, value: Double, dualityGap: Double)?
        var dualityGap = 0.0
        for pair in pairs where empty[pair.branch] == nil {
            if let best, pair.bound <= best.value { break }
            let found = program(pair.point, pair.branch).weightedSum(weights)
            switch found.status {
            case .solved:
                dualityGap = max(dualityGap, found.info.lp.dualityGap)
                let value = found.objective ?? -.infinity
                if value > best?.value ?? -.infinity {
                    best = (ConcaveCandidate(point: pair.point, branch: pair.branch, utilities: found.utilities, shares: found.shares, rangeValues: found.rangeValues), value, 0)
                }
            case .noAgreementZone: continue
            case .infeasible(let item): empty[pair.branch] = item
            case .nonConcave, .invalid, .failed: return .failure(.numerical("pricing LP: \(found.status)"))
            }
        }
        best?.dualityGap = dualityGap
        return .success(best)
    }

    /// Part `b` with constants 0 and floors no point reaches (`d_i = −1 − Σ max |y|` over party
    /// `i`'s value functions, which never fall below `−max |y|`): its utility set without the
    /// bound `u ≥ d`.
    func unconstrained(_ b: Int) -> ConcaveProgram {
        var program = branches[b]
        let functions = program.goods.map(\.value) + program.ranges.map(\.value)
        program.disagreement = (0..<program.parties).map { i in
            -1 - functions.reduce(0.0) { total, values in total + (values[i]?.y.map(abs).max() ?? 0) }
        }
        program.constant = program.disagreement.map { _ in 0 }
        return program
    }

    /// Whether `candidate`'s utilities differ from every column's by more than rounding
    /// (relative `10^-12`): a point already among the columns cannot improve the master.
    func isNewColumn(_ candidate: ConcaveCandidate, among columns: [ConcaveCandidate]) -> Bool {
        !columns.contains { column in
            zip(column.utilities, candidate.utilities).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) }
        }
    }
}

/// A reduced cost at most this (relative to the master's `λ_0`) counts as 0 in column
/// generation: the accuracy of GLPK's simplex (its tolerances are 10^-9).
let pricingTolerance = 1e-12
