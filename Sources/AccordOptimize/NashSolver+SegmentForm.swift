/// A `ConcaveProgram` in segment form, the shape the interior point works on:
///
///     maximize Σ_i p_i log w_i,   w = g + A·z,   E·z = b,   0 ≤ z ≤ len,
///
/// in *scaled* utilities (party `i`'s row of `A` and `g_i` divided by `scale[i] > 0`, which
/// shifts the objective by the constant `Σ p_i log scale[i]` and leaves the solution and the
/// duality gap unchanged).
///
/// Every share `x[k][i] = base + Σ_s z_s` runs over the pieces of party `i`'s value of good `k`
/// between its effective bounds (share bounds ∩ the function's domain); each piece `s` is one
/// variable with the piece's slope as its only coefficient in `A` (row `i`) and a 1 in row `k` of
/// `E`. Every range `y[r] = base + Σ_s z_s` runs over the pieces of all parties' functions merged,
/// each a dense column of `A` (every party's slope there) and no row of `E`. A good whose shares
/// are all pinned by their bounds (`Σ lower = 1` or `Σ upper = 1`) has no variables: its values
/// enter `g`.
struct SegmentForm {
    let parties: Int
    let power: [Double]
    /// `scale[i]`: the range of party `i`'s utility over the box, used to scale its row.
    let scale: [Double]
    /// `g_i = (constant_i + values at the bases − d_i) / scale_i`.
    let offset: [Double]

    /// Goods with variables (`active`) and pinned goods, by the program's good index.
    let activeGoods: [Int]
    /// `pinned[k]`: the pinned shares of good `k`, or `nil` when the good is active.
    let pinned: [[Double]?]
    /// `base[k][i]`: the share of party `i` in good `k` when all its pieces are empty.
    let base: [[Double]]
    /// `b[a] = 1 − Σ_i base[activeGoods[a]][i]`, the amount the pieces of active good `a` share.
    let supply: [Double]

    /// Good pieces, grouped by active good then party: `goodOf[j]` (active index), `partyOf[j]`,
    /// scaled `slope[j]`, `length[j]`.
    let goodOf: [Int]
    let partyOf: [Int]
    let slope: [Double]
    let length: [Double]
    /// Share groups, the pieces of one party's value of one active good: group `q` holds pieces
    /// `groupStart[q]..<groupStart[q + 1]`, of party `groupParty[q]`; active good `a` holds
    /// groups `goodGroupStart[a]..<goodGroupStart[a + 1]` (both sorted, so a good's pieces are
    /// `groupStart[goodGroupStart[a]]..<groupStart[goodGroupStart[a + 1]]`).
    let groupStart: [Int]
    let groupParty: [Int]
    let goodGroupStart: [Int]

    /// Range pieces: `rangeOf[j]`, `rangeLength[j]`, and `rangeColumns[j·n + i]` = party `i`'s
    /// scaled slope on piece `j`.
    let rangeOf: [Int]
    let rangeLength: [Double]
    let rangeColumns: [Double]
    /// `rangeBase[r]`: the value of range `r` when its pieces are empty.
    let rangeBase: [Double]

    var goodPieces: Int { slope.count }
    var rangePieces: Int { rangeLength.count }

