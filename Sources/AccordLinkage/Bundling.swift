import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// A partition of the tracks into linked bundles, each bargained alone (Nash, the other tracks
/// at the status quo), and the package they make together.
public struct TrackBundling: Sendable, Equatable {
    /// Bundles of track indices: each ascending, ordered by their first track.
    public var bundles: [[Int]]
    /// The combined package: every issue as its bundle agreed.
    public var outcome: LinkageOutcome
    /// The value of each bundle, in bundle order: the gains (over the baseline) of the package it
    /// reaches alone, every other track at its status quo.
    public var bundleGains: [[Double]]
    /// Whether each bundle reached an agreement (one without stays at the status quo).
    public var bundleReached: [Bool]
}

/// The ranking of track partitions by the Nash product of the combined outcome, best first.
public struct BundlingSearch: Sendable {
    /// The best partitions, best first (at most `LinkageSettings.bundlings`).
    public var ranked: [TrackBundling]
    /// `true`: every partition was considered (exhaustive with bound pruning), so `ranked` is the
    /// exact top of the ranking; `false`: beam search, a heuristic.
    public var isExact: Bool
    /// Number of partitions of the tracks (the Bell number `B_T`).
    public var partitions: Double
    /// Complete partitions evaluated.
    public var evaluated: Int
    /// Partial partitions pruned by the bound (exact search) or dropped by the beam.
    public var pruned: Int
}

extension BundlingSearch {
    /// Among the ranked partitions, the one with the most bundles (the least linkage) whose Nash
    /// product is within `fraction` of the best: what an analyst can keep on separate tracks at
    /// almost no cost. `nil` when the best partition is already the finest listed one or no
    /// partition has a positive Nash product.
    public func simplestNearBest(within fraction: Double = 0.01) -> TrackBundling? {
        guard let best = ranked.first, best.outcome.nashProduct > 0 else { return nil }
        let near = ranked.filter { $0.outcome.nashProduct >= best.outcome.nashProduct * (1 - fraction) }
        guard let simplest = near.max(by: { $0.bundles.count < $1.bundles.count }), simplest.bundles.count > best.bundles.count else { return nil }
        return simplest
    }
}

extension TrackBundling {
    /// The ranking order: larger Nash product first (`nil` scores last), then larger `Σ u_i`,
    /// then more bundles (the same outcome with less linkage is simpler to negotiate), then the
    /// canonical order of the bundles. Scores and sums within `tolerance` (relative to
    /// `max(1, |·|)`; 0 for exact utilities) tie.
    static func ranksBefore(_ a: TrackBundling, _ b: TrackBundling, tolerance: Double) -> Bool {
        func differ(_ x: Double, _ y: Double) -> Bool { abs(x - y) > tolerance * max(1, abs(y)) }
        switch (a.outcome.score, b.outcome.score) {
        case (let x?, let y?) where differ(x, y): return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        let sumA = a.outcome.utilities.reduce(0, +), sumB = b.outcome.utilities.reduce(0, +)
        if differ(sumA, sumB) { return sumA > sumB }
        if a.bundles.count != b.bundles.count { return a.bundles.count > b.bundles.count }
        return a.bundles.lexicographicallyPrecedes(b.bundles) { $0.lexicographicallyPrecedes($1) }
    }
}

/// Bell numbers `B_T`: the number of partitions of `T` tracks (as `Double`, exact below 2^53).
func bellNumber(_ t: Int) -> Double {
    var row: [Double] = [1]
    for _ in 0..<t {
        var next = [row[row.count - 1]]
        for value in row { next.append(next[next.count - 1] + value) }
        row = next
    }
    return row[0]
}

extension LinkageContext {
    /// The bundling of `bundles` (each a list of track indices).
    func bundling(_ bundles: [[Int]]) throws(ScenarioError) -> TrackBundling {
        let canonical = bundles.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        let settlements = try canonical.map { bundle throws(ScenarioError) in try settle(bundle) }
        return TrackBundling(
            bundles: canonical, outcome: outcome(of: combine(settlements)),
            bundleGains: settlements.map(bundleGains), bundleReached: settlements.map(\.reached))
    }

