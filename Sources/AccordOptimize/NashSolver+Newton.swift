import Foundation

/// The primal–dual interior point on a `SegmentForm` (Mehrotra predictor–corrector).
///
/// Variables: pieces `z` (box `0 ≤ z ≤ len`, duals `s ≥ 0` at 0 and `t ≥ 0` at `len`), gains `w`
/// with multipliers `ν` of `w = g + A·z`, good prices `π` of `E·z = b`. The optimality conditions
///
///     Aᵀν − Eᵀπ + s − t = 0,   ν∘w = p,   E·z = b,   g + A·z − w = 0,   s∘z = t∘(len − z) = 0
///
/// are followed by Newton steps on the centred system (`s∘z = t∘q = σμ`). Eliminating `dz`
/// (diagonal `D = s/z + t/q`), `dw`, `ds`, `dt` leaves the SPD system
///
///     [ P   M ] [−dπ]   [r₁]      P = E D⁻¹ Eᵀ (diagonal), M = E D⁻¹ Aᵀ (m × n),
///     [ Mᵀ  G ] [ dν] = [r₂],     G = A D⁻¹ Aᵀ + diag(w/ν) (diagonal plus the range pieces),
///
/// reduced once more to its Schur complement of order `min(n, m)` (order `n` with ranges).
struct NashInteriorPoint {
    let form: SegmentForm
    let settings: NashSettings

    var z: [Double]
    var s: [Double]
    var t: [Double]
    var w: [Double]
    var nu: [Double]
    var price: [Double]

    /// What `run()` found: the point to report (already purified when that certified better), its
    /// prices, certified gap, iterations and the last dual residual.
    struct Outcome {
        var status: NashStatus
        var z: [Double]
        var price: [Double]
        var gap: Double
        var iterations: Int
        var dualResidual: Double
    }

    init(form: SegmentForm, settings: NashSettings) {
        self.form = form
        self.settings = settings
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces
        var z = [Double](repeating: 0, count: ng + nr)
        var total = [Double](repeating: 0, count: form.supply.count)
        for j in 0..<ng { total[form.goodOf[j]] += form.length[j] }
        for j in 0..<ng { z[j] = form.length[j] * form.supply[form.goodOf[j]] / total[form.goodOf[j]] }
        for j in 0..<nr { z[ng + j] = 0.5 * form.rangeLength[j] }
        let w = form.gains(z).map { max($0, 1e-2) }
        let nu = (0..<n).map { form.power[$0] / w[$0] }
        // Prices: the length-weighted mean marginal value of each good's pieces.
        var price = [Double](repeating: 0, count: form.supply.count)
        for j in 0..<ng { price[form.goodOf[j]] += form.length[j] * nu[form.partyOf[j]] * form.slope[j] }
        for a in price.indices { price[a] /= total[a] }
        var marginal = [Double](repeating: 0, count: ng + nr)
        for j in 0..<ng { marginal[j] = nu[form.partyOf[j]] * form.slope[j] - price[form.goodOf[j]] }
        for j in 0..<nr {
            var m = 0.0
            for i in 0..<n { m += form.rangeColumns[j * n + i] * nu[i] }
            marginal[ng + j] = m
        }
        let typical = marginal.reduce(0) { $0 + abs($1) } / Double(max(marginal.count, 1))
        let floor = max(typical, form.power.reduce(0, +) / Double(n) * 1e-2)
        // Stationarity Aᵀν − Eᵀπ + s − t = 0 holds exactly: s − t = −marginal.
        self.s = marginal.map { max(-$0, 0) + floor }
        self.t = marginal.map { max($0, 0) + floor }
        self.z = z
        self.w = w
        self.nu = nu
        self.price = price
    }

    var lengths: [Double] { form.length + form.rangeLength }

