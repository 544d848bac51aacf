import Foundation

/// The working set of a Nash solve over many goods and parties: the interior point runs on the
/// share groups most likely to hold something at the optimum, and the certificate is computed
/// over every group.
///
/// An optimum of Eisenberg–Gale type is sparse: good `k` goes to the parties whose marginal
/// `μ_i v'_ik` equals its price, generically at most `n + m − 1` of the `n·m` shares are positive
/// (the allocation is a forest). The certificate of `SegmentForm.certifiedGap` is valid at any
/// point of the box with any prices: the restricted solution, with the groups outside the working
/// set empty, is certified for the whole program as it stands. A group outside the set whose
/// reduced cost `μ_i a_j − π_k` is positive at the restricted solution is what keeps the gap open;
/// those groups join the set and the restricted program is solved again ("sifting", as large
/// LP solvers do). Any failure falls back to the interior point on every piece.
extension SegmentForm {
    /// The share groups to start with, or `nil` when the program is too small or too dense for a
    /// working set to pay: per good the `perGood` groups of largest marginal `ν_i a_q` (`a_q` the
    /// group's steepest slope), extended until their lengths cover twice the good's supply; per
    /// party the `perParty` groups of largest ratio of its marginal to the good's largest (its best
    /// buys at the estimated prices), so that every party can gain. `ν` comes from
    /// `estimatedMultipliers`.
    ///
    /// - Complexity: O(groups · (T + perGood + perParty)) for T response rounds.
    func initialWorkingSet(perGood: Int = 6, perParty: Int = 3) -> [Bool]? {
        let groups = groupParty.count, m = supply.count
        guard groups >= 4_096, groups > 4 * (perGood * m + perParty * parties), let nu = estimatedMultipliers() else { return nil }
        let marginal = (0..<groups).map { q in nu[groupParty[q]] * slope[groupStart[q]] }
        var keep = [Bool](repeating: false, count: groups)
        var topPrice = [Double](repeating: 0, count: m)
        for a in 0..<m {
            // The best groups one at a time (a few selections beat sorting every good's groups).
            var covered = 0.0, rank = 0
            while rank < perGood || covered < 2 * supply[a] {
                var pick = -1
                for q in goodGroupStart[a]..<goodGroupStart[a + 1] where !keep[q] && (pick < 0 || marginal[q] > marginal[pick]) {
                    pick = q
                }
                guard pick >= 0 else { break }
                if rank == 0 { topPrice[a] = max(marginal[pick], 0) }
                keep[pick] = true
                covered += (groupStart[pick]..<groupStart[pick + 1]).reduce(0) { $0 + length[$1] }
                rank += 1
            }
        }
        // Each party's `perParty` best ratios, kept in a small sorted list per party.
        var best = [[(ratio: Double, group: Int)]](repeating: [], count: parties)
        for a in 0..<m where topPrice[a] > 0 {
            for q in goodGroupStart[a]..<goodGroupStart[a + 1] {
                let i = groupParty[q], ratio = marginal[q] / topPrice[a]
                guard best[i].count < perParty || ratio > best[i][best[i].count - 1].ratio else { continue }
                let at = best[i].firstIndex { $0.ratio < ratio } ?? best[i].count
                best[i].insert((ratio, q), at: at)
                if best[i].count > perParty { best[i].removeLast() }
            }
        }
        for list in best { for entry in list { keep[entry.group] = true } }
        return keep
    }