    /// A bundle's gains over the baseline: its increment over the status quo plus the status
    /// quo's own gain.
    private func bundleGains(_ settlement: BundleSettlement) -> [Double] {
        settlement.increment.indices.map { settlement.increment[$0] + baselineOffset[$0] }
    }

    /// Ranks the partitions of the tracks into bundles; exact up to `exactLimit` tracks, beam
    /// search of width `beamWidth` above.
    func searchBundlings(keep: Int, exactLimit: Int, beamWidth: Int) throws(ScenarioError) -> BundlingSearch {
        if tracks.count <= min(exactLimit, 20) { return try exactBundlings(keep: keep) }
        return try beamBundlings(keep: keep, width: beamWidth)
    }

    /// Exhaustive search over the partitions with branch and bound.
    ///
    /// Each of the `2^T − 1` bundles is solved once. Partitions are built by choosing the bundle
    /// of the lowest unassigned track among the remaining tracks `R`, so each is visited once. A
    /// partial partition is pruned when an upper bound of the Nash product of any completion is
    /// below the `keep`-th best found: party `i`'s utility is at most
    /// `u_i(sq) + Σ chosen bundle increments_i + best_i(R) + slack_i` (increments over the status
    /// quo), where `best_i(R)` — the largest sum of bundle increments of `i` over the partitions
    /// of `R` — comes from a subset dynamic program
    /// (O(3^T · n)), and `slack_i` bounds the interaction terms that span tracks (with none, gains
    /// of disjoint bundles add up exactly). The bound never prunes a partition that belongs to
    /// the top `keep`, so the ranking is exact.
    ///
    /// - Complexity: `2^T − 1` bundle solves, O(3^T · n) for the bound, at most `B_T` leaves.
    func exactBundlings(keep: Int) throws(ScenarioError) -> BundlingSearch {
        let t = tracks.count, n = partyCount
        let full = (1 << t) - 1
        func members(_ mask: Int) -> [Int] { (0..<t).filter { mask & (1 << $0) != 0 } }
        var settlements: [BundleSettlement?] = Array(repeating: nil, count: full + 1)
        if full > 0 {
            for mask in 1...full { settlements[mask] = try settle(members(mask)) }
        }
        let gains = settlements.map { $0?.increment ?? Array(repeating: 0, count: n) }
        // best[mask][i]: the largest Σ of bundle gains of party i over partitions of `mask`.
        var best = Array(repeating: Array(repeating: 0.0, count: n), count: full + 1)
        if full > 0 {
            for mask in 1...full {
                let low = mask & -mask
                var value = Array(repeating: -Double.infinity, count: n)
                var rest = mask ^ low
                while true {
                    let bundle = rest | low
                    for i in 0..<n { value[i] = max(value[i], gains[bundle][i] + best[mask ^ bundle][i]) }
                    if rest == 0 { break }
                    rest = (rest - 1) & (mask ^ low)
                }
                best[mask] = value
            }
        }
        let slack = crossTrackSlack()

        var top: [TrackBundling] = []
        var evaluated = 0, pruned = 0
        func insert(_ candidate: TrackBundling) {
            let position = top.firstIndex { TrackBundling.ranksBefore(candidate, $0, tolerance: tolerance) } ?? top.count
            if position < keep { top.insert(candidate, at: position) }
            if top.count > keep { top.removeLast() }
        }
        func bound(_ partial: [Double], _ remaining: Int) -> Double? {
            objective.value((0..<n).map { statusQuoUtilities[$0] + partial[$0] + best[remaining][$0] + slack[$0] })
        }
        var chosen: [Int] = []
        func visit(_ remaining: Int, _ partial: [Double]) {
            if remaining == 0 {
                let parts = chosen.compactMap { settlements[$0] }
                let bundles = chosen.map(members)
                evaluated += 1
                insert(TrackBundling(
                    bundles: bundles, outcome: outcome(of: combine(parts)),
                    bundleGains: parts.map(bundleGains), bundleReached: parts.map(\.reached)))
                return
            }
            if top.count == keep, let worst = top.last?.outcome.score {
                // A completion scores at most `bound`; the margin absorbs rounding of the logs.
                guard let limit = bound(partial, remaining), limit >= worst - 1e-9 else {
                    pruned += 1
                    return
                }
            }
            let low = remaining & -remaining
            let others = remaining ^ low
            var rest = others
            while true {
                let bundle = rest | low
                chosen.append(bundle)
                visit(remaining ^ bundle, (0..<n).map { partial[$0] + gains[bundle][$0] })
                chosen.removeLast()
                if rest == 0 { break }
                rest = (rest - 1) & others
            }
        }
        if full > 0 { visit(full, Array(repeating: 0, count: n)) }
        return BundlingSearch(ranked: top, isExact: true, partitions: bellNumber(t), evaluated: evaluated, pruned: pruned)
    }