    /// Runs Newton steps until the certificate at the iterate (or at its purification) is within
    /// the gap tolerance, or the iteration cap, or trouble.
    ///
    /// - Complexity: per iteration, see `ConcaveProgram.solveNash`.
    mutating func run() -> Outcome {
        let len = lengths
        let count = z.count
        var best = Outcome(status: .iterationLimit, z: z, price: price, gap: .infinity, iterations: 0, dualResidual: .infinity)
        var stalled = 0
        for iteration in 0...settings.maxIterations {
            best.iterations = iteration
            best.dualResidual = dualResidual()
            if let done = certify(&best, len: len) { return done }
            if iteration == settings.maxIterations { break }
            var q = [Double](repeating: 0, count: count)
            for j in 0..<count { q[j] = len[j] - z[j] }
            var gapSum = 0.0
            for j in 0..<count { gapSum += s[j] * z[j] + t[j] * q[j] }
            let mu = gapSum / Double(2 * max(count, 1))
            guard let system = NewtonSystem(point: self, q: q) else {
                best.status = .numericalTrouble
                return best
            }
            var rs = [Double](repeating: 0, count: count), rt = rs
            for j in 0..<count {
                rs[j] = -s[j] * z[j]
                rt[j] = -t[j] * q[j]
            }
            var rw = (0..<form.parties).map { form.power[$0] - nu[$0] * w[$0] }
            let affine = system.direction(point: self, q: q, rs: rs, rt: rt, rw: rw)
            let alphaAffine = stepLength(affine, q: q, fraction: 1)
            var affineSum = 0.0
            for j in 0..<count {
                let zj = z[j] + alphaAffine * affine.z[j]
                affineSum += (s[j] + alphaAffine * affine.s[j]) * zj + (t[j] + alphaAffine * affine.t[j]) * (len[j] - zj)
            }
            let muAffine = affineSum / Double(2 * max(count, 1))
            let sigma = mu > 0 ? min(1, pow(max(muAffine, 0) / mu, 3)) : 0
            for j in 0..<count {
                rs[j] = sigma * mu - s[j] * z[j] - affine.s[j] * affine.z[j]
                rt[j] = sigma * mu - t[j] * q[j] + affine.t[j] * affine.z[j]
            }
            for i in 0..<form.parties { rw[i] -= affine.nu[i] * affine.w[i] }
            let step = system.direction(point: self, q: q, rs: rs, rt: rt, rw: rw)
            let alpha = stepLength(step, q: q, fraction: max(0.9, 1 - mu))
            guard alpha.isFinite, step.isFinite else {
                best.status = .numericalTrouble
                return best
            }
            apply(step, alpha)
            stalled = alpha < 1e-8 ? stalled + 1 : 0
            if stalled >= 5 {
                best.status = .numericalTrouble
                return best
            }
        }
        best.status = .iterationLimit
        return best
    }

    /// The certified gap at the iterate and at its purification; records the better in `best`
    /// and returns the finished outcome when it is within tolerance.
    func certify(_ best: inout Outcome, len: [Double]) -> Outcome? {
        var candidates = [z]
        if let purified = purified(len: len) { candidates.append(purified) }
        for candidate in candidates {
            guard let gap = form.certifiedGap(candidate, price: price) else { continue }
            if gap < best.gap {
                best.gap = gap
                best.z = candidate
                best.price = price
            }
        }
        guard best.gap.isFinite else { return nil }
        let objective = form.objective(best.z)
        if best.gap <= settings.gapTolerance * max(1, abs(objective)) {
            var done = best
            done.status = .solved
            return done
        }
        return nil
    }

    /// The iterate with the pieces the duals call active snapped to their bound (lower when
    /// `z_j` is small and the marginal is below the price, upper symmetrically), and each good's
    /// sum restored on its other pieces. `nil` when nothing snaps or a sum cannot be restored.
    ///
    /// - Complexity: O(N + n·S_r).
    func purified(len: [Double]) -> [Double]? {
        let ng = form.goodPieces
        var p = z
        var snapped = [Bool](repeating: false, count: z.count)
        var any = false
        for j in z.indices {
            if z[j] < 1e-6 * len[j], s[j] > t[j] {
                p[j] = 0
                snapped[j] = true
            } else if len[j] - z[j] < 1e-6 * len[j], t[j] > s[j] {
                p[j] = len[j]
                snapped[j] = true
            }
            any = any || snapped[j]
        }
        guard any else { return nil }
        let m = form.supply.count
        var sum = [Double](repeating: 0, count: m), up = sum, down = sum
        for j in 0..<ng {
            let a = form.goodOf[j]
            sum[a] += p[j]
            if !snapped[j] {
                up[a] += len[j] - p[j]
                down[a] += p[j]
            }
        }
        for a in 0..<m {
            let deficit = form.supply[a] - sum[a]
            if deficit > 0 ? deficit > up[a] : -deficit > down[a] { return nil }
        }
        for j in 0..<ng where !snapped[j] {
            let a = form.goodOf[j]
            let deficit = form.supply[a] - sum[a]
            if deficit > 0, up[a] > 0 {
                p[j] += deficit * (len[j] - p[j]) / up[a]
            } else if deficit < 0, down[a] > 0 {
                p[j] += deficit * p[j] / down[a]
            }
            p[j] = min(max(p[j], 0), len[j])
        }
        return p
    }

