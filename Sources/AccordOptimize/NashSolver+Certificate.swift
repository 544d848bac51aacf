import Foundation

extension SegmentForm {
    /// The certified duality gap at a point `z` of the box with prices `π`: an upper bound on
    /// `optimum − Σ p_i log w_i(z)` (see `ConcaveProgram.solveNash`), from the dual point
    /// `μ_i = p_i / w_i(z)`, `t = (Aᵀμ − Eᵀπ)⁺`, `s = (Aᵀμ − Eᵀπ)⁻`, which satisfies stationarity
    /// exactly:
    ///
    ///     gap = Σ_j (r⁺_j (len_j − z_j) + r⁻_j z_j) + π·(b − E·z),   r = Aᵀμ − Eᵀπ.
    ///
    /// `nil` when some `w_i(z) ≤ 0` (no certificate there).
    /// - Complexity: O(N + n·S_r).
    func certifiedGap(_ z: [Double], price: [Double]) -> Double? {
        let w = gains(z)
        guard w.allSatisfy({ $0 > 0 }) else { return nil }
        let n = parties, ng = goodPieces
        let mu = (0..<n).map { power[$0] / w[$0] }
        let goodOf = self.goodOf, partyOf = self.partyOf, slope = self.slope, length = self.length
        var gap = 0.0
        var residual = supply
        goodOf.withUnsafeBufferPointer { goodOf in
        partyOf.withUnsafeBufferPointer { partyOf in
        slope.withUnsafeBufferPointer { slope in
        length.withUnsafeBufferPointer { length in
        z.withUnsafeBufferPointer { z in
        mu.withUnsafeBufferPointer { mu in
        price.withUnsafeBufferPointer { price in
        residual.withUnsafeMutableBufferPointer { residual in
            for j in 0..<ng {
                let r = mu[partyOf[j]] * slope[j] - price[goodOf[j]]
                gap += r > 0 ? r * (length[j] - z[j]) : -r * z[j]
                residual[goodOf[j]] -= z[j]
            }
        }
        }
        }
        }
        }
        }
        }
        }
        for j in 0..<rangePieces {
            var r = 0.0
            for i in 0..<n { r += rangeColumns[j * n + i] * mu[i] }
            let zj = z[ng + j]
            gap += r > 0 ? r * (rangeLength[j] - zj) : -r * zj
        }
        for a in residual.indices { gap += price[a] * residual[a] }
        return gap.isFinite ? max(gap, 0) : nil
    }

    /// The prices that make the certificate at a purified `z` (pieces exactly at a bound or free)
    /// smallest, good by good: the gap terms of good `k` are convex piecewise linear in `π_k`,
    /// zero for its pieces at 0 when `π_k ≥ max m_j` over them and for its pieces at `len` when
    /// `π_k ≤ min m_j` (`m_j = μ_i a_j` with `μ = p / w(z)`); over the free pieces the best `π_k`
    /// is the weighted median of their `m_j` (weights `len_j − z_j` above, `z_j` below), which is
    /// then clamped to that interval; with no free piece, the interval's top (the price at which
    /// no share cap needs a multiplier, as in a market). Any prices give a valid bound; these
    /// only tighten it.
    ///
    /// - Complexity: O(N + F log F) for `F` free pieces.
    func polishedPrices(_ z: [Double], fallback: [Double]) -> [Double] {
        let w = gains(z)
        guard w.allSatisfy({ $0 > 0 }) else { return fallback }
        let mu = (0..<parties).map { power[$0] / w[$0] }
        var prices = fallback
        var start = 0
        while start < goodPieces {
            let a = goodOf[start]
            var end = start
            var low = -Double.infinity, high = Double.infinity
            var free: [(marginal: Double, up: Double, down: Double)] = []
            while end < goodPieces, goodOf[end] == a {
                let m = mu[partyOf[end]] * slope[end]
                if z[end] <= 0 {
                    low = max(low, m)
                } else if z[end] >= length[end] {
                    high = min(high, m)
                } else {
                    free.append((m, length[end] - z[end], z[end]))
                }
                end += 1
            }
            var best = fallback[a]
            if !free.isEmpty {
                free.sort { $0.marginal < $1.marginal }
                // Slope of the free terms just above free[s].marginal: Σ_{≤s} down − Σ_{>s} up.
                var slopeAbove = -free.reduce(0) { $0 + $1.up }
                for piece in free {
                    slopeAbove += piece.up + piece.down
                    if slopeAbove >= 0 {
                        best = piece.marginal
                        break
                    }
                }
            } else if high.isFinite {
                best = high
            } else if low.isFinite {
                best = low
            }
            if low <= high { best = min(max(best, low), high) }
            prices[a] = best
            start = end
        }
        return prices
    }