    /// Beam search: tracks are added in order, each to one of the current bundles or to a new
    /// one; after each step only the `width` best partial partitions (ranked by the combined
    /// outcome with the tracks not yet placed at the status quo) survive. Both extremes — every
    /// track alone and all tracks linked — are always evaluated, so the best found is never
    /// worse than either. Approximate: the best partition can be missed.
    ///
    /// - Complexity: O(T² · width) bundle evaluations.
    func beamBundlings(keep: Int, width: Int) throws(ScenarioError) -> BundlingSearch {
        let t = tracks.count
        var beam: [TrackBundling] = [try bundling([[0]])]
        var evaluated = 1, dropped = 0
        for track in 1..<t {
            var next: [TrackBundling] = []
            for state in beam {
                for b in 0...state.bundles.count {
                    var bundles = state.bundles
                    if b == bundles.count { bundles.append([track]) } else { bundles[b].append(track) }
                    next.append(try bundling(bundles))
                    evaluated += 1
                }
            }
            next.sort { TrackBundling.ranksBefore($0, $1, tolerance: tolerance) }
            dropped += max(0, next.count - width)
            beam = Array(next.prefix(max(width, 1)))
        }
        var finals = beam
        finals.append(try bundling((0..<t).map { [$0] }))
        finals.append(try bundling([Array(0..<t)]))
        finals.sort { TrackBundling.ranksBefore($0, $1, tolerance: tolerance) }
        var unique: [TrackBundling] = []
        for candidate in finals where !unique.contains(where: { $0.bundles == candidate.bundles }) {
            unique.append(candidate)
        }
        return BundlingSearch(ranked: Array(unique.prefix(keep)), isExact: false, partitions: bellNumber(t), evaluated: evaluated, pruned: dropped)
    }

    /// Per party, a bound on how far interaction terms that span several tracks can move the
    /// combined utility away from `u(sq) + Σ bundle gains`: each such term is counted at most
    /// once per bundle it touches and once in the combined package.
    /// (The compiled terms of an exact space, in its possibly normalized units; the scenario's
    /// values with range or divisible issues, rescaled with `normalize: true` by `LinkageContext`.)
    private func crossTrackSlack() -> [Double] {
        var slack = Array(repeating: 0.0, count: partyCount)
        let trackOf = Dictionary(uniqueKeysWithValues: tracks.enumerated().flatMap { t, track in track.issues.map { ($0, t) } })
        let terms: [(party: Int, when: [OptionChoice], size: Double)] = space.map { space in
            space.interactions.map { ($0.party, $0.when, abs(space.quantizer.utility($0.value, party: $0.party))) }
        } ?? scenario.preferences.indices.flatMap { i in scenario.preferences[i].interactions.map { (i, $0.when, abs($0.value)) } }
        for term in terms {
            let spanned = Set(term.when.compactMap { trackOf[$0.issue] })
            if spanned.count > 1 { slack[term.party] += term.size * Double(spanned.count + 1) }
        }
        return slack
    }
}