    /// Estimated multipliers `ν_i = p_i / w_i` of the optimum, by `rounds` of proportional
    /// response on the goods' steepest slopes (ranges held at their midpoints): each party bids
    /// `b_q = p_i a_q x_q / w_i` on its groups, a good's price is the sum of its bids and its
    /// shares are the bids over the price. A fixed point with `x_q > 0` has `π_k = p_i a_q / w_i`,
    /// the Eisenberg–Gale condition for a positive share; the rounds converge to it for linear
    /// values (Zhang 2011), and only rank groups here. `nil` when a slope is negative (a cost, for
    /// which bids mean nothing) or a gain is not positive: the equal split's `ν` then.
    ///
    /// - Complexity: O(rounds · groups).
    func estimatedMultipliers(rounds: Int = 20) -> [Double]? {
        let groups = groupParty.count, m = supply.count, n = parties
        var z = [Double](repeating: 0, count: goodPieces + rangePieces)
        var total = [Double](repeating: 0, count: m)
        for j in 0..<goodPieces { total[goodOf[j]] += length[j] }
        for j in 0..<goodPieces { z[j] = length[j] * supply[goodOf[j]] / total[goodOf[j]] }
        for j in 0..<rangePieces { z[goodPieces + j] = 0.5 * rangeLength[j] }
        let equalSplit = gains(z)
        guard equalSplit.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let fallback = (0..<n).map { power[$0] / equalSplit[$0] }
        let a = (0..<groups).map { slope[groupStart[$0]] }
        guard a.allSatisfy({ $0 >= 0 }) else { return fallback }
        // Gains without the goods: offsets and the ranges at their midpoints.
        var base = offset
        for j in 0..<rangePieces { for i in 0..<n { base[i] += rangeColumns[j * n + i] * z[goodPieces + j] } }
        var count = [Double](repeating: 0, count: n)
        for q in 0..<groups where a[q] > 0 { count[groupParty[q]] += 1 }
        var bid = (0..<groups).map { a[$0] > 0 ? power[groupParty[$0]] / count[groupParty[$0]] : 0 }
        var share = [Double](repeating: 0, count: groups)
        var nu = [Double](repeating: 0, count: n)
        // Buffer pointers: the loops below run rounds × groups times, where an array's
        // uniqueness check per write, or a span's bounds check per access, costs as much as the
        // arithmetic (every index is in range: `q` within `goodGroupStart`, `owner[q] < n`).
        var w = base
        let converged = a.withUnsafeBufferPointer { slopes in
            groupParty.withUnsafeBufferPointer { owner in
                goodGroupStart.withUnsafeBufferPointer { goodStart in
                    bid.withUnsafeMutableBufferPointer { bids in
                        share.withUnsafeMutableBufferPointer { shares in
                            nu.withUnsafeMutableBufferPointer { multipliers in
                                w.withUnsafeMutableBufferPointer { gains in
                                    for round in 0..<rounds {
                                        for i in 0..<n { gains[i] = base[i] }
                                        // Good by good (its groups stay in cache): the bids from the last
                                        // round's shares and multipliers, the price, the shares.
                                        for k in 0..<m {
                                            let range = goodStart[k]..<goodStart[k + 1]
                                            var price = 0.0
                                            for q in range {
                                                if round > 0 { bids[q] = multipliers[owner[q]] * slopes[q] * shares[q] }
                                                price += bids[q]
                                            }
                                            guard price > 0 else { continue }
                                            let scale = supply[k] / price
                                            for q in range {
                                                shares[q] = bids[q] * scale
                                                gains[owner[q]] += slopes[q] * shares[q]
                                            }
                                        }
                                        for i in 0..<n {
                                            guard gains[i] > 0 && gains[i].isFinite else { return false }
                                            multipliers[i] = power[i] / gains[i]
                                        }
                                    }
                                    return true
                                }
                            }
                        }
                    }
                }
            }
        }
        return converged ? nu : fallback
    }

    /// The form over the share groups with `keep[q]` (every range piece kept), and for each of
    /// its pieces the index of the same piece in `self`.
    ///
    /// - Complexity: O(N).
    func restricted(toGroups keep: [Bool]) -> (form: SegmentForm, pieces: [Int]) {
        var goodOf: [Int] = [], partyOf: [Int] = [], slope: [Double] = [], length: [Double] = []
        var groupStart = [0], groupParty: [Int] = [], goodGroupStart = [0]
        var pieces: [Int] = []
        for a in supply.indices {
            for q in self.goodGroupStart[a]..<self.goodGroupStart[a + 1] where keep[q] {
                for j in self.groupStart[q]..<self.groupStart[q + 1] {
                    goodOf.append(a)
                    partyOf.append(self.partyOf[j])
                    slope.append(self.slope[j])
                    length.append(self.length[j])
                    pieces.append(j)
                }
                groupStart.append(slope.count)
                groupParty.append(self.groupParty[q])
            }
            goodGroupStart.append(groupParty.count)
        }
        pieces += (0..<rangePieces).map { goodPieces + $0 }
        let form = SegmentForm(
            parties: parties, power: power, scale: scale, offset: offset, activeGoods: activeGoods, pinned: pinned,
            base: base, supply: supply, goodOf: goodOf, partyOf: partyOf, slope: slope, length: length,
            groupStart: groupStart, groupParty: groupParty, goodGroupStart: goodGroupStart, rangeOf: rangeOf,
            rangeLength: rangeLength, rangeColumns: rangeColumns, rangeBase: rangeBase)
        return (form, pieces)
    }

