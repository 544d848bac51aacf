import Accord
@testable import AccordModel
@testable import AccordSolutions
import Foundation
import Testing

// MARK: - Helpers

func expectAllClose(_ actual: [Double], _ expected: [Double], _ comment: String = "", tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) },
            "\(comment) \(actual) vs \(expected)", sourceLocation: sourceLocation)
}

/// A failed run: the exit status, the message on stderr, no crash.
func expectFailedRun(_ result: CommandResult, status: Int32, mentions message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "exit status; stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(message), "stderr lacks \"\(message)\": \(result.stderr)", sourceLocation: sourceLocation)
    for crash in ["Fatal error", "Backtrac", "crashed", "internal error"] {
        #expect(!result.stderr.contains(crash), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }
}

/// Linkage by brute force, from the definitions of DESIGN.md §1.4: a bundle of tracks is
/// bargained over the packages that keep every other issue at its status quo (filtered from the
/// oracle's list, not built with red lines), by the literal Nash rule; a bundle without an
/// agreement stays at the status quo.
struct LinkageOracle {
    let scenario: Scenario
    let oracle: BruteForce
    let statusQuo: [Int]
    let tracks: [[Int]]

    init(_ scenario: Scenario) {
        self.scenario = scenario
        oracle = BruteForce(scenario)
        statusQuo = scenario.issues.map { $0.statusQuo?.option ?? 0 }
        tracks = scenario.tracks.map { track in scenario.issues.indices.filter { scenario.issues[$0].track == track } }
    }

    func exact(_ package: [Int]) -> [Int64] { BruteForce.utilities(package, scenario) }

    func gains(_ package: [Int]) -> [Double] {
        zip(exact(package), exact(statusQuo)).map { Double($0 - $1) / 1e8 }
    }

    /// The Nash package of a bundle of tracks bargained alone.
    func settle(tracks bundle: [Int]) -> [Int] {
        let free = Set(bundle.flatMap { tracks[$0] })
        let candidates = oracle.acceptable.filter { outcome in
            outcome.package.indices.allSatisfy { free.contains($0) || outcome.package[$0] == statusQuo[$0] }
        }
        return Self.rankByNash(candidates, disagreement: oracle.disagreement, power: scenario.parties.map(\.power), k: 1)
            .first.flatMap { Self.score($0.utilities, oracle.disagreement, scenario.parties.map(\.power)) == nil ? nil : $0.package }
            ?? statusQuo
    }

    /// Puts bundle settlements together.
    func combine(_ packages: [[Int]], bundles: [[Int]]) -> [Int] {
        var result = statusQuo
        for (package, bundle) in zip(packages, bundles) {
            for t in bundle { for j in tracks[t] { result[j] = package[j] } }
        }
        return result
    }

    /// `Π (u_i − d_i)^{p_i}` of an acceptable package with every `u_i > d_i`, else 0.
    func nashProduct(_ package: [Int]) -> Double {
        let u = exact(package).map { Double($0) / 1e8 }
        let acceptable = oracle.allowed.contains { $0.package == package } && zip(u, oracle.disagreement).allSatisfy { $0 > $1 }
        guard acceptable else { return 0 }
        return u.indices.reduce(1.0) { $0 * pow(u[$1] - oracle.disagreement[$1], scenario.parties[$1].power) }
    }

    static func score(_ u: [Double], _ d: [Double], _ power: [Double]) -> Double? {
        guard zip(u, d).allSatisfy({ $0 > $1 }) else { return nil }
        var total = 0.0
        for i in u.indices { total += power[i] * log(u[i] - d[i]) }
        return total
    }

    /// Repeated Nash selection (DESIGN.md §1.3 tie rules); outcomes with a zero product last.
    static func rankByNash(_ outcomes: [BruteForce.Outcome], disagreement d: [Double], power: [Double], k: Int) -> [BruteForce.Outcome] {
        var remaining = outcomes
        var ranked: [BruteForce.Outcome] = []
        while ranked.count < k, !remaining.isEmpty {
            let scores = remaining.map { score($0.utilities, d, power) }
            var pool = Array(remaining.indices)
            if let best = scores.compactMap({ $0 }).max() {
                pool = pool.filter { scores[$0].map { $0 >= best - 1e-12 } ?? false }
            }
            let sums = remaining.map { $0.utilities.reduce(0, +) }
            let bestSum = pool.map { sums[$0] }.max() ?? 0
            pool = pool.filter { sums[$0] >= bestSum - 1e-12 * abs(bestSum) }
            guard let pick = pool.min(by: { remaining[$0].package.lexicographicallyPrecedes(remaining[$1].package) }) else { break }
            ranked.append(remaining.remove(at: pick))
        }
        return ranked
    }

    struct Ranked {
        var bundles: [[Int]]
        var package: [Int]
    }

    /// Every partition of the tracks (restricted growth strings), its combined package, ranked:
    /// Nash product, then Σ u, then more bundles, then the canonical order.
    func rankedPartitions(trackCount: Int) -> [Ranked] {
        var partitions: [[[Int]]] = []
        var labels = [Int](repeating: 0, count: trackCount)
        func grow(_ t: Int, _ blocks: Int) {
            if t == trackCount {
                partitions.append((0..<blocks).map { b in (0..<trackCount).filter { labels[$0] == b } })
                return
            }
            for b in 0...blocks {
                labels[t] = b
                grow(t + 1, max(blocks, b + 1))
            }
        }
        if trackCount > 0 { grow(0, 0) }
        let power = scenario.parties.map(\.power)
        let allowed = Set(oracle.allowed.map(\.package))
        let entries = partitions.map { bundles -> (Ranked, Double?, Double) in
            let package = combine(bundles.map { settle(tracks: $0) }, bundles: bundles)
            let u = exact(package).map { Double($0) / 1e8 }
            let acceptable = allowed.contains(package) && zip(u, oracle.disagreement).allSatisfy { $0 >= $1 }
            return (Ranked(bundles: bundles, package: package), acceptable ? Self.score(u, oracle.disagreement, power) : nil, u.reduce(0, +))
        }
        return entries.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.2 != b.2 { return a.2 > b.2 }
            if a.0.bundles.count != b.0.bundles.count { return a.0.bundles.count > b.0.bundles.count }
            return a.0.bundles.lexicographicallyPrecedes(b.0.bundles) { $0.lexicographicallyPrecedes($1) }
        }.map(\.0)
    }
}
