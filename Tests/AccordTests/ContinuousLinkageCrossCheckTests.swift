import Accord
@testable import AccordModel
@testable import AccordGenerate
@testable import AccordSpace
@testable import AccordSolutions
@testable import AccordLinkage
import Foundation
import Testing

/// Linkage of mixed scenarios (discrete issues and one divisible good) against a brute force
/// written from the definitions: a bundle of tracks is bargained over every combination of its
/// discrete issues (the others at their status quo, option 0), each completed by the closed-form
/// Nash split of the good when the good is in the bundle (else the good is not divided), the
/// best Nash product taken.
@Suite struct ContinuousLinkageCrossCheckTests {
    /// Two parties; 2–3 discrete issues of 2–3 options (values and weights in hundredths) with a
    /// poor status quo, option 0, and a divisible good `money` at a random position, worth
    /// `w_i (a_i + k_i s)` to party i for its own share s; 2–3 tracks; A forbids one option; B
    /// keeps a share floor on half the seeds; reservations vary (powers: `twoGoodsByHand`).
    static func instance(seed: UInt64) throws -> Scenario {
        var rng = SeededGenerator(seed: seed &* 7_919 &+ 13)
        func hundredth(_ range: ClosedRange<Int>) -> Double { Double(Int.random(in: range, using: &rng)) / 100 }
        let discrete = 2 + rng.below(2)
        var issues: [AccordModel.Issue] = (0..<discrete).map { j in
            AccordModel.Issue(id: "x\(j)", domain: .options((0..<(2 + rng.below(2))).map { "o\($0)" }), statusQuo: .option(0))
        }
        issues.insert(AccordModel.Issue(id: "money", domain: .divisible), at: rng.below(discrete + 1))
        let trackCount = 2 + rng.below(2)
        for j in issues.indices { issues[j].track = "t\(j < trackCount ? j : rng.below(trackCount))" }
        let preferences = (0..<2).map { i -> Preference in
            let values = issues.map { issue -> ValueFunction in
                guard let options = issue.options else {
                    let a = hundredth(0...10), k = hundredth(50...100)
                    return .piecewise([.init(x: 0, value: a), .init(x: 1, value: a + k)])
                }
                // A poor status quo (option 0), so that the good is worth bargaining over.
                return .table(options.indices.map { hundredth($0 == 0 ? 0...20 : 0...100) })
            }
            var redLines: [RedLine] = []
            let forbidden = issues.indices.filter { issues[$0].options != nil }[rng.below(discrete)]
            if i == 0 { redLines.append(.forbid(issue: forbidden, options: [1])) }
            if i == 1, rng.below(2) == 0, let money = issues.firstIndex(where: { $0.id == "money" }) {
                redLines.append(.bounds(issue: money, min: hundredth(5...40), max: nil))
            }
            return Preference(weights: issues.map { hundredth($0.options == nil ? 50...100 : 10...60) }, values: values, redLines: redLines)
        }
        let parties = ["A", "B"].map { Party(id: $0, reservation: hundredth(10...40)) }
        return try Scenario(name: "mixed linkage \(seed)", parties: parties, issues: issues, preferences: preferences)
    }

    /// Nash of a bundle by brute force.
    struct Oracle {
        let scenario: Scenario
        let money: Int
        let d: [Double]
        let p: [Double]

        init(_ scenario: Scenario) {
            self.scenario = scenario
            money = scenario.issues.firstIndex { $0.domain == .divisible } ?? 0
            d = scenario.parties.map(\.reservation)
            p = scenario.parties.map(\.power)
        }

        /// `(a_i, k_i)` of party i's value of its share: `a + k s`, weighted.
        func line(_ i: Int) -> (a: Double, k: Double) {
            guard case .piecewise(let points)? = scenario.preferences[i].values[money] else { return (0, 0) }
            let w = scenario.preferences[i].weights[money]
            return (w * points[0].value, w * (points[1].value - points[0].value))
        }