    /// The interior point on a working set of share groups, grown until its solution is certified
    /// for the whole program and no group outside it beats its good's price (`initialWorkingSet`,
    /// then per round the groups outside the set of largest positive reduced cost at the
    /// restricted solution), or `nil` when nothing was certified — nothing to gain, or a round
    /// that does not solve, adds nothing, or grows the set past half of all groups — and the
    /// caller solves on every piece. The outcome's iterations count every round's.
    ///
    /// - Complexity: per round, the interior point on the working set, plus O(N) for the
    ///   certificate and the pricing of the other groups.
    func workingSetOutcome(settings: NashSettings, rounds: Int = 8, addPerGood: Int = 4) -> NashInteriorPoint.Outcome? {
        guard var keep = initialWorkingSet() else { return nil }
        let groups = groupParty.count
        var iterations = 0
        var certified: NashInteriorPoint.Outcome?
        for _ in 0..<rounds {
            let (form, pieces) = restricted(toGroups: keep)
            // Rounds aim 10× below the tolerance (a certified round can still hold a share whose
            // marginal trails the price by more than a solve on every piece leaves, whose last
            // steps go 100× below), and stop after 40 iterations (a round takes 15–25): a round
            // that stalls is judged by its best point, and the solve on every piece, which can
            // polish, takes over when nothing certified.
            var tight = settings
            tight.gapTolerance = max(settings.gapTolerance * 1e-1, 1e-15)
            tight.maxIterations = min(settings.maxIterations, 25)
            var solver = NashInteriorPoint(form: form, settings: tight)
            solver.polishes = false
            let outcome = solver.run()
            iterations += outcome.iterations
            // A round that stalls short of its own (tighter) target may still certify the whole.
            guard outcome.gap.isFinite, outcome.status == .solved || outcome.status == .iterationLimit else { break }
            var z = [Double](repeating: 0, count: goodPieces + rangePieces)
            for (k, j) in pieces.enumerated() { z[j] = outcome.z[k] }
            let w = gains(z)
            guard w.allSatisfy({ $0 > 0 }) else { break }
            let polished = polishedPrices(z, fallback: outcome.price)
            var best: (gap: Double, price: [Double])?
            for price in [outcome.price, polished] {
                if let gap = certifiedGap(z, price: price), gap < best?.gap ?? .infinity { best = (gap, price) }
            }
            guard let best else { break }
            // Per good, the groups of largest reduced cost join (at most `addPerGood`): all
            // positive ones while the gap is open; once it is within tolerance, those above 10^-8
            // of the price (a certified point can still leave a group out whose marginal beats
            // the price by 10^-6: its share would be within the gap, not within the optimality
            // conditions).
            let open = !(best.gap <= settings.gapTolerance * max(1, abs(objective(z))))
            if !open {
                certified = NashInteriorPoint.Outcome(
                    status: .solved, z: z, price: best.price, gap: best.gap, iterations: iterations,
                    dualResidual: outcome.dualResidual)
            }
            var added = 0
            for a in supply.indices {
                let threshold = open ? 0 : 1e-8 * abs(outcome.price[a])
                var violators: [(cost: Double, group: Int)] = []
                for q in goodGroupStart[a]..<goodGroupStart[a + 1] where !keep[q] {
                    let cost = power[groupParty[q]] / w[groupParty[q]] * slope[groupStart[q]] - outcome.price[a]
                    if cost > threshold { violators.append((cost, q)) }
                }
                for entry in violators.sorted(by: { $0.cost > $1.cost }).prefix(addPerGood) {
                    keep[entry.group] = true
                    added += 1
                }
            }
            if !open, added == 0 { break }
            guard added > 0, keep.lazy.filter({ $0 }).count <= groups / 2 else { break }
        }
        certified?.iterations = iterations
        return certified
    }
}