    /// `Σ p_i log(u_i − d_i)` at `z`, unscaled (−∞ when some gain is not positive).
    func objective(_ z: [Double]) -> Double {
        let w = gains(z)
        guard w.allSatisfy({ $0 > 0 }) else { return -.infinity }
        var sum = 0.0
        for i in 0..<parties { sum += power[i] * log(w[i] * scale[i]) }
        return sum
    }

    /// `z` with every share's and range's pieces refilled in order (the first pieces full): the
    /// same shares and range values, each utility at least as large (values are concave).
    ///
    /// - Complexity: O(N + S_r).
    func refilledInOrder(_ z: [Double]) -> [Double] {
        var out = z
        func refill(_ pieces: Swift.Range<Int>, lengths: (Int) -> Double) {
            var total = 0.0
            for j in pieces { total += z[j] }
            for j in pieces {
                let take = min(total, lengths(j))
                out[j] = take
                total -= take
            }
            if let last = pieces.last { out[last] += total }  // rounding leftovers
        }
        for group in groupParty.indices { refill(groupStart[group]..<groupStart[group + 1]) { length[$0] } }
        var start = 0
        while start < rangePieces {
            var end = start + 1
            while end < rangePieces, rangeOf[end] == rangeOf[start] { end += 1 }
            refill((goodPieces + start)..<(goodPieces + end)) { rangeLength[$0 - goodPieces] }
            start = end
        }
        return out
    }

    /// `z` with every good's sum restored to its supply (a deficit spread over the pieces in
    /// proportion to their room, an excess in proportion to their content), so the reported
    /// shares sum to 1 up to rounding. A deficit goes to the pieces that hold something where
    /// their room can take it: a share that is exactly 0 stays 0 (spread over every piece, a
    /// rounding-level deficit would give each of a 200-party good's empty shares 10^-18).
    ///
    /// - Complexity: O(N).
    func feasible(_ z: [Double]) -> [Double] {
        var out = z
        let m = supply.count
        var sum = [Double](repeating: 0, count: m), room = sum, heldRoom = sum
        let supply = self.supply, count = goodPieces
        goodOf.withUnsafeBufferPointer { goodOf in
        length.withUnsafeBufferPointer { length in
        z.withUnsafeBufferPointer { z in
        out.withUnsafeMutableBufferPointer { out in
        sum.withUnsafeMutableBufferPointer { sum in
        room.withUnsafeMutableBufferPointer { room in
        heldRoom.withUnsafeMutableBufferPointer { heldRoom in
            for j in 0..<count {
                let a = goodOf[j]
                sum[a] += z[j]
                room[a] += length[j] - z[j]
                if z[j] > 0 { heldRoom[a] += length[j] - z[j] }
            }
            for j in 0..<count {
                let a = goodOf[j]
                let deficit = supply[a] - sum[a]
                if deficit > 0, heldRoom[a] >= deficit {
                    if z[j] > 0 { out[j] = min(z[j] + deficit * (length[j] - z[j]) / heldRoom[a], length[j]) }
                } else if deficit > 0, room[a] > 0 {
                    out[j] = min(z[j] + deficit * (length[j] - z[j]) / room[a], length[j])
                } else if deficit < 0, sum[a] > 0 {
                    out[j] = max(z[j] + deficit * z[j] / sum[a], 0)
                }
            }
        }
        }
        }
        }
        }
        }
        }
        return out
    }

