import Accord
import Testing

/// Exact arithmetic end to end (issue: utilities that are equal as fractions — `1/3 + 1/3` and
/// `1/2 + 1/6` — came out a few units apart, so dominated packages were listed, packages worth
/// exactly a reservation fell on either side of it, and Nash eligibility was decided in floating
/// point). Seeded GENIUS-like instances against a brute force over exact rationals written here
/// from the instance's own integers (evaluation, largest evaluation, weight in hundredths), never
/// from Accord's reading of the file.
@Suite struct ExactRationalTests {
    /// A random instance: `parties` parties, issues with 2–4 options; party i's value of option o
    /// of issue j is `evaluation / largest` with largest in {3, 6, 7, 9, 11} (repeated
    /// evaluations on purpose); weights in hundredths summing to 1; each reservation 0 or,
    /// half the time, exactly the utility of a random package.
    struct Instance {
        var options: [Int]
        var hundredths: [[Int]]
        var values: [[[Rational]]]
        var evaluations: [[[(Int, Int)]]]
        var reservations: [Rational]

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed &* 0x9E37 &+ 11)
            let parties = Int.random(in: 2...4, using: &rng)
            let issues = Int.random(in: 2...4, using: &rng)
            options = (0..<issues).map { _ in Int.random(in: 2...(parties == 4 ? 3 : 4), using: &rng) }
            hundredths = []
            values = []
            evaluations = []
            for _ in 0..<parties {
                var cuts = (0..<(issues - 1)).map { _ in Int.random(in: 1...99, using: &rng) }.sorted()
                cuts = [0] + cuts + [100]
                hundredths.append((0..<issues).map { cuts[$0 + 1] - cuts[$0] })
                var partyValues: [[Rational]] = [], partyEvaluations: [[(Int, Int)]] = []
                for count in options {
                    let largest = [3, 6, 7, 9, 11].randomElement(using: &rng) ?? 3
                    var raw = (0..<count).map { _ in Int.random(in: 0...largest, using: &rng) }
                    raw[Int.random(in: 0..<count, using: &rng)] = largest
                    partyEvaluations.append(raw.map { ($0, largest) })
                    partyValues.append(raw.map { Rational(Int128($0), Int128(largest)) })
                }
                values.append(partyValues)
                evaluations.append(partyEvaluations)
            }
            reservations = Array(repeating: Rational(0, 1), count: parties)
            for i in 0..<parties where Bool.random(using: &rng) {
                let package = options.map { Int.random(in: 0..<$0, using: &rng) }
                reservations[i] = utility(party: i, package)
            }
        }

        func utility(party i: Int, _ package: [Int]) -> Rational {
            package.indices.reduce(Rational(0, 1)) { sum, j in
                sum + Rational(Int128(hundredths[i][j]), 100) * values[i][j][package[j]]
            }
        }

        /// The scenario text: values as `e/largest`, or (`fractions` false) as the shortest
        /// decimal of the double nearest it (up to 17 digits), reservations likewise.
        func yaml(fractions: Bool) -> String {
            func number(_ x: Rational) -> String {
                fractions ? "\(x.n)/\(x.d)" : "\(Double(Int64(x.n)) / Double(Int64(x.d)))"
            }
            var text = "accord: 1\nparties:\n"
            for i in reservations.indices { text += "  - {id: P\(i), reservation: \(number(reservations[i]))}\n" }
            text += "issues:\n"
            for (j, count) in options.enumerated() {
                text += "  - {id: i\(j), options: [" + (0..<count).map { "o\($0)" }.joined(separator: ", ") + "]}\n"
            }
            text += "preferences:\n"
            for i in reservations.indices {
                text += "  P\(i):\n    weights: {" + options.indices.map { "i\($0): \(Double(hundredths[i][$0]) / 100)" }.joined(separator: ", ") + "}\n"
                text += "    values:\n"
                for j in options.indices {
                    let cells = evaluations[i][j].enumerated().map { o, entry in
                        "o\(o): " + (fractions ? "\(entry.0)/\(entry.1)" : "\(Double(entry.0) / Double(entry.1))")
                    }
                    text += "      i\(j): {" + cells.joined(separator: ", ") + "}\n"
                }
            }
            return text
        }

        /// Every package in lexicographic order with its exact utilities.
        var packages: [(package: [Int], utilities: [Rational])] {
            var result: [(package: [Int], utilities: [Rational])] = []
            var package = [Int](repeating: 0, count: options.count)
            func visit(_ j: Int) {
                guard j < options.count else {
                    result.append((package, reservations.indices.map { utility(party: $0, package) }))
                    return
                }
                for o in 0..<options[j] {
                    package[j] = o
                    visit(j + 1)
                }
            }
            visit(0)
            return result
        }
    }

    /// The acceptable Pareto frontier (DESIGN.md §1.3) by definition, over exact rationals:
    /// acceptable packages (`u_i ≥ r_i` for all i) that no acceptable package weakly improves for
    /// all and strictly for one, the earliest of identical vectors; and the acceptable count.
    static func exactFrontier(_ instance: Instance) -> (frontier: [(package: [Int], utilities: [Rational])], acceptable: Int) {
        let acceptable = instance.packages.filter { entry in entry.utilities.indices.allSatisfy { entry.utilities[$0] >= instance.reservations[$0] } }
        var seen = Set<[Rational]>()
        let frontier = acceptable.filter { a in
            let dominated = acceptable.contains { b in
                zip(b.utilities, a.utilities).allSatisfy { $0 >= $1 } && zip(b.utilities, a.utilities).contains { $0 > $1 }
            }
            return !dominated && seen.insert(a.utilities).inserted
        }
        return (frontier, acceptable.count)
    }

    @Test(arguments: 0..<500)
    func frontierAcceptabilityAndNashMatchExactBruteForce(seed: Int) throws {
        let instance = Instance(seed: UInt64(seed))
        let (expected, acceptable) = Self.exactFrontier(instance)
        // Fractions for even seeds, 17-digit decimals of the same doubles for odd ones: both
        // read as the same fractions.
        let yaml = instance.yaml(fractions: seed % 2 == 0)
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: yaml), file: "exact.yaml"))
        #expect(report.acceptable == acceptable, "seed \(seed)\n\(yaml)")
        let frontier = try #require(report.frontier)
        let packages = Set((0..<frontier.count).map { frontier.package(at: $0) })
        #expect(packages == Set(expected.map(\.package)), "seed \(seed)\n\(yaml)")

        // Nash: eligible where every gain is positive, exactly; the chosen package is eligible and
        // its exact product is the largest (ties within the selector's 10^-12, DESIGN.md §1.3).
        let r = instance.reservations
        let products = expected.compactMap { entry -> ([Int], Rational)? in
            let gains = entry.utilities.indices.map { entry.utilities[$0] - r[$0] }
            guard gains.allSatisfy({ $0 > Rational(0, 1) }) else { return nil }
            return (entry.package, gains.reduce(Rational(1, 1), *))
        }
        let nash = try #require(report.solutions.first { $0.concept == .nash }?.result)
        guard let best = products.map(\.1).max() else {
            #expect(nash.agreement == nil, "seed \(seed): no package gains for everyone, Accord found \(String(describing: nash.agreement))\n\(yaml)")
            return
        }
        let agreement = try #require(nash.agreement, "seed \(seed): \(products.count) eligible packages\n\(yaml)")
        let chosen = agreement.package.compactMap(\.option)
        let product = try #require(products.first { $0.0 == chosen }?.1, "seed \(seed): Nash \(chosen) is not eligible\n\(yaml)")
        #expect((product * Rational(best.d, best.n)).double >= 1 - 1e-9, "seed \(seed)\n\(yaml)")
        #expect(agreement.gains.allSatisfy { $0 > 0 }, "seed \(seed)")
    }
}
