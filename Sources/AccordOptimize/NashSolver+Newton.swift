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
    /// Whether a solve that stalls short of its certificate tries the active-set polish (a dense
    /// system of up to 1,500 unknowns); off on a working set, whose failure falls back anyway.
    var polishes = true

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
    /// Certificates cost several passes over every piece, so they are tried only where one can
    /// succeed: once the complementarity gap `Σ s∘z + t∘q` is within 100× of the tolerance (the
    /// certified gap came out at about half of it on every instance measured), and every 8th
    /// iteration in case a problem certifies earlier.
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
        var polishTried = !polishes
        func finish(_ status: NashStatus) -> Outcome {
            if certified == nil, !polishTried, let done = polish(&best) {
                certified = done
            }
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
        var work = Workspace(pieces: count)
        var rw = [Double](repeating: 0, count: form.parties)
        var affine = Direction(pieces: count, parties: form.parties, goods: form.supply.count)
        var step = affine
        var buffers = NewtonSystem.Buffers()
        for iteration in 0...settings.maxIterations {
            best.iterations = iteration
            let system = NewtonSystem(point: self, work: &work, buffers: &buffers)
            var estimate = 0.0  // the objective at the iterate's own gains
            for i in 0..<form.parties { estimate += form.power[i] * log(w[i] * form.scale[i]) }
            let withinReach = work.gapSum <= 100 * settings.gapTolerance * max(1, abs(estimate))
            if certified != nil || withinReach || iteration % 8 == 0 || system == nil || iteration == settings.maxIterations {
                best.dualResidual = dualResidual()
                if let done = certify(&best, len: len, purify: best.gap < 1e-4 || work.gapSum < 1e-3) {
                    if certified == nil { certified = done }
                    certified?.iterations = iteration
                    certified?.dualResidual = best.dualResidual
                    let objective = form.objective(best.z)
                    if best.gap <= 1e-2 * settings.gapTolerance * max(1, abs(objective)) || extra >= 2 {
                        return finish(.solved)
                    }
                    extra += 1
                } else if certified == nil, !polishTried, work.gapSum <= 10 * settings.gapTolerance * max(1, abs(estimate)) {
                    // Complementarity has converged but the certificate has not: polish the
                    // active set instead of stepping on (steps there can stall or diverge).
                    polishTried = true
                    if let done = polish(&best) {
                        certified = done
                        certified?.iterations = iteration
                        return finish(.solved)
                    }
                }
            }
            if iteration == settings.maxIterations { break }
            guard var system else { return finish(.numericalTrouble) }
            defer { system.recycle(into: &buffers) }
            let mu = work.gapSum / Double(2 * max(count, 1))
            for i in 0..<form.parties { rw[i] = form.power[i] - nu[i] * w[i] }
            system.direction(point: self, work: work, rw: rw, into: &affine)
            let alphaAffine = stepLength(affine, q: work.q, fraction: 1)
            len.withUnsafeBufferPointer { len in
            z.withUnsafeBufferPointer { z in
            s.withUnsafeBufferPointer { s in
            t.withUnsafeBufferPointer { t in
            work.q.withUnsafeBufferPointer { q in
            affine.z.withUnsafeBufferPointer { dz in
            affine.s.withUnsafeBufferPointer { ds in
            affine.t.withUnsafeBufferPointer { dt in
            work.rs.withUnsafeMutableBufferPointer { rs in
            work.rt.withUnsafeMutableBufferPointer { rt in
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
            system.direction(point: self, work: work, rw: rw, into: &step)
            let alpha = stepLength(step, q: work.q, fraction: max(0.9, 1 - mu))
            guard alpha.isFinite else { return finish(.numericalTrouble) }
            apply(step, alpha)
            stalled = alpha < 1e-8 ? stalled + 1 : 0
            if stalled >= 5 { return finish(.numericalTrouble) }
        }
        return finish(.iterationLimit)
    }

    /// The certified gap at the iterate and at its purification; records the better in `best`
    /// and returns the finished outcome when it is within tolerance. The purification wins
    /// whenever it certifies within tolerance, even a little above the iterate: its zeros are
    /// exact, where an iterate keeps every share at least 10^-14 of its piece.
    func certify(_ best: inout Outcome, len: [Double], purify: Bool) -> Outcome? {
        func withinTolerance(_ gap: Double, _ z: [Double]) -> Bool {
            gap <= settings.gapTolerance * max(1, abs(form.objective(z)))
        }
        // Certificates at feasible points only (sums restored): an iterate's small infeasibility
        // can inflate its objective by more than the gap it would certify.
        // Purify only near the end (it costs a pass and a sort per good).
        if purify, let purified = purified(len: len) {
            let candidate = form.feasible(purified)
            let prices = form.polishedPrices(candidate, fallback: price)
            if let gap = form.certifiedGap(candidate, price: prices), gap < best.gap || withinTolerance(gap, candidate) {
                best.gap = gap
                best.z = candidate
                best.price = prices
                if withinTolerance(gap, candidate) {
                    var done = best
                    done.status = .solved
                    return done
                }
            }
        }
        let candidate = form.feasible(z)
        if let gap = form.certifiedGap(candidate, price: price), gap < best.gap {
            best.gap = gap
            best.z = candidate
            best.price = price
        }
        guard best.gap.isFinite, withinTolerance(best.gap, best.z) else { return nil }
        var done = best
        done.status = .solved
        return done
    }

    /// The certificate at the active-set polish of the best point so far (`SegmentForm.polished`);
    /// records it in `best` when better, and returns the finished outcome when within tolerance.
    func polish(_ best: inout Outcome) -> Outcome? {
        guard best.gap.isFinite || best.z.count == z.count, let polished = form.polished(best.gap.isFinite ? best.z : z, price: best.price) else {
            return nil
        }
        let candidate = form.feasible(polished)
        let prices = form.polishedPrices(candidate, fallback: best.price)
        guard let gap = form.certifiedGap(candidate, price: prices), gap < best.gap else { return nil }
        best.gap = gap
        best.z = candidate
        best.price = prices
        guard gap <= settings.gapTolerance * max(1, abs(form.objective(candidate))) else { return nil }
        var done = best
        done.status = .solved
        return done
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
    /// `s, t, w` positive (a full step onto a boundary would zero a dual and make `D` infinite);
    /// NaN when the direction has a non-finite entry.
    func stepLength(_ d: Direction, q: [Double], fraction: Double) -> Double {
        var alpha = Double.infinity
        var check = 0.0  // non-finite iff some entry is
        z.withUnsafeBufferPointer { z in
        s.withUnsafeBufferPointer { s in
        t.withUnsafeBufferPointer { t in
        q.withUnsafeBufferPointer { q in
        d.z.withUnsafeBufferPointer { dZ in
        d.s.withUnsafeBufferPointer { dS in
        d.t.withUnsafeBufferPointer { dT in
            // Each ratio is +∞ (or NaN, which `min` skips) where its bound cannot be reached.
            for j in 0..<z.count {
                let dz = dZ[j], ds = dS[j], dt = dT[j]
                check += dz * 0 + ds * 0 + dt * 0
                let toBound = dz < 0 ? -z[j] / dz : q[j] / dz
                let toZeroS = ds < 0 ? -s[j] / ds : .infinity
                let toZeroT = dt < 0 ? -t[j] / dt : .infinity
                alpha = Swift.min(alpha, toBound, toZeroS, toZeroT)
            }
        }
        }
        }
        }
        }
        }
        }
        for i in w.indices where d.w[i] < 0 { alpha = min(alpha, -w[i] / d.w[i]) }
        for list in [d.w, d.nu, d.price] { for v in list { check += v * 0 } }
        return check.isFinite ? min(1, alpha * fraction) : .nan
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
}

/// Per-piece arrays of one iterate, filled by `NewtonSystem.init` and shared by the predictor and
/// the corrector: `q = len − z`, the reciprocals `1/z` and `1/q`, and the complementarity targets
/// `rs` (of `s∘z`) and `rt` (of `t∘q`), set to the affine targets `−s∘z`, `−t∘q`.
struct Workspace {
    var q: [Double], zInverse: [Double], qInverse: [Double], rs: [Double], rt: [Double]
    /// `Σ s∘z + t∘q` at the iterate.
    var gapSum = 0.0

    init(pieces: Int) {
        q = [Double](repeating: 0, count: pieces)
        zInverse = q
        qInverse = q
        rs = q
        rt = q
    }
}

/// One factorized Newton system: the diagonal `D⁻¹`, the blocks `P`, `M`, `G` and the Cholesky
/// factor of the Schur complement, reused by the predictor and the corrector.
struct NewtonSystem {
    var inverseD: [Double]
    let p: [Double]
    /// `M` by share group: `m[q]` is the entry of group `q` (party `groupParty[q]`, its good),
    /// `Σ a_j D⁻¹_j` over its pieces; `M` has no other nonzero entries.
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
        var sumA: [Double] = [], sumC: [Double] = [], lagrange: [Double] = []
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

    /// Forms and factors the system at the iterate `x`, filling `work` on the way (one pass over
    /// the pieces, good by good, which also scales each good's column of `M` and adds its share
    /// groups to the stable diagonal while they are in cache). `nil` when the Schur complement is
    /// not numerically positive definite.
    init?(point x: NashInteriorPoint, work: inout Workspace, buffers: inout Buffers) {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        let inParties = nr > 0 || n <= mA
        self.inParties = inParties
        let partyOf = form.partyOf, slopes = form.slope, rangeColumns = form.rangeColumns
        let groupStart = form.groupStart, groupParty = form.groupParty, goodGroupStart = form.goodGroupStart
        let len = x.lengths, xs = x.s, xt = x.t, xz = x.z, xnu = x.nu, xprice = x.price
        var inverseD = Self.take(&buffers.inverseD, count: count)
        var rd = Self.take(&buffers.rd, count: count)
        var m = Self.take(&buffers.m, count: groupParty.count)
        // The scaled columns of M, sparse by group (`M_qk / √P_k` in parties, `M_qk / √G_i` in goods);
        // the dense n × m matrix only for a dense rank-m update (`dsyrk`).
        var scaled = Self.take(&buffers.scaled, count: groupParty.count)
        var sumA = Self.take(&buffers.sumA, count: groupParty.count)
        var sumC = Self.take(&buffers.sumC, count: groupParty.count)
        var lagrange = Self.take(&buffers.lagrange, count: groupParty.count)
        var p = [Double](repeating: 0, count: mA)
        let gainOverNu = (0..<n).map { x.w[$0] / xnu[$0] }
        var g = gainOverNu
        var rE = form.supply
        // The Schur complement's diagonal as sums of non-negative terms (see `groupTerms`).
        var diagonal = inParties ? gainOverNu : [Double](repeating: 0, count: mA)
        var gapSum = 0.0
        partyOf.withUnsafeBufferPointer { partyOf in
        slopes.withUnsafeBufferPointer { slopes in
        len.withUnsafeBufferPointer { len in
        xs.withUnsafeBufferPointer { xs in
        xt.withUnsafeBufferPointer { xt in
        xz.withUnsafeBufferPointer { xz in
        work.q.withUnsafeMutableBufferPointer { q in
        work.zInverse.withUnsafeMutableBufferPointer { zInverse in
        work.qInverse.withUnsafeMutableBufferPointer { qInverse in
        work.rs.withUnsafeMutableBufferPointer { rs in
        work.rt.withUnsafeMutableBufferPointer { rt in
        inverseD.withUnsafeMutableBufferPointer { inverseD in
        rd.withUnsafeMutableBufferPointer { rd in
        m.withUnsafeMutableBufferPointer { m in
        scaled.withUnsafeMutableBufferPointer { scaled in
        g.withUnsafeMutableBufferPointer { g in
        p.withUnsafeMutableBufferPointer { p in
        rE.withUnsafeMutableBufferPointer { rE in
        diagonal.withUnsafeMutableBufferPointer { diagonal in
        sumA.withUnsafeMutableBufferPointer { sumA in
        sumC.withUnsafeMutableBufferPointer { sumC in
        lagrange.withUnsafeMutableBufferPointer { lagrange in
        xnu.withUnsafeBufferPointer { xnu in
        xprice.withUnsafeBufferPointer { xprice in
        groupStart.withUnsafeBufferPointer { groupStart in
        groupParty.withUnsafeBufferPointer { groupParty in
            /// The per-piece quantities of piece `j`; returns `D⁻¹_j`.
            func piece(_ j: Int) -> Double {
                let zj = xz[j], sj = xs[j], tj = xt[j]
                let qj = len[j] - zj
                let zi = 1 / zj, qi = 1 / qj
                let dInverse = 1 / (sj * zi + tj * qi)
                q[j] = qj
                zInverse[j] = zi
                qInverse[j] = qi
                inverseD[j] = dInverse
                rs[j] = -sj * zj
                rt[j] = -tj * qj
                gapSum += sj * zj + tj * qj
                return dInverse
            }
            for a in 0..<mA {
                let groups = goodGroupStart[a]..<goodGroupStart[a + 1]
                var total = 0.0, residual = rE[a]
                for group in groups {
                    let i = groupParty[group]
                    var entry = 0.0, g2 = 0.0
                    for j in groupStart[group]..<groupStart[group + 1] {
                        let slope = slopes[j]
                        let dInverse = piece(j)
                        total += dInverse
                        entry += slope * dInverse
                        g2 += slope * slope * dInverse
                        rd[j] = xnu[i] * slope - xprice[a] + xs[j] - xt[j]
                        residual -= xz[j]
                    }
                    m[group] = entry
                    g[i] += g2
                }
                p[a] = total
                rE[a] = residual
                for group in groups {
                    let terms = Self.groupTerms(groupStart[group]..<groupStart[group + 1], slopes: slopes, inverseD: inverseD)
                    sumA[group] = terms.a
                    sumC[group] = terms.c
                    lagrange[group] = terms.l
                }
                guard inParties else { continue }
                let root = 1 / total.squareRoot()
                for group in groups { scaled[group] = m[group] * root }
                // S_ii += (L + A·(P − C)) / P per group of this good, with `P − C` summed
                // directly for the group of largest C (see `groupTerms`).
                guard var top = groups.first else { continue }
                for group in groups where sumC[group] > sumC[top] { top = group }
                var othersOfTop = 0.0
                for group in groups where group != top { othersOfTop += sumC[group] }
                for group in groups {
                    let rest = group == top ? othersOfTop : total - sumC[group]
                    diagonal[groupParty[group]] += (lagrange[group] + sumA[group] * rest) / total
                }
            }
            for j in ng..<count {
                let dInverse = piece(j)
                var marginal = 0.0
                for i in 0..<n { marginal += rangeColumns[(j - ng) * n + i] * xnu[i] }
                rd[j] = marginal + xs[j] - xt[j]
                for i in 0..<n {
                    let entry = rangeColumns[(j - ng) * n + i]
                    diagonal[i] += dInverse * entry * entry
                }
            }
            guard !inParties else { return }
            for group in 0..<groupParty.count { scaled[group] = m[group] / g[groupParty[group]].squareRoot() }
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
        }
        }
        }
        }
        }
        }
        }
        work.gapSum = gapSum
        let az = form.gains(x.z)
        self.rA = (0..<n).map { x.w[$0] - az[$0] }
        if !inParties {
            Self.goodDiagonal(&diagonal, form: form, g: g, gainOverNu: gainOverNu, sumA: sumA, sumC: sumC, lagrange: lagrange)
        }
        let order = inParties ? n : mA
        var schur = Self.take(&buffers.schur, count: order * order)
        schur.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        if inParties {
            if nr > 0 {
                var v = [Double](repeating: 0, count: n * nr)
                for j in 0..<nr {
                    let root = inverseD[ng + j].squareRoot()
                    for i in 0..<n { v[j * n + i] = rangeColumns[j * n + i] * root }
                }
                LinearAlgebra.symmetricRankUpdate(&schur, order: n, v, inner: nr, transposed: false, alpha: 1)
            }
            // −Σ_k M_k M_kᵀ / P_k: a good's column has entries only at its groups' parties, so
            // with a few groups per good (a working set) the outer products are summed sparsely.
            var pairs = 0
            for a in 0..<mA { pairs += (goodGroupStart[a + 1] - goodGroupStart[a]) * (goodGroupStart[a + 1] - goodGroupStart[a]) }
            if pairs * 8 < n * n * mA {
                for a in 0..<mA {
                    let groups = goodGroupStart[a]..<goodGroupStart[a + 1]
                    for q in groups {
                        let i = groupParty[q], vi = scaled[q]
                        for r in q..<groups.upperBound {
                            let k = groupParty[r]
                            schur[min(i, k) * n + max(i, k)] -= vi * scaled[r]
                        }
                    }
                }
            } else {
                let dense = Self.dense(scaled, form: form)
                LinearAlgebra.symmetricRankUpdate(&schur, order: n, dense, inner: mA, transposed: false, alpha: -1)
            }
        } else {
            let dense = Self.dense(scaled, form: form)
            LinearAlgebra.symmetricRankUpdate(&schur, order: mA, dense, inner: n, transposed: true, alpha: -1)
        }
        // The diagonal, recomputed without cancellation.
        for d in 0..<order { schur[d * order + d] = diagonal[d] }
        buffers.sumA = sumA
        buffers.sumC = sumC
        buffers.lagrange = lagrange
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
        self.inverseD = inverseD
        self.p = p
        self.m = m
        self.g = g
        self.factor = trial
        self.rd = rd
        self.rE = rE
    }

    /// The n × m column-major matrix with `values[q]` at (party, good) of each share group `q`.
    ///
    /// - Complexity: O(n·m).
    static func dense(_ values: [Double], form: SegmentForm) -> [Double] {
        let n = form.parties
        var out = [Double](repeating: 0, count: n * form.supply.count)
        for a in form.supply.indices {
            for q in form.goodGroupStart[a]..<form.goodGroupStart[a + 1] { out[a * n + form.groupParty[q]] = values[q] }
        }
        return out
    }

    /// The terms of one share group (the pieces of one party's value of one good) in the Schur
    /// complement's diagonal, as sums of non-negative numbers. Formed naively,
    /// `S_ii = G_ii − Σ_k M_ki²/P_k` (or `S_kk = P_k − Σ_i M_ki²/G_i`) subtracts numbers of order
    /// `1/μ` whose difference is of order 1 — near the optimum that loses every digit. With
    /// `A = Σ a_j² d_j`, `C = Σ d_j` and `L = AC − B² = Σ_{j<l} d_j d_l (a_j − a_l)² ≥ 0`
    /// (`B = Σ a_j d_j`, `d = D⁻¹`) over the group's pieces:
    ///
    ///     parties: A − B²/P_k = (L + A·(P_k − C)) / P_k,   goods: C − B²/G_i = (L + C·(G_i − A)) / G_i,
    ///
    /// where `P_k − C` (the other groups of the good) and `G_i − A` (the party's other groups and
    /// `w_i/ν_i`) are summed directly for the largest group and subtracted only for the others
    /// (then they are at least half the total). The range pieces add `Σ_j d_j A_ij²` to `S_ii`.
    ///
    /// - Complexity: O(K²) for a group of K pieces (K = 1 for a linear value).
    static func groupTerms(
        _ pieces: Swift.Range<Int>, slopes: UnsafeBufferPointer<Double>, inverseD: UnsafeMutableBufferPointer<Double>
    ) -> (a: Double, c: Double, l: Double) {
        var a2 = 0.0, c = 0.0, l = 0.0
        for j in pieces {
            let d = inverseD[j], slope = slopes[j]
            for earlier in pieces.lowerBound..<j {
                let gap = slopes[earlier] - slope
                l += inverseD[earlier] * d * gap * gap
            }
            a2 += slope * slope * d
            c += d
        }
        return (a2, c, l)
    }

    /// The stable diagonal of the Schur complement in the good prices (`groupTerms`): per party,
    /// the group with the largest A has the rest of `G_i` summed directly.
    ///
    /// - Complexity: O(groups + n).
    static func goodDiagonal(
        _ diagonal: inout [Double], form: SegmentForm, g: [Double], gainOverNu: [Double], sumA: [Double], sumC: [Double],
        lagrange: [Double]
    ) {
        let n = form.parties, groupParty = form.groupParty
        var top = [Int](repeating: -1, count: n), othersOfTop = gainOverNu
        for q in groupParty.indices where top[groupParty[q]] < 0 || sumA[q] > sumA[top[groupParty[q]]] { top[groupParty[q]] = q }
        for q in groupParty.indices where top[groupParty[q]] != q { othersOfTop[groupParty[q]] += sumA[q] }
        for a in form.supply.indices {
            for q in form.goodGroupStart[a]..<form.goodGroupStart[a + 1] {
                let i = groupParty[q]
                let rest = top[i] == q ? othersOfTop[i] : g[i] - sumA[q]
                diagonal[a] += (lagrange[q] + sumC[q] * rest) / g[i]
            }
        }
    }

    /// One block elimination of the reduced system `[diag(e) Mᵀ; M S_k]`-style: the kept block
    /// (the parties, rows of `M`, when `keptAreRows`, else the goods, its columns) from the
    /// factored Schur complement, `x_k = S⁻¹ (r_k − M_{k,e} diag(e)⁻¹ r_e)`, then the eliminated
    /// one, `x_e = diag(e)⁻¹ (r_e − M_{k,e}ᵀ x_k)`; the products with `M` run over its share groups.
    ///
    /// - Complexity: O(groups + order²).
    func eliminate(
        keep rk: UnsafeBufferPointer<Double>, eliminate re: UnsafeBufferPointer<Double>, diagonal: [Double], keptAreRows: Bool,
        form: SegmentForm
    ) -> (kept: [Double], eliminated: [Double]) {
        let ratio = (0..<re.count).map { re[$0] / diagonal[$0] }
        var rhs = Array(rk)
        var sums = Array(re)
        let groupParty = form.groupParty, goodGroupStart = form.goodGroupStart
        for a in 0..<form.supply.count {
            for q in goodGroupStart[a]..<goodGroupStart[a + 1] {
                if keptAreRows { rhs[groupParty[q]] -= m[q] * ratio[a] } else { rhs[a] -= m[q] * ratio[groupParty[q]] }
            }
        }
        let kept = LinearAlgebra.solve(factor: factor, order: rk.count, rightHandSide: rhs)
        for a in 0..<form.supply.count {
            for q in goodGroupStart[a]..<goodGroupStart[a + 1] {
                if keptAreRows { sums[a] -= m[q] * kept[groupParty[q]] } else { sums[groupParty[q]] -= m[q] * kept[a] }
            }
        }
        for e in 0..<re.count { sums[e] /= diagonal[e] }
        return (kept, sums)
    }

    /// The Newton direction for the complementarity targets in `work` (`rs` of `s∘z`, `rt` of
    /// `t∘q`) and `rw` (`ν∘w = p`), with the shared primal and dual residuals, written into `d`
    /// (whose buffers are reused across iterations: no allocation of size `N` here). Two passes
    /// over the pieces; the dense products with `M` go to BLAS (`dgemv`).
    ///
    /// - Complexity: O(N + n·m + order² + n·S_r).
    func direction(point x: NashInteriorPoint, work: Workspace, rw: [Double], into d: inout Direction) {
        let form = x.form
        let n = form.parties, ng = form.goodPieces, nr = form.rangePieces, mA = form.supply.count
        let count = ng + nr
        let inParties = self.inParties
        let partyOf = form.partyOf, slopes = form.slope, rangeColumns = form.rangeColumns
        let groupStart = form.groupStart, goodGroupStart = form.goodGroupStart
        // h = rd + rs/z − rt/q;  D dz = Aᵀdν − Eᵀdπ + h  (h·D⁻¹ is kept in d.z until dz replaces it).
        var r1 = rE
        var r2 = (0..<n).map { rA[$0] + rw[$0] / x.nu[$0] }
        var u = [Double](repeating: 0, count: mA)  // u = −dπ
        var dNu = [Double](repeating: 0, count: n)
        partyOf.withUnsafeBufferPointer { partyOf in
        slopes.withUnsafeBufferPointer { slopes in
        rangeColumns.withUnsafeBufferPointer { rangeColumns in
        inverseD.withUnsafeBufferPointer { inverseD in
        rd.withUnsafeBufferPointer { rd in
        x.s.withUnsafeBufferPointer { xs in
        x.t.withUnsafeBufferPointer { xt in
        work.zInverse.withUnsafeBufferPointer { zInverse in
        work.qInverse.withUnsafeBufferPointer { qInverse in
        work.rs.withUnsafeBufferPointer { rs in
        work.rt.withUnsafeBufferPointer { rt in
        d.z.withUnsafeMutableBufferPointer { dz in
        d.s.withUnsafeMutableBufferPointer { ds in
        d.t.withUnsafeMutableBufferPointer { dt in
        r1.withUnsafeMutableBufferPointer { r1 in
        r2.withUnsafeMutableBufferPointer { r2 in
        u.withUnsafeMutableBufferPointer { u in
        dNu.withUnsafeMutableBufferPointer { dNu in
            for a in 0..<mA {
                var sum = r1[a]
                for j in groupStart[goodGroupStart[a]]..<groupStart[goodGroupStart[a + 1]] {
                    let h = (rd[j] + rs[j] * zInverse[j] - rt[j] * qInverse[j]) * inverseD[j]
                    dz[j] = h
                    sum -= h
                    r2[partyOf[j]] -= slopes[j] * h
                }
                r1[a] = sum
            }
            for j in ng..<count {
                let h = (rd[j] + rs[j] * zInverse[j] - rt[j] * qInverse[j]) * inverseD[j]
                dz[j] = h
                if h != 0 { for i in 0..<n { r2[i] -= rangeColumns[(j - ng) * n + i] * h } }
            }
            // In parties: dν = S⁻¹ (r₂ − M P⁻¹ r₁), u = P⁻¹ (r₁ − Mᵀ dν); in goods the roles swap:
            // u = S⁻¹ (r₁ − Mᵀ G⁻¹ r₂), dν = G⁻¹ (r₂ − M u).
            let (kept, eliminated) = inParties
                ? eliminate(keep: UnsafeBufferPointer(r2), eliminate: UnsafeBufferPointer(r1), diagonal: p, keptAreRows: true, form: form)
                : eliminate(keep: UnsafeBufferPointer(r1), eliminate: UnsafeBufferPointer(r2), diagonal: g, keptAreRows: false, form: form)
            for i in 0..<n { dNu[i] = inParties ? kept[i] : eliminated[i] }
            for a in 0..<mA { u[a] = inParties ? eliminated[a] : kept[a] }
            /// dz, then ds and dt from it (ds = (rs − s∘dz)/z, dt = (rt + t∘dz)/q).
            func finish(_ j: Int, _ step: Double) {
                let dzj = step * inverseD[j] + dz[j]
                dz[j] = dzj
                ds[j] = (rs[j] - xs[j] * dzj) * zInverse[j]
                dt[j] = (rt[j] + xt[j] * dzj) * qInverse[j]
            }
            for a in 0..<mA {
                let ua = u[a]
                for j in groupStart[goodGroupStart[a]]..<groupStart[goodGroupStart[a + 1]] {
                    finish(j, slopes[j] * dNu[partyOf[j]] + ua)
                }
            }
            for j in ng..<count {
                var sum = 0.0
                for i in 0..<n { sum += rangeColumns[(j - ng) * n + i] * dNu[i] }
                finish(j, sum)
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