    /// Builds the segment form, or the `infeasible` status of the first good or range whose bounds
    /// admit no point. Shares within `tolerance` of summing to 1 at their bounds are pinned there.
    /// Each party's row is scaled by the spread of its utility over the box, or with `alternative`
    /// by the geometric mean of that spread and its largest gain over `d` there (the spread is
    /// dominated by a steep cost on a share the party would never take, the gain by the issues it
    /// bargains over; on the 195 one-red-line-relaxed variants of Data/climate-195.yaml the spread
    /// fails on 9, the alternative on 4, and the spread with the alternative as a retry on none).
    ///
    /// - Complexity: O(size of the program + Σ_r K_r log K_r) for the merged range knots.
    static func make(_ program: ConcaveProgram, tolerance: Double, alternative: Bool = false) -> Result<SegmentForm, SolveFailure> {
        let n = program.parties
        var constant = (0..<n).map { program.constant[$0] }
        var activeGoods: [Int] = [], pinned: [[Double]?] = [], bases: [[Double]] = [], supply: [Double] = []
        var goodOf: [Int] = [], partyOf: [Int] = [], slope: [Double] = [], length: [Double] = []
        var groupStart = [0], groupParty: [Int] = [], goodGroupStart = [0]
        for (k, good) in program.goods.enumerated() {
            var lower = good.lower, upper = good.upper
            for i in 0..<n {
                if let f = good.value[i], let first = f.x.first, let last = f.x.last {
                    lower[i] = max(lower[i], first)
                    upper[i] = min(upper[i], last)
                }
                if lower[i] > upper[i] { return .failure(SolveFailure(status: .infeasible(.good(k)))) }
            }
            let low = lower.reduce(0, +), high = upper.reduce(0, +)
            if low > 1 + tolerance || high < 1 - tolerance { return .failure(SolveFailure(status: .infeasible(.good(k)))) }
            if low >= 1 - tolerance || high <= 1 + tolerance {
                let shares = low >= 1 - tolerance ? lower : upper
                for i in 0..<n { constant[i] += good.value[i].map { $0(shares[i]) } ?? 0 }
                pinned.append(shares)
                bases.append(shares)
                continue
            }
            let a = activeGoods.count
            activeGoods.append(k)
            pinned.append(nil)
            bases.append(lower)
            supply.append(1 - low)
            for i in 0..<n {
                if let f = good.value[i], f.x.count == 2, upper[i] > lower[i] {
                    // A linear value, the common case: one piece, no arrays.
                    constant[i] += f(lower[i])
                    goodOf.append(a)
                    partyOf.append(i)
                    slope.append(f.slope(0))
                    length.append(upper[i] - lower[i])
                    groupStart.append(slope.count)
                    groupParty.append(i)
                    continue
                }
                let pieces = Self.pieces(of: good.value[i], from: lower[i], to: upper[i])
                constant[i] += pieces.start
                for (s, len) in zip(pieces.slopes, pieces.lengths) {
                    goodOf.append(a)
                    partyOf.append(i)
                    slope.append(s)
                    length.append(len)
                }
                if !pieces.slopes.isEmpty {
                    groupStart.append(slope.count)
                    groupParty.append(i)
                }
            }
            goodGroupStart.append(groupParty.count)
        }
        var rangeOf: [Int] = [], rangeLength: [Double] = [], rangeSlopes: [[Double]] = [], rangeBase: [Double] = []
        for (r, range) in program.ranges.enumerated() {
            var lower = range.lower, upper = range.upper
            for f in range.value.compactMap({ $0 }) {
                if let first = f.x.first, let last = f.x.last {
                    lower = max(lower, first)
                    upper = min(upper, last)
                }
            }
            if lower > upper { return .failure(SolveFailure(status: .infeasible(.range(r)))) }
            rangeBase.append(lower)
            for i in 0..<n { constant[i] += range.value[i].map { $0(lower) } ?? 0 }
            guard upper > lower else { continue }
            var knots = [lower, upper]
            for f in range.value.compactMap({ $0 }) { knots += f.x.filter { $0 > lower && $0 < upper } }
            knots.sort()
            var merged: [Double] = []
            for t in knots where merged.last.map({ t > $0 }) ?? true { merged.append(t) }
            for s in 0..<(merged.count - 1) {
                let mid = 0.5 * (merged[s] + merged[s + 1])
                rangeOf.append(r)
                rangeLength.append(merged[s + 1] - merged[s])
                rangeSlopes.append((0..<n).map { i in range.value[i].map { $0.slope($0.piece(containing: mid)) } ?? 0 })
            }
        }
        // Scale: the spread of each party's utility over the box, or (`alternative`) the geometric
        // mean of that spread and its largest gain there, every piece at its better end, where
        // that gain is positive (1 when neither is).
        var spread = (0..<n).map { abs(constant[$0] - program.disagreement[$0]) }
        var best = (0..<n).map { constant[$0] - program.disagreement[$0] }
        for j in slope.indices {
            spread[partyOf[j]] += abs(slope[j]) * length[j]
            best[partyOf[j]] += max(slope[j], 0) * length[j]
        }
        for (j, column) in rangeSlopes.enumerated() {
            for i in 0..<n {
                spread[i] += abs(column[i]) * rangeLength[j]
                best[i] += max(column[i], 0) * rangeLength[j]
            }
        }
        let scale = (0..<n).map { i in
            let chosen = alternative && best[i] > 1e-6 * spread[i] ? (best[i] * spread[i]).squareRoot() : spread[i]
            return chosen > 0 && chosen.isFinite ? chosen : 1
        }
        for j in slope.indices { slope[j] /= scale[partyOf[j]] }
        var columns = [Double](repeating: 0, count: rangeSlopes.count * n)
        for (j, column) in rangeSlopes.enumerated() {
            for i in 0..<n { columns[j * n + i] = column[i] / scale[i] }
        }
        return .success(
            SegmentForm(
                parties: n, power: program.power, scale: scale,
                offset: (0..<n).map { (constant[$0] - program.disagreement[$0]) / scale[$0] },
                activeGoods: activeGoods, pinned: pinned, base: bases, supply: supply,
                goodOf: goodOf, partyOf: partyOf, slope: slope, length: length,
                groupStart: groupStart, groupParty: groupParty, goodGroupStart: goodGroupStart,
                rangeOf: rangeOf, rangeLength: rangeLength, rangeColumns: columns, rangeBase: rangeBase))
    }