    /// The reported solution for an interior-point outcome: pieces refilled in order, sums restored, shares and
    /// range values, utilities from the program's own functions, prices (for pinned goods a price
    /// consistent with the optimality conditions) and the certificate at the reported point.
    func solution(_ outcome: NashInteriorPoint.Outcome, program: ConcaveProgram, settings: NashSettings) -> NashSolution {
        let n = parties, ng = goodPieces
        let z = feasible(refilledInOrder(outcome.z))
        var gap = outcome.gap
        if gap.isFinite {
            let before = gains(outcome.z), after = gains(z)
            var gain = 0.0  // objective(z) − objective(outcome.z), without cancellation
            for i in 0..<n where before[i] > 0 && after[i] > 0 {
                gain += power[i] * log1p((after[i] - before[i]) / before[i])
            }
            gap = min(certifiedGap(z, price: outcome.price) ?? .infinity, max(gap - gain, 0))
        }
        var shares = base
        for j in 0..<ng { shares[activeGoods[goodOf[j]]][partyOf[j]] += z[j] }
        var rangeValues = rangeBase
        for j in 0..<rangePieces { rangeValues[rangeOf[j]] += z[ng + j] }
        let utilities = program.utilities(shares: shares, rangeValues: rangeValues)
        var objective = 0.0
        for i in 0..<n {
            let gainI = utilities[i] - program.disagreement[i]
            objective += gainI > 0 ? program.power[i] * log(gainI) : -.infinity
        }
        var prices = [Double](repeating: 0, count: program.goods.count)
        for (a, k) in activeGoods.enumerated() { prices[k] = outcome.price[a] }
        for (k, pinnedShares) in pinned.enumerated() {
            guard let pinnedShares else { continue }
            prices[k] = program.consistentPrice(good: k, shares: pinnedShares, utilities: utilities)
        }
        var primal = 0.0
        for row in shares { primal = max(primal, abs(row.reduce(0, +) - 1)) }
        let info = NashInfo(
            iterations: outcome.iterations, primalResidual: primal, dualResidual: outcome.dualResidual, dualityGap: gap,
            seconds: 0)
        var status = outcome.status
        if status == .solved,
            !(gap <= settings.gapTolerance * max(1, abs(objective))) || !(primal <= settings.feasibilityTolerance)
        {
            status = .numericalTrouble
        }
        return NashSolution(
            status: status, info: info, shares: shares, rangeValues: rangeValues, utilities: utilities, objective: objective,
            prices: prices)
    }
}

extension ConcaveProgram {
    /// `u_i(x, y)` with the program's own functions.
    ///
    /// - Complexity: O(n · (m + R) · log K).
    func utilities(shares: [[Double]], rangeValues: [Double]) -> [Double] {
        (0..<parties).map { i in
            var u = constant[i]
            for (k, good) in goods.enumerated() { u += good.value[i].map { $0(shares[k][i]) } ?? 0 }
            for (r, range) in ranges.enumerated() { u += range.value[i].map { $0(rangeValues[r]) } ?? 0 }
            return u
        }
    }

    /// A price for good `k` satisfying the optimality conditions at shares pinned by their
    /// bounds: `π ≥ μ_i v'_i(x_i⁺)` for every party that could get more, `π ≤ μ_i v'_i(x_i⁻)` for
    /// every party that could give some up (`μ_i = p_i / (u_i − d_i)`); the tightest lower limit,
    /// else the tightest upper limit, else 0.
    func consistentPrice(good k: Int, shares: [Double], utilities: [Double]) -> Double {
        var low = -Double.infinity, high = Double.infinity
        let good = goods[k]
        for i in 0..<parties {
            let mu = power[i] / (utilities[i] - disagreement[i])
            let f = good.value[i]
            let top = min(good.upper[i], f?.x.last ?? .infinity), bottom = max(good.lower[i], f?.x.first ?? -.infinity)
            if shares[i] < top { low = max(low, mu * (f?.rightSlope(at: shares[i]) ?? 0)) }
            if shares[i] > bottom { high = min(high, mu * (f?.leftSlope(at: shares[i]) ?? 0)) }
        }
        return low.isFinite ? low : (high.isFinite ? high : 0)
    }
}

extension PiecewiseLinear {
    /// The slope just right of `t` (of the piece starting at or containing `t`).
    func rightSlope(at t: Double) -> Double {
        var s = piece(containing: t)
        if s + 2 < x.count, x[s + 1] <= t { s += 1 }
        return slope(s)
    }

    /// The slope just left of `t` (of the piece ending at or containing `t`).
    func leftSlope(at t: Double) -> Double {
        var s = piece(containing: t)
        if s > 0, x[s] >= t { s -= 1 }
        return slope(s)
    }
}