    /// Largest `|Aᵀν − Eᵀπ + s − t|`, relative to the largest marginal `|Aᵀν|`.
    func dualResidual() -> Double {
        let n = form.parties, ng = form.goodPieces
        var worst = 0.0, scale = 1e-300
        for j in 0..<ng {
            let marginal = nu[form.partyOf[j]] * form.slope[j]
            scale = max(scale, abs(marginal))
            worst = max(worst, abs(marginal - price[form.goodOf[j]] + s[j] - t[j]))
        }
        for j in 0..<form.rangePieces {
            var marginal = 0.0
            for i in 0..<n { marginal += form.rangeColumns[j * n + i] * nu[i] }
            scale = max(scale, abs(marginal))
            worst = max(worst, abs(marginal + s[ng + j] - t[ng + j]))
        }
        return worst / scale
    }

    /// The largest `α ≤ 1` keeping `z` inside its box and `s, t, w, ν` positive, times `fraction`.
    func stepLength(_ d: Direction, q: [Double], fraction: Double) -> Double {
        var alpha = 1.0
        func limit(_ value: Double, _ change: Double) {
            if change < 0 { alpha = min(alpha, -value / change) }
        }
        for j in z.indices {
            limit(z[j], d.z[j])
            limit(q[j], -d.z[j])
            limit(s[j], d.s[j])
            limit(t[j], d.t[j])
        }
        for i in w.indices {
            limit(w[i], d.w[i])
            limit(nu[i], d.nu[i])
        }
        return alpha < 1 ? alpha * fraction : 1
    }

    mutating func apply(_ d: Direction, _ alpha: Double) {
        let len = lengths
        for j in z.indices {
            z[j] = min(max(z[j] + alpha * d.z[j], 0), len[j])
            s[j] += alpha * d.s[j]
            t[j] += alpha * d.t[j]
        }
        for i in w.indices {
            w[i] += alpha * d.w[i]
            nu[i] += alpha * d.nu[i]
        }
        for a in price.indices { price[a] += alpha * d.price[a] }
    }
}

/// A Newton direction.
struct Direction {
    var z: [Double], s: [Double], t: [Double], w: [Double], nu: [Double], price: [Double]

    var isFinite: Bool {
        [z, s, t, w, nu, price].allSatisfy { $0.allSatisfy(\.isFinite) }
    }
}

/// One factorized Newton system: the diagonal `D⁻¹`, the blocks `P`, `M`, `G` and the Cholesky
/// factor of the Schur complement, reused by the predictor and the corrector.
struct NewtonSystem {
    let inverseD: [Double]
    let p: [Double]
    /// `M[a·n + i]` (n × m, column-major).
    let m: [Double]
    /// Diagonal of `G` without the range term.
    let g: [Double]
    /// Solve in the party multipliers (order n) or in the good prices (order m).
    let inParties: Bool
    let factor: [Double]
    /// Residuals shared by both solves: stationarity, good sums, `g + Az − w`.
    let rd: [Double]
    let rE: [Double]
    let rA: [Double]

    init?(point x: NashInteriorPoint, q: [Double]) {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        var inverseD = [Double](repeating: 0, count: count)
        for j in 0..<count { inverseD[j] = 1 / (x.s[j] / x.z[j] + x.t[j] / q[j]) }
        var p = [Double](repeating: 0, count: mA)
        var m = [Double](repeating: 0, count: n * mA)
        var g = (0..<n).map { x.w[$0] / x.nu[$0] }
        var rd = [Double](repeating: 0, count: count)
        var rE = form.supply
        for j in 0..<ng {
            let a = form.goodOf[j], i = form.partyOf[j], slope = form.slope[j], dInv = inverseD[j]
            p[a] += dInv
            m[a * n + i] += slope * dInv
            g[i] += slope * slope * dInv
            rd[j] = x.nu[i] * slope - x.price[a] + x.s[j] - x.t[j]
            rE[a] -= x.z[j]
        }
        for j in 0..<nr {
            var marginal = 0.0
            for i in 0..<n { marginal += form.rangeColumns[j * n + i] * x.nu[i] }
            rd[ng + j] = marginal + x.s[ng + j] - x.t[ng + j]
        }
        let az = form.gains(x.z)
        self.rA = (0..<n).map { x.w[$0] - az[$0] }
        inParties = nr > 0 || n <= mA
        let order = inParties ? n : mA
        var schur = [Double](repeating: 0, count: order * order)
        var scaled = m
        if inParties {
            for i in 0..<n { schur[i * n + i] = g[i] }
            if nr > 0 {
                var v = [Double](repeating: 0, count: n * nr)
                for j in 0..<nr {
                    let root = inverseD[ng + j].squareRoot()
                    for i in 0..<n { v[j * n + i] = form.rangeColumns[j * n + i] * root }
                }
                LinearAlgebra.symmetricRankUpdate(&schur, order: n, v, inner: nr, transposed: false, alpha: 1)
            }
            for a in 0..<mA {
                let root = 1 / p[a].squareRoot()
                for i in 0..<n { scaled[a * n + i] *= root }
            }
            LinearAlgebra.symmetricRankUpdate(&schur, order: n, scaled, inner: mA, transposed: false, alpha: -1)
        } else {
            for a in 0..<mA { schur[a * mA + a] = p[a] }
            let roots = g.map { 1 / $0.squareRoot() }
            for a in 0..<mA { for i in 0..<n { scaled[a * n + i] *= roots[i] } }
            LinearAlgebra.symmetricRankUpdate(&schur, order: mA, scaled, inner: n, transposed: true, alpha: -1)
        }
        // A tiny diagonal shift, raised until Cholesky succeeds, guards against rounding; it only
        // perturbs the direction (the certificate is computed independently of it).
        var largest = 0.0
        for d in 0..<order { largest = max(largest, schur[d * order + d]) }
        var shift = 1e-14 * max(largest, 1e-300)
        var factored: [Double]?
        for _ in 0..<6 {
            var trial = schur
            for d in 0..<order { trial[d * order + d] += shift }
            if LinearAlgebra.choleskySolve(&trial, order: order, rightHandSide: [Double](repeating: 0, count: order)) != nil {
                factored = trial
                break
            }
            shift *= 100
        }
        guard let factor = factored else { return nil }
        self.inverseD = inverseD
        self.p = p
        self.m = m
        self.g = g
        self.factor = factor
        self.rd = rd
        self.rE = rE
    }

