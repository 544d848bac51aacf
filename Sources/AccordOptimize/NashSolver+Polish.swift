import Foundation

extension SegmentForm {
    /// Active-set polish of a nearly optimal point `z` of the box (the "crossover" of interior
    /// points): the pieces within `1e-7·len` of a bound whose reduced cost `r = Aᵀμ − Eᵀπ` pushes
    /// them there are fixed at it; on the other (free) pieces, Newton steps on
    ///
    ///     maximize Σ_i p_i log w_i(z)   subject to   E·z = b
    ///
    /// each the equality-constrained quadratic model `max ∇ᵀdz − ½ dzᵀQ dz, E_F dz = b − E z`,
    /// `Q = A_Fᵀ diag(p/w²) A_F`, solved as one dense KKT system (LU), then cut to the box (a free
    /// piece that reaches a bound is fixed there next). Near the optimum the active set is right
    /// and the steps converge quadratically, where the interior point's own steps can stall
    /// (tiny steps at a degenerate vertex). The result is only a candidate: the caller certifies it.
    /// `nil` when there is nothing to polish or a system is singular.
    ///
    /// - Complexity: O(N + n·F² + (F + m)³) per step for F free pieces; used only when the
    ///   interior point fails to certify, on the few free pieces of a vertex (`nil` beyond 1,500
    ///   free pieces and goods: a dense system of that order already costs about 0.3 s).
    func polished(_ start: [Double], price: [Double], steps: Int = 8) -> [Double]? {
        let n = parties, ng = goodPieces, count = ng + rangePieces
        let lengths = length + rangeLength
        var z = start
        var changed = false
        for _ in 0..<steps {
            let w = gains(z)
            guard w.allSatisfy({ $0 > 0 }) else { return changed ? z : nil }
            let mu = (0..<n).map { power[$0] / w[$0] }
            let prices = polishedPrices(z, fallback: price)
            // Gradient of the objective along each piece (its marginal value).
            var marginal = [Double](repeating: 0, count: count)
            for j in 0..<ng { marginal[j] = mu[partyOf[j]] * slope[j] }
            for j in 0..<rangePieces {
                var m = 0.0
                for i in 0..<n { m += rangeColumns[j * n + i] * mu[i] }
                marginal[ng + j] = m
            }
            var free: [Int] = []
            for j in 0..<count {
                let r = j < ng ? marginal[j] - prices[goodOf[j]] : marginal[j]
                let atLower = z[j] <= 1e-7 * lengths[j] && r <= 0
                let atUpper = lengths[j] - z[j] <= 1e-7 * lengths[j] && r >= 0
                if atLower { z[j] = 0 } else if atUpper { z[j] = lengths[j] } else { free.append(j) }
            }
            // Goods whose free pieces must restore the sum.
            var residual = supply
            for j in 0..<ng { residual[goodOf[j]] -= z[j] }
            var row = [Int](repeating: -1, count: supply.count)
            var rows = 0
            for j in free where j < ng && row[goodOf[j]] < 0 {
                row[goodOf[j]] = rows
                rows += 1
            }
            let f = free.count, order = f + rows
            guard f > 0, order <= 1_500 else { return changed ? z : nil }
            // Dense columns of A over the free pieces (n × f), scaled by sqrt(p)/w.
            var columns = [Double](repeating: 0, count: n * f)
            for (c, j) in free.enumerated() {
                if j < ng {
                    let i = partyOf[j]
                    columns[c * n + i] = slope[j] * power[i].squareRoot() / w[i]
                } else {
                    for i in 0..<n { columns[c * n + i] = rangeColumns[(j - ng) * n + i] * power[i].squareRoot() / w[i] }
                }
            }
            var kkt = [Double](repeating: 0, count: order * order)
            var q = [Double](repeating: 0, count: f * f)
            LinearAlgebra.symmetricRankUpdate(&q, order: f, columns, inner: n, transposed: true, alpha: 1)
            var scaleQ = 0.0
            for c in 0..<f { scaleQ = max(scaleQ, q[c * f + c]) }
            for c in 0..<f {
                for d in 0...c {
                    let entry = q[d * f + c]  // lower triangle: row c, column d
                    kkt[d * order + c] = entry
                    kkt[c * order + d] = entry
                }
                kkt[c * order + c] += 1e-13 * max(scaleQ, 1e-300)
            }
            var rhs = [Double](repeating: 0, count: order)
            for (c, j) in free.enumerated() {
                rhs[c] = marginal[j]
                if j < ng {
                    let r = f + row[goodOf[j]]
                    kkt[r * order + c] = 1  // column r, row c: Eᵀ
                    kkt[c * order + r] = 1  // column c, row r: E
                }
            }
            for a in supply.indices where row[a] >= 0 { rhs[f + row[a]] = residual[a] }
            guard let solution = LinearAlgebra.generalSolve(kkt, order: order, rightHandSide: rhs) else { return changed ? z : nil }
            // The step, cut to the box.
            var alpha = 1.0
            for (c, j) in free.enumerated() {
                let dz = solution[c]
                if dz < 0 { alpha = min(alpha, -z[j] / dz) } else if dz > 0 { alpha = min(alpha, (lengths[j] - z[j]) / dz) }
            }
            var trial = z
            var accepted = false
            let before = objective(z)
            for _ in 0..<30 {
                for (c, j) in free.enumerated() { trial[j] = min(max(z[j] + alpha * solution[c], 0), lengths[j]) }
                let after = objective(trial)
                if after.isFinite, after >= before - 1e-12 * max(1, abs(before)) {
                    accepted = true
                    break
                }
                alpha *= 0.5
            }
            guard accepted else { return changed ? z : nil }
            let moved = free.enumerated().reduce(0.0) { max($0, abs(alpha * solution[$1.offset]) / lengths[$1.element]) }
            z = trial
            changed = true
            if moved <= 1e-15 { break }
        }
        return z
    }
}
