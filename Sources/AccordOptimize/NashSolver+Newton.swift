import Foundation

/// The primal–dual interior point on a `SegmentForm` (Mehrotra predictor–corrector).
///
/// Variables: pieces `z` (box `0 ≤ z ≤ len`, duals `s ≥ 0` at 0 and `t ≥ 0` at `len`), gains `w`
/// with multipliers `ν` of `w = g + A·z`, good prices `π` of `E·z = b`. The optimality conditions
///
///     Aᵀν − Eᵀπ + s − t = 0,   ν∘w = p,   E·z = b,   g + A·z − w = 0,   s∘z = t∘(len − z) = 0
///
/// are followed by Newton steps on the centred system (`s∘z = t∘q = σμ`), with `ν` reset to
/// `p/w` after every step (so the `ν∘w = p` row linearizes the objective's gradient). Eliminating `dz`
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
        self.lengths = form.length + form.rangeLength
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

    /// Every piece's length, goods then ranges.
    let lengths: [Double]

    /// Runs Newton steps until the certificate at the iterate (or at its purification) is within
    /// the gap tolerance, or the iteration cap, or trouble.
    ///
    /// - Complexity: per iteration, see `ConcaveProgram.solveNash`.
    mutating func run() -> Outcome {
        let len = lengths
        let count = z.count
        var best = Outcome(status: .iterationLimit, z: z, price: price, gap: .infinity, iterations: 0, dualResidual: .infinity)
        var stalled = 0
        // Once certified, up to two more steps towards a 100× smaller gap: the shares of nearly
        // degenerate pieces (reduced cost r, share z ≤ gap/r) come out cleaner for little cost.
        var certified: Outcome?
        var extra = 0
        func finish(_ status: NashStatus) -> Outcome {
            if var done = certified {
                done.gap = best.gap
                done.z = best.z
                done.price = best.price
                return done
            }
            best.status = status
            return best
        }
        // Work buffers, allocated once per solve and overwritten by every iteration.
        var q = [Double](repeating: 0, count: count), rs = q, rt = q
        var rw = [Double](repeating: 0, count: form.parties)
        var affine = Direction(pieces: count, parties: form.parties, goods: form.supply.count)
        var step = affine
        var buffers = NewtonSystem.Buffers()
        for iteration in 0...settings.maxIterations {
            best.iterations = iteration
            best.dualResidual = dualResidual()
            if let done = certify(&best, len: len) {
                if certified == nil { certified = done }
                certified?.iterations = iteration
                certified?.dualResidual = best.dualResidual
                let objective = form.objective(best.z)
                if best.gap <= 1e-2 * settings.gapTolerance * max(1, abs(objective)) || extra >= 2 {
                    return finish(.solved)
                }
                extra += 1
            }
            if iteration == settings.maxIterations { break }
            var gapSum = 0.0
            len.withUnsafeBufferPointer { len in
            z.withUnsafeBufferPointer { z in
            s.withUnsafeBufferPointer { s in
            t.withUnsafeBufferPointer { t in
            q.withUnsafeMutableBufferPointer { q in
            rs.withUnsafeMutableBufferPointer { rs in
            rt.withUnsafeMutableBufferPointer { rt in
                for j in 0..<count { q[j] = len[j] - z[j] }
                for j in 0..<count { gapSum += s[j] * z[j] + t[j] * q[j] }
                for j in 0..<count {
                    rs[j] = -s[j] * z[j]
                    rt[j] = -t[j] * q[j]
                }
            }
            }
            }
            }
            }
            }
            }
            let mu = gapSum / Double(2 * max(count, 1))
            guard var system = NewtonSystem(point: self, q: q, buffers: &buffers) else { return finish(.numericalTrouble) }
            defer { system.recycle(into: &buffers) }
            for i in 0..<form.parties { rw[i] = form.power[i] - nu[i] * w[i] }
            system.direction(point: self, q: q, rs: rs, rt: rt, rw: rw, into: &affine)
            let alphaAffine = stepLength(affine, q: q, fraction: 1)
            len.withUnsafeBufferPointer { len in
            z.withUnsafeBufferPointer { z in
            s.withUnsafeBufferPointer { s in
            t.withUnsafeBufferPointer { t in
            q.withUnsafeBufferPointer { q in
            affine.z.withUnsafeBufferPointer { dz in
            affine.s.withUnsafeBufferPointer { ds in
            affine.t.withUnsafeBufferPointer { dt in
            rs.withUnsafeMutableBufferPointer { rs in
            rt.withUnsafeMutableBufferPointer { rt in
                var affineSum = 0.0
                for j in 0..<count {
                    let zj = z[j] + alphaAffine * dz[j]
                    affineSum += (s[j] + alphaAffine * ds[j]) * zj + (t[j] + alphaAffine * dt[j]) * (len[j] - zj)
                }
                let muAffine = affineSum / Double(2 * max(count, 1))
                let sigma = mu > 0 ? min(1, pow(max(muAffine, 0) / mu, 3)) : 0
                for j in 0..<count {
                    rs[j] = sigma * mu - s[j] * z[j] - ds[j] * dz[j]
                    rt[j] = sigma * mu - t[j] * q[j] + dt[j] * dz[j]
                }
            }
            }
            }
            }
            }
            }
            }
            }
            }
            }
            system.direction(point: self, q: q, rs: rs, rt: rt, rw: rw, into: &step)
            let alpha = stepLength(step, q: q, fraction: max(0.9, 1 - mu))
            guard alpha.isFinite, step.isFinite else { return finish(.numericalTrouble) }
            apply(step, alpha)
            stalled = alpha < 1e-8 ? stalled + 1 : 0
            if stalled >= 5 { return finish(.numericalTrouble) }
        }
        return finish(.iterationLimit)
    }

    /// The certified gap at the iterate and at its purification; records the better in `best`
    /// and returns the finished outcome when it is within tolerance.
    func certify(_ best: inout Outcome, len: [Double]) -> Outcome? {
        // Certificates at feasible points only (sums restored): an iterate's small infeasibility
        // can inflate its objective by more than the gap it would certify.
        var candidates = [(form.feasible(z), false)]
        // Purify only near the end (it costs a pass and a sort per good).
        if best.gap < 1e-4, let purified = purified(len: len) { candidates.append((form.feasible(purified), true)) }
        for (candidate, polish) in candidates {
            let prices = polish ? form.polishedPrices(candidate, fallback: price) : price
            guard let gap = form.certifiedGap(candidate, price: prices) else { continue }
            if gap < best.gap {
                best.gap = gap
                best.z = candidate
                best.price = prices
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
    /// sum restored on its other pieces. `nil` when nothing snaps.
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
        // A good whose sum cannot be restored on its free pieces keeps its iterate; a residual
        // at rounding level stays (the certificate charges it as π·(b − E z)).
        let restorable = (0..<m).map { a in
            let deficit = form.supply[a] - sum[a]
            return abs(deficit) <= 1e-13 || (deficit > 0 ? deficit <= up[a] : -deficit <= down[a])
        }
        for j in 0..<ng {
            let a = form.goodOf[j]
            guard restorable[a] else {
                p[j] = z[j]
                continue
            }
            guard !snapped[j] else { continue }
            let deficit = form.supply[a] - sum[a]
            if abs(deficit) <= 1e-13 { continue }
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
        form.goodOf.withUnsafeBufferPointer { goodOf in
        form.partyOf.withUnsafeBufferPointer { partyOf in
        form.slope.withUnsafeBufferPointer { slope in
        s.withUnsafeBufferPointer { s in
        t.withUnsafeBufferPointer { t in
            for j in 0..<ng {
                let marginal = nu[partyOf[j]] * slope[j]
                scale = max(scale, abs(marginal))
                worst = max(worst, abs(marginal - price[goodOf[j]] + s[j] - t[j]))
            }
        }
        }
        }
        }
        }
        for j in 0..<form.rangePieces {
            var marginal = 0.0
            for i in 0..<n { marginal += form.rangeColumns[j * n + i] * nu[i] }
            scale = max(scale, abs(marginal))
            worst = max(worst, abs(marginal + s[ng + j] - t[ng + j]))
        }
        return worst / scale
    }

    /// `min(1, fraction · α_max)`, `α_max` the largest step keeping `z` inside its box and
    /// `s, t, w` positive (a full step onto a boundary would zero a dual and make `D` infinite).
    func stepLength(_ d: Direction, q: [Double], fraction: Double) -> Double {
        var alpha = Double.infinity
        z.withUnsafeBufferPointer { z in
        s.withUnsafeBufferPointer { s in
        t.withUnsafeBufferPointer { t in
        q.withUnsafeBufferPointer { q in
        d.z.withUnsafeBufferPointer { dZ in
        d.s.withUnsafeBufferPointer { dS in
        d.t.withUnsafeBufferPointer { dT in
            for j in 0..<z.count {
                let dz = dZ[j]
                if dz < 0 { alpha = min(alpha, -z[j] / dz) } else if dz > 0 { alpha = min(alpha, q[j] / dz) }
                if dS[j] < 0 { alpha = min(alpha, -s[j] / dS[j]) }
                if dT[j] < 0 { alpha = min(alpha, -t[j] / dT[j]) }
            }
        }
        }
        }
        }
        }
        }
        }
        for i in w.indices where d.w[i] < 0 { alpha = min(alpha, -w[i] / d.w[i]) }
        return min(1, alpha * fraction)
    }

    mutating func apply(_ d: Direction, _ alpha: Double) {
        lengths.withUnsafeBufferPointer { len in
        d.z.withUnsafeBufferPointer { dz in
        d.s.withUnsafeBufferPointer { ds in
        d.t.withUnsafeBufferPointer { dt in
        z.withUnsafeMutableBufferPointer { z in
        s.withUnsafeMutableBufferPointer { s in
        t.withUnsafeMutableBufferPointer { t in
            for j in 0..<z.count {
                // Strictly inside: a distance below rounding would make s/z or t/(len − z) infinite.
                let margin = 1e-14 * len[j]
                z[j] = min(max(z[j] + alpha * dz[j], margin), len[j] - margin)
                s[j] += alpha * ds[j]
                t[j] += alpha * dt[j]
            }
        }
        }
        }
        }
        }
        }
        }
        // ν is kept at p/w (the objective's own gradient) rather than stepped: stepped, it can
        // be driven to 0 far from the central path while w stays put, and the steps stall.
        for i in w.indices {
            w[i] += alpha * d.w[i]
            nu[i] = form.power[i] / w[i]
        }
        for a in price.indices { price[a] += alpha * d.price[a] }
    }
}

/// A Newton direction.
struct Direction {
    var z: [Double], s: [Double], t: [Double], w: [Double], nu: [Double], price: [Double]

    /// A zero direction of the given sizes (a buffer for `NewtonSystem.direction`).
    init(pieces: Int, parties: Int, goods: Int) {
        z = [Double](repeating: 0, count: pieces)
        s = z
        t = z
        w = [Double](repeating: 0, count: parties)
        nu = w
        price = [Double](repeating: 0, count: goods)
    }

    var isFinite: Bool {
        for list in [z, s, t, w, nu, price] {
            for v in list where !v.isFinite { return false }
        }
        return true
    }
}

/// One factorized Newton system: the diagonal `D⁻¹`, the blocks `P`, `M`, `G` and the Cholesky
/// factor of the Schur complement, reused by the predictor and the corrector.
struct NewtonSystem {
    var inverseD: [Double]
    let p: [Double]
    /// `M[a·n + i]` (n × m, column-major).
    var m: [Double]
    /// Diagonal of `G` without the range term.
    let g: [Double]
    /// Solve in the party multipliers (order n) or in the good prices (order m).
    let inParties: Bool
    var factor: [Double]
    /// Residuals shared by both solves: stationarity, good sums, `g + Az − w`.
    var rd: [Double]
    let rE: [Double]
    let rA: [Double]

    /// The large arrays of one factorization (sizes N, n·m, order²), handed from each system to
    /// the next by `recycle(into:)` so that a solve allocates them once, not once per iteration.
    struct Buffers {
        var inverseD: [Double] = [], m: [Double] = [], rd: [Double] = [], scaled: [Double] = []
        var schur: [Double] = [], factor: [Double] = []
        var groupGood: [Int] = [], groupParty: [Int] = [], sumA: [Double] = [], sumC: [Double] = [], lagrange: [Double] = []
    }

    /// Moves `buffer` out (leaving it empty), reallocated with zeros when its size is not `count`.
    static func take<T: Numeric>(_ buffer: inout [T], count: Int) -> [T] {
        var out: [T] = []
        swap(&out, &buffer)
        if out.count != count { out = [T](repeating: 0, count: count) }
        return out
    }

    /// Gives this system's large arrays back to `buffers` for the next factorization.
    mutating func recycle(into buffers: inout Buffers) {
        swap(&inverseD, &buffers.inverseD)
        swap(&m, &buffers.m)
        swap(&rd, &buffers.rd)
        swap(&factor, &buffers.factor)
    }

    init?(point x: NashInteriorPoint, q: [Double], buffers: inout Buffers) {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        let goodOf = form.goodOf, partyOf = form.partyOf, slopes = form.slope, rangeColumns = form.rangeColumns
        let xs = x.s, xt = x.t, xz = x.z, xnu = x.nu, xprice = x.price
        // inverseD and rd are overwritten entry by entry; m is accumulated, so cleared first.
        var inverseD = Self.take(&buffers.inverseD, count: count)
        var p = [Double](repeating: 0, count: mA)
        var m = Self.take(&buffers.m, count: n * mA)
        m.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var g = (0..<n).map { x.w[$0] / xnu[$0] }
        var rd = Self.take(&buffers.rd, count: count)
        var rE = form.supply
        goodOf.withUnsafeBufferPointer { goodOf in
        partyOf.withUnsafeBufferPointer { partyOf in
        slopes.withUnsafeBufferPointer { slopes in
        xs.withUnsafeBufferPointer { xs in
        xt.withUnsafeBufferPointer { xt in
        xz.withUnsafeBufferPointer { xz in
        q.withUnsafeBufferPointer { q in
        inverseD.withUnsafeMutableBufferPointer { inverseD in
        m.withUnsafeMutableBufferPointer { m in
        rd.withUnsafeMutableBufferPointer { rd in
            for j in 0..<count { inverseD[j] = 1 / (xs[j] / xz[j] + xt[j] / q[j]) }
            for j in 0..<ng {
                let a = goodOf[j], i = partyOf[j], slope = slopes[j], dInv = inverseD[j]
                p[a] += dInv
                m[a * n + i] += slope * dInv
                g[i] += slope * slope * dInv
                rd[j] = xnu[i] * slope - xprice[a] + xs[j] - xt[j]
                rE[a] -= xz[j]
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        for j in 0..<nr {
            var marginal = 0.0
            for i in 0..<n { marginal += rangeColumns[j * n + i] * xnu[i] }
            rd[ng + j] = marginal + xs[ng + j] - xt[ng + j]
        }
        let az = form.gains(x.z)
        self.rA = (0..<n).map { x.w[$0] - az[$0] }
        inParties = nr > 0 || n <= mA
        let order = inParties ? n : mA
        var schur = Self.take(&buffers.schur, count: order * order)
        schur.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var scaled = Self.take(&buffers.scaled, count: n * mA)
        m.withUnsafeBufferPointer { source in
            scaled.withUnsafeMutableBufferPointer { target in _ = target.update(fromContentsOf: source) }
        }
        if inParties {
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
            let roots = g.map { 1 / $0.squareRoot() }
            for a in 0..<mA { for i in 0..<n { scaled[a * n + i] *= roots[i] } }
            LinearAlgebra.symmetricRankUpdate(&schur, order: mA, scaled, inner: n, transposed: true, alpha: -1)
        }
        // The diagonal, recomputed without cancellation (see `stableDiagonal`).
        let diagonal = Self.stableDiagonal(
            form: form, inverseD: inverseD, p: p, g: g, gainOverNu: (0..<n).map { x.w[$0] / x.nu[$0] }, inParties: inParties,
            buffers: &buffers)
        for d in 0..<order { schur[d * order + d] = diagonal[d] }
        // A tiny relative diagonal shift, raised until Cholesky succeeds, guards against rounding;
        // it only perturbs the direction (the certificate is computed independently of it).
        var shift = 1e-15
        var trial = Self.take(&buffers.factor, count: order * order)
        var factored = false
        for _ in 0..<6 {
            schur.withUnsafeBufferPointer { source in
                trial.withUnsafeMutableBufferPointer { target in _ = target.update(fromContentsOf: source) }
            }
            for d in 0..<order { trial[d * order + d] *= 1 + shift }
            if LinearAlgebra.choleskySolve(&trial, order: order, rightHandSide: [Double](repeating: 0, count: order)) != nil {
                factored = true
                break
            }
            shift *= 100
        }
        buffers.schur = schur
        buffers.scaled = scaled
        guard factored else {
            buffers.factor = trial
            return nil
        }
        let factor = trial
        self.inverseD = inverseD
        self.p = p
        self.m = m
        self.g = g
        self.factor = factor
        self.rd = rd
        self.rE = rE
    }

    /// The diagonal of the Schur complement as sums of non-negative terms. Formed naively,
    /// `S_ii = G_ii − Σ_k M_ki²/P_k` (or `S_kk = P_k − Σ_i M_ki²/G_i`) subtracts numbers of order
    /// `1/μ` whose difference is of order 1 — near the optimum that loses every digit. Per share
    /// group `g` (the pieces `j` of one good `k` and party `i`), with `A = Σ a_j² d_j`, `B = Σ a_j d_j`,
    /// `C = Σ d_j` (`d = D⁻¹`) and `L = AC − B² = Σ_{j<l} d_j d_l (a_j − a_l)² ≥ 0`:
    ///
    ///     parties: A − B²/P_k = (L + A·(P_k − C)) / P_k,   goods: C − B²/G_i = (L + C·(G_i − A)) / G_i,
    ///
    /// where `P_k − C` (the other groups of the good) and `G_i − A` (the party's other groups and
    /// `w_i/ν_i`) are summed directly for the largest group and subtracted only for the others
    /// (then they are at least half the total). The range pieces add `Σ_j d_j A_ij²` to `S_ii`.
    ///
    /// - Complexity: O(N + n·S_r).
    static func stableDiagonal(
        form: SegmentForm, inverseD: [Double], p: [Double], g: [Double], gainOverNu: [Double], inParties: Bool,
        buffers: inout Buffers
    ) -> [Double] {
        let n = form.parties, ng = form.goodPieces, mA = form.supply.count
        // Arrays hoisted into locals: inside the loops, reads through `form` would retain and
        // release each array on every access.
        let goodOf = form.goodOf, partyOf = form.partyOf, slopes = form.slope, rangeColumns = form.rangeColumns
        // Share groups: contiguous runs of one (good, party), in buffers of the largest size.
        var groupGood = take(&buffers.groupGood, count: ng), groupParty = take(&buffers.groupParty, count: ng)
        var sumA = take(&buffers.sumA, count: ng), sumC = take(&buffers.sumC, count: ng)
        var lagrange = take(&buffers.lagrange, count: ng)
        defer {
            buffers.groupGood = groupGood
            buffers.groupParty = groupParty
            buffers.sumA = sumA
            buffers.sumC = sumC
            buffers.lagrange = lagrange
        }
        var groups = 0
        goodOf.withUnsafeBufferPointer { goodOf in
        partyOf.withUnsafeBufferPointer { partyOf in
        slopes.withUnsafeBufferPointer { slopes in
        inverseD.withUnsafeBufferPointer { inverseD in
        groupGood.withUnsafeMutableBufferPointer { groupGood in
        groupParty.withUnsafeMutableBufferPointer { groupParty in
        sumA.withUnsafeMutableBufferPointer { sumA in
        sumC.withUnsafeMutableBufferPointer { sumC in
        lagrange.withUnsafeMutableBufferPointer { lagrange in
            var start = 0
            while start < ng {
                var end = start
                var a2 = 0.0, c = 0.0, l = 0.0
                while end < ng, goodOf[end] == goodOf[start], partyOf[end] == partyOf[start] {
                    let d = inverseD[end], slope = slopes[end]
                    for earlier in start..<end {
                        let gap = slopes[earlier] - slope
                        l += inverseD[earlier] * d * gap * gap
                    }
                    a2 += slope * slope * d
                    c += d
                    end += 1
                }
                groupGood[groups] = goodOf[start]
                groupParty[groups] = partyOf[start]
                sumA[groups] = a2
                sumC[groups] = c
                lagrange[groups] = l
                groups += 1
                start = end
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        return groupGood.withUnsafeBufferPointer { groupGood in
        groupParty.withUnsafeBufferPointer { groupParty in
        sumA.withUnsafeBufferPointer { sumA in
        sumC.withUnsafeBufferPointer { sumC in
        lagrange.withUnsafeBufferPointer { lagrange in
        if inParties {
            // Per good: the group with the largest C, and the others' sum computed directly.
            var top = [Int](repeating: -1, count: mA), othersOfTop = [Double](repeating: 0, count: mA)
            for q in 0..<groups where top[groupGood[q]] < 0 || sumC[q] > sumC[top[groupGood[q]]] { top[groupGood[q]] = q }
            for q in 0..<groups where top[groupGood[q]] != q { othersOfTop[groupGood[q]] += sumC[q] }
            var diagonal = gainOverNu
            for q in 0..<groups {
                let k = groupGood[q]
                let rest = top[k] == q ? othersOfTop[k] : p[k] - sumC[q]
                diagonal[groupParty[q]] += (lagrange[q] + sumA[q] * rest) / p[k]
            }
            for j in 0..<form.rangePieces {
                let d = inverseD[ng + j]
                for i in 0..<n {
                    let entry = rangeColumns[j * n + i]
                    diagonal[i] += d * entry * entry
                }
            }
            return diagonal
        }
        // Per party: the group with the largest A, and the rest of G_i computed directly.
        var top = [Int](repeating: -1, count: n), othersOfTop = gainOverNu
        for q in 0..<groups where top[groupParty[q]] < 0 || sumA[q] > sumA[top[groupParty[q]]] { top[groupParty[q]] = q }
        for q in 0..<groups where top[groupParty[q]] != q { othersOfTop[groupParty[q]] += sumA[q] }
        var diagonal = [Double](repeating: 0, count: mA)
        for q in 0..<groups {
            let i = groupParty[q]
            let rest = top[i] == q ? othersOfTop[i] : g[i] - sumA[q]
            diagonal[groupGood[q]] += (lagrange[q] + sumC[q] * rest) / g[i]
        }
        return diagonal
        }
        }
        }
        }
        }
    }

    /// The Newton direction for complementarity targets `rs` (`s∘z`), `rt` (`t∘q`) and `rw`
    /// (`ν∘w = p`), with the shared primal and dual residuals, written into `d` (whose buffers are
    /// reused across iterations: no allocation of size `N` here).
    ///
    /// - Complexity: O(N + n·m + order² + n·S_r).
    func direction(
        point x: NashInteriorPoint, q: [Double], rs: [Double], rt: [Double], rw: [Double], into d: inout Direction
    ) {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        let inParties = self.inParties, factor = self.factor
        // h = rd + rs/z − rt/q;  D dz = Aᵀdν − Eᵀdπ + h  (h is kept in d.z until dz replaces it).
        var r1 = rE
        var r2 = [Double](repeating: 0, count: n)
        for i in 0..<n { r2[i] = rA[i] + rw[i] / x.nu[i] }
        var u = [Double](repeating: 0, count: mA)  // u = −dπ
        var dNu = [Double](repeating: 0, count: n)
        form.goodOf.withUnsafeBufferPointer { goodOf in
        form.partyOf.withUnsafeBufferPointer { partyOf in
        form.slope.withUnsafeBufferPointer { slopes in
        form.rangeColumns.withUnsafeBufferPointer { rangeColumns in
        inverseD.withUnsafeBufferPointer { inverseD in
        rd.withUnsafeBufferPointer { rd in
        x.z.withUnsafeBufferPointer { xz in
        x.s.withUnsafeBufferPointer { xs in
        x.t.withUnsafeBufferPointer { xt in
        q.withUnsafeBufferPointer { q in
        rs.withUnsafeBufferPointer { rs in
        rt.withUnsafeBufferPointer { rt in
        m.withUnsafeBufferPointer { m in
        d.z.withUnsafeMutableBufferPointer { dz in
        d.s.withUnsafeMutableBufferPointer { ds in
        d.t.withUnsafeMutableBufferPointer { dt in
        r1.withUnsafeMutableBufferPointer { r1 in
        r2.withUnsafeMutableBufferPointer { r2 in
            for j in 0..<count { dz[j] = (rd[j] + rs[j] / xz[j] - rt[j] / q[j]) * inverseD[j] }
            for j in 0..<ng {
                r1[goodOf[j]] -= dz[j]
                r2[partyOf[j]] -= slopes[j] * dz[j]
            }
            for j in 0..<nr where dz[ng + j] != 0 {
                for i in 0..<n { r2[i] -= rangeColumns[j * n + i] * dz[ng + j] }
            }
            if inParties {
                var rhs = Array(r2)
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
                var rhs = Array(r1)
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
            dNu.withUnsafeBufferPointer { dNu in
            u.withUnsafeBufferPointer { u in
                for j in 0..<ng { dz[j] = (slopes[j] * dNu[partyOf[j]] + u[goodOf[j]]) * inverseD[j] + dz[j] }
                for j in 0..<nr {
                    var sum = 0.0
                    for i in 0..<n { sum += rangeColumns[j * n + i] * dNu[i] }
                    dz[ng + j] = sum * inverseD[ng + j] + dz[ng + j]
                }
            }
            }
            for j in 0..<count {
                ds[j] = (rs[j] - xs[j] * dz[j]) / xz[j]
                dt[j] = (rt[j] + xt[j] * dz[j]) / q[j]
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        for i in 0..<n { d.w[i] = (rw[i] - x.w[i] * dNu[i]) / x.nu[i] }
        d.nu = dNu
        for a in 0..<mA { d.price[a] = -u[a] }
    }
}