        /// `nil` unless both gains are positive; the scenario's decimals are exact, so a gain
        /// within rounding of 0 is 0.
        func score(_ u: [Double]) -> Double? {
            guard u[0] - d[0] > 1e-12, u[1] - d[1] > 1e-12 else { return nil }
            return p[0] * log(u[0] - d[0]) + p[1] * log(u[1] - d[1])
        }

        /// The best and second-best Nash scores of the bundle whose free issues are `free`, with
        /// the best's utilities; `nil` when no package gives both parties more than `d`.
        func settle(free: Set<Int>) -> (utilities: [Double], score: Double, runnerUp: Double)? {
            let discrete = scenario.issues.indices.filter { scenario.issues[$0].options != nil }
            var scores: [(u: [Double], score: Double)] = []
            var choice = [Int](repeating: 0, count: scenario.issues.count)
            func visit(_ position: Int) {
                if position < discrete.count {
                    let j = discrete[position]
                    let count = free.contains(j) ? (scenario.issues[j].options?.count ?? 1) : 1
                    for option in 0..<count {
                        choice[j] = option
                        visit(position + 1)
                    }
                    return
                }
                for line in scenario.preferences[0].redLines {
                    if case .forbid(let j, let options) = line, options.contains(choice[j]) { return }
                }
                let c = (0..<2).map { i in
                    discrete.reduce(line(i).a) { total, j in
                        guard case .table(let table)? = scenario.preferences[i].values[j] else { return total }
                        return total + scenario.preferences[i].weights[j] * table[choice[j]]
                    }
                }
                guard free.contains(money) else {  // not divided: each party's value of share 0
                    if let s = score(c) { scores.append((c, s)) }
                    return
                }
                var floor = 0.0
                for case .bounds(_, let minimum?, _) in scenario.preferences[1].redLines { floor = max(floor, minimum) }
                // A's share s ∈ [0, 1 − floor]; p_A K_A/(g_A + K_A s) = p_B K_B/(g_B + K_B (1 − s)).
                let (kA, kB) = (line(0).k, line(1).k), (gA, gB) = (c[0] - d[0], c[1] - d[1])
                let stationary = (p[0] * kA * (gB + kB) - p[1] * kB * gA) / (kA * kB * (p[0] + p[1]))
                let s = min(max(stationary, 0), 1 - floor)
                let u = [c[0] + kA * s, c[1] + kB * (1 - s)]
                if let value = score(u) { scores.append((u, value)) }
            }
            visit(0)
            scores.sort { $0.score > $1.score }
            guard let best = scores.first else { return nil }
            return (best.u, best.score, scores.count > 1 ? scores[1].score : -.infinity)
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func mixedLinkageMatchesBruteForce(seed: UInt64) throws {
        let scenario = try Self.instance(seed: seed)
        let oracle = Oracle(scenario)
        var settings = LinkageSettings()
        settings.bundlings = 100
        let report = try LinkageAnalysis.analyze(scenario, file: "seed-\(seed)", settings: settings)
        let statusQuo = report.statusQuo.utilities
        func unique(_ entry: (utilities: [Double], score: Double, runnerUp: Double)?) -> Bool {
            entry.map { $0.runnerUp < $0.score - 1e-6 } ?? true
        }
        func checked(_ outcome: LinkageOutcome, _ entry: (utilities: [Double], score: Double, runnerUp: Double)?, _ what: String) {
            guard let entry else {
                expectAllClose(outcome.utilities, statusQuo, "seed \(seed): \(what) stays at the status quo", tolerance: 1e-9)
                return
            }
            #expect(abs((outcome.score ?? -.infinity) - entry.score) <= 1e-7, "seed \(seed): \(what) score \(outcome.score ?? -.infinity) vs \(entry.score)")
            if unique(entry) { expectAllClose(outcome.utilities, entry.utilities, "seed \(seed): \(what)", tolerance: 1e-7) }
        }

        var bundleResults: [[Int]: (utilities: [Double], score: Double, runnerUp: Double)?] = [:]
        func settle(_ bundle: [Int]) -> (utilities: [Double], score: Double, runnerUp: Double)? {
            if let known = bundleResults[bundle] { return known }
            let result = oracle.settle(free: Set(bundle.flatMap { report.tracks[$0].issues }))
            bundleResults[bundle] = result
            return result
        }
        for (t, track) in report.perTrack.enumerated() {
            #expect(track.reached == (settle([t]) != nil), "seed \(seed): track \(t) reached")
            checked(track.outcome, settle([t]), "track \(t)")
        }
        let linked = settle(Array(report.tracks.indices))
        checked(report.linked, linked, "linked")

        /// The utilities of a partition: the status quo plus each bundle's increment.
        func combined(_ bundles: [[Int]]) -> [Double]? {
            var u = statusQuo
            for bundle in bundles {
                guard let entry = settle(bundle) else { continue }
                guard unique(entry) else { return nil }
                for i in 0..<2 { u[i] += entry.utilities[i] - statusQuo[i] }
            }
            return u
        }
        let singles = report.tracks.indices.map { [$0] }
        if let separate = combined(singles) {
            expectAllClose(report.separate.utilities, separate, "seed \(seed): separate", tolerance: 1e-7)
        }
        // Every partition (restricted growth strings): the best Nash product.
        var partitions: [[[Int]]] = []
        var labels = [Int](repeating: 0, count: report.tracks.count)
        func grow(_ t: Int, _ blocks: Int) {
            guard t < labels.count else {
                partitions.append((0..<blocks).map { b in labels.indices.filter { labels[$0] == b } })
                return
            }
            for b in 0...blocks {
                labels[t] = b
                grow(t + 1, max(blocks, b + 1))
            }
        }
        grow(0, 0)
        let products = partitions.map { bundles -> Double? in
            combined(bundles).map { u in u.indices.allSatisfy { u[$0] > oracle.d[$0] } ? (0..<2).reduce(1.0) { $0 * pow(u[$1] - oracle.d[$1], oracle.p[$1]) } : 0 }
        }
        if products.allSatisfy({ $0 != nil }), let best = products.compactMap({ $0 }).max() {
            let found = report.bundling.ranked.first?.outcome.nashProduct ?? 0
            #expect(abs(found - best) <= 1e-7 * max(1, best), "seed \(seed): best bundling \(found) vs \(best)")
            #expect(report.bundling.partitions == Double(partitions.count))
        }

        // Each red line dropped: the linked Nash of the scenario without it.
        let analysis = try #require(report.redLines)
        for effect in analysis.effects {
            var relaxed = scenario
            relaxed.preferences[effect.reference.party].redLines.remove(at: effect.reference.index)
            let want = Oracle(relaxed).settle(free: Set(scenario.issues.indices))
            #expect((effect.relaxed == nil) == (want == nil), "seed \(seed): without \(effect.reference)")
            if let relaxedOutcome = effect.relaxed, let want {
                #expect(abs((relaxedOutcome.score ?? -.infinity) - want.score) <= 1e-7, "seed \(seed): without \(effect.reference)")
            }
        }
        // The menu: Nash first, then packages no better, each a different discrete package.
        if let first = report.topPackages.first { #expect(abs((first.outcome.score ?? .nan) - (report.linked.score ?? .nan)) <= 1e-9) }
        for (a, b) in zip(report.topPackages, report.topPackages.dropFirst()) {
            #expect(a.outcome.nashProduct >= b.outcome.nashProduct * (1 - 1e-9), "seed \(seed): menu order")
        }
        let discreteParts = report.topPackages.map { $0.outcome.package.filter { $0.option != nil } }
        #expect(Set(discreteParts).count == discreteParts.count, "seed \(seed): a discrete package twice in the menu")
    }
}