    /// The Newton direction for complementarity targets `rs` (`s∘z`), `rt` (`t∘q`) and `rw`
    /// (`ν∘w = p`), with the shared primal and dual residuals.
    ///
    /// - Complexity: O(N + n·m + order² + n·S_r).
    func direction(point x: NashInteriorPoint, q: [Double], rs: [Double], rt: [Double], rw: [Double]) -> Direction {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        // h = rd + rs/z − rt/q;  D dz = Aᵀdν − Eᵀdπ + h.
        var hd = [Double](repeating: 0, count: count)
        for j in 0..<count { hd[j] = (rd[j] + rs[j] / x.z[j] - rt[j] / q[j]) * inverseD[j] }
        var r1 = rE
        var r2 = (0..<n).map { rA[$0] + rw[$0] / x.nu[$0] }
        for j in 0..<ng {
            r1[form.goodOf[j]] -= hd[j]
            r2[form.partyOf[j]] -= form.slope[j] * hd[j]
        }
        for j in 0..<nr where hd[ng + j] != 0 {
            for i in 0..<n { r2[i] -= form.rangeColumns[j * n + i] * hd[ng + j] }
        }
        var u = [Double](repeating: 0, count: mA)  // u = −dπ
        var dNu = [Double](repeating: 0, count: n)
        if inParties {
            var rhs = r2
            for a in 0..<mA {
                let ratio = r1[a] / p[a]
                for i in 0..<n { rhs[i] -= m[a * n + i] * ratio }
            }
            dNu = LinearAlgebra.solve(factor: factor, order: n, rightHandSide: rhs)
            for a in 0..<mA {
                var sum = r1[a]
                for i in 0..<n { sum -= m[a * n + i] * dNu[i] }
                u[a] = sum / p[a]
            }
        } else {
            var rhs = r1
            let ratio = (0..<n).map { r2[$0] / g[$0] }
            for a in 0..<mA {
                for i in 0..<n { rhs[a] -= m[a * n + i] * ratio[i] }
            }
            u = LinearAlgebra.solve(factor: factor, order: mA, rightHandSide: rhs)
            for i in 0..<n {
                var sum = r2[i]
                for a in 0..<mA { sum -= m[a * n + i] * u[a] }
                dNu[i] = sum / g[i]
            }
        }
        var dz = [Double](repeating: 0, count: count)
        for j in 0..<ng { dz[j] = (form.slope[j] * dNu[form.partyOf[j]] + u[form.goodOf[j]]) * inverseD[j] + hd[j] }
        for j in 0..<nr {
            var sum = 0.0
            for i in 0..<n { sum += form.rangeColumns[j * n + i] * dNu[i] }
            dz[ng + j] = sum * inverseD[ng + j] + hd[ng + j]
        }
        var ds = [Double](repeating: 0, count: count), dt = ds
        for j in 0..<count {
            ds[j] = (rs[j] - x.s[j] * dz[j]) / x.z[j]
            dt[j] = (rt[j] + x.t[j] * dz[j]) / q[j]
        }
        let dw = (0..<n).map { (rw[$0] - x.w[$0] * dNu[$0]) / x.nu[$0] }
        return Direction(z: dz, s: ds, t: dt, w: dw, nu: dNu, price: u.map { -$0 })
    }
}