    /// The pieces of `f` (0 when `nil`) restricted to `[from, to]`: its value at `from`, then each
    /// piece's slope and length, in order (empty when `from == to`).
    static func pieces(of f: PiecewiseLinear?, from: Double, to: Double) -> (start: Double, slopes: [Double], lengths: [Double]) {
        guard to > from else { return (f.map { $0(from) } ?? 0, [], []) }
        guard let f else { return (0, [0], [to - from]) }
        var knots = [from]
        knots += f.x.filter { $0 > from && $0 < to }
        knots.append(to)
        var slopes: [Double] = [], lengths: [Double] = []
        for s in 0..<(knots.count - 1) {
            slopes.append(f.slope(f.piece(containing: 0.5 * (knots[s] + knots[s + 1]))))
            lengths.append(knots[s + 1] - knots[s])
        }
        return (f(from), slopes, lengths)
    }

    /// Scaled `w = g + A·z`.
    func gains(_ z: [Double]) -> [Double] {
        var w = offset
        let rangeColumns = self.rangeColumns
        partyOf.withUnsafeBufferPointer { partyOf in
        slope.withUnsafeBufferPointer { slope in
        z.withUnsafeBufferPointer { z in
        w.withUnsafeMutableBufferPointer { w in
            for j in 0..<goodPieces { w[partyOf[j]] += slope[j] * z[j] }
        }
        }
        }
        }
        let n = parties
        for j in 0..<rangePieces {
            let zj = z[goodPieces + j]
            if zj != 0 { for i in 0..<n { w[i] += rangeColumns[j * n + i] * zj } }
        }
        return w
    }

    /// A party whose utility cannot exceed its disagreement anywhere in the box, even with every
    /// other party at its lower bounds: then there is no agreement zone.
    ///
    /// - Complexity: O(N + n·S_r).
    func partyBelowReservation() -> Int? {
        var best = offset
        var room = [Double](repeating: 0, count: parties * max(activeGoods.count, 0))
        for a in activeGoods.indices { for i in 0..<parties { room[a * parties + i] = supply[a] } }
        for j in 0..<goodPieces where slope[j] > 0 {  // pieces in order: positive slopes come first
            let key = goodOf[j] * parties + partyOf[j]
            let take = min(length[j], room[key])
            room[key] -= take
            best[partyOf[j]] += slope[j] * take
        }
        for j in 0..<rangePieces {
            for i in 0..<parties where rangeColumns[j * parties + i] > 0 {
                best[i] += rangeColumns[j * parties + i] * rangeLength[j]
            }
        }
        return best.firstIndex { $0 <= 0 }
    }
}

/// A solve that ended before the interior point (infeasible bounds).
struct SolveFailure: Error {
    let status: NashStatus
}

extension PiecewiseLinear {
    /// The index `s` of the piece `[x[s], x[s+1]]` containing `t` (the first or last piece
    /// outside the domain).
    ///
    /// - Complexity: O(log K).
    func piece(containing t: Double) -> Int {
        var low = 0, high = x.count - 1
        guard high > 1 else { return 0 }
        if t <= x[1] { return 0 }
        if t >= x[high - 1] { return high - 1 }
        while high - low > 1 {
            let mid = (low + high) / 2
            if x[mid] <= t { low = mid } else { high = mid }
        }
        return low
    }
}
