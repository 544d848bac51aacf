import Accord
import Foundation
import Testing

/// The exact reading of a scenario's numbers (`ExactFraction`), the `p/q` syntax, how scenario
/// files write numbers back, and the warning where a party's utilities cannot be exact. Every
/// expectation is derived by hand in its comment.
@Suite struct ExactFractionTests {
    static func fraction(_ x: Double) -> (Int64, Int64)? {
        ExactFraction(x).map { ($0.numerator, $0.denominator) }
    }

    /// Short decimals are their decimal; `e/max` and other small fractions are found among the
    /// convergents; a binary sum is its own binary value.
    @Test func readings() throws {
        #expect(Self.fraction(0.1)! == (1, 10))
        #expect(Self.fraction(-0.75)! == (-3, 4))
        #expect(Self.fraction(0.05 + 0)! == (1, 20))
        #expect(Self.fraction(2.0 / 7)! == (2, 7))
        #expect(Self.fraction(6.0 / 35)! == (6, 35))
        #expect(Self.fraction(1.0 / 3)! == (1, 3))
        #expect(Self.fraction(42)! == (42, 1))
        // 0.30000001 has eight decimals and no simpler fraction within a double's spacing.
        #expect(Self.fraction(0.30000001)! == (30_000_001, 100_000_000))
        // 0.1 + 0.2 is the double 0x3FD3333333333334 = 5404319552844596 · 2^-54 =
        // 1351079888211149 / 2^52: a smaller denominator than its 17-digit decimal's (2.5·10^16).
        #expect(Self.fraction(0.1 + 0.2)! == (1_351_079_888_211_149, 1 << 52))
        // A GENIUS weight written to 17 digits: 3/11 = 0.272727…27|27…, within half a spacing
        // (2^-55) of the double this text reads as, which is therefore 3/11's own double.
        #expect(Self.fraction(try #require(Double("0.27272727272727271")))! == (3, 11))
        #expect(ExactFraction(.nan) == nil && ExactFraction(.infinity) == nil)
        #expect(ExactFraction(1e300) == nil)  // beyond 2^63
        #expect(ExactFraction(1e-30) == nil)  // needs a denominator of at least 10^30
    }

    /// `1/3 + 1/3` ties with `1/2 + 1/6` (both 2/3 for A, and B gets 1 from each), so of the two
    /// packages (x=a, y=a) and (x=b, y=b) only the earlier is on the frontier; read in binary,
    /// 0.5 + 0.16666666666666666 came out above 0.3333333333333333 · 2 and (b, b) replaced it.
    @Test func fractionsThatAreEqualTie() throws {
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues:
              - {id: x, options: [a, b]}
              - {id: y, options: [a, b]}
            preferences:
              A: {weights: {x: 1, y: 1}, values: {x: {a: 1/3, b: 1/2}, y: {a: 1/3, b: 1/6}}}
              B: {weights: {x: 1, y: 1}, values: {x: {a: 1, b: 0}, y: {a: 0, b: 1}}}
            """), file: "tie.yaml"))
        let frontier = try #require(report.frontier)
        let packages = (0..<frontier.count).map { frontier.package(at: $0) }
        #expect(packages == [[1, 0], [0, 0], [0, 1]])  // A 5/6, 2/3, 1/2 (descending)
    }

    /// `Data/shared-office.yaml`, derived by hand in its comment: two exact ties, so 3 frontier
    /// points ((north, mixed), (shared, mixed), (shared, open)) and 5 acceptable packages.
    @Test func sharedOfficeTiesExactly() throws {
        let scenario = try Scenario.load(path: Repository.data("shared-office.yaml"))
        let report = Solver.solve(try BargainingProblem(scenario, file: "shared-office.yaml"))
        let frontier = try #require(report.frontier)
        #expect((0..<frontier.count).map { frontier.package(at: $0) } == [[1, 2], [0, 2], [0, 0]])
        #expect(report.acceptable == 5)
    }

    /// A reservation of exactly 2/7 admits the package worth 2/7 (accepted, not Nash-eligible:
    /// gain 0) and nothing worth less.
    @Test func aPackageWorthExactlyTheReservationIsAcceptable() throws {
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: """
            accord: 1
            parties: [{id: A, reservation: 2/7}, {id: B}]
            issues:
              - {id: x, options: [a, b, c]}
            preferences:
              A: {weights: {x: 0.5}, values: {x: {a: 4/7, b: 1, c: 0.5}}}
              B: {weights: {x: 1}, values: {x: {a: 1, b: 0, c: 1}}}
            """), file: "reservation.yaml"))
        // A: a = 2/7 (acceptable, gain 0), b = 1/2, c = 1/4 < 2/7. So a and b are acceptable;
        // a is on the frontier (B 1 > 0) but only b gains for A, and B's gain there is 0.
        #expect(report.acceptable == 2)
        #expect(report.frontierSize == 2)
        #expect(report.solutions.first { $0.concept == .nash }?.result.agreement == nil)
    }

    /// Normalized, A's utilities are 0, 1/3, 2/3, 1 and its reservation 0.5 is no multiple of
    /// 1/3: the threshold integer (2, for 2/3) lies above it, so c (A 2/3, B 1/3) gains 1/6 and
    /// 1/3 and is the Nash solution; d gives B nothing. Gains counted from the threshold integer
    /// alone gave c a gain of 0 for A and "no positive gain".
    @Test func aPackageAtAThresholdAboveTheReservationGains() throws {
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: """
            accord: 1
            normalize: true
            parties: [{id: A, reservation: 0.5}, {id: B}]
            issues: [{id: x, options: [a, b, c, d]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 0, b: 1, c: 2, d: 3}}}
              B: {weights: {x: 1}, values: {x: {a: 3, b: 2, c: 1, d: 0}}}
            """), file: "normalized.yaml"))
        let nash = try #require(report.solutions.first { $0.concept == .nash }?.result.agreement)
        #expect(nash.package == [.option(2)])
        #expect(abs(nash.gains[0] - 1.0 / 6) < 1e-15 && abs(nash.gains[1] - 1.0 / 3) < 1e-15)
    }

    /// Objectives closer than the 10^-12 tie tolerance are settled exactly. With d = 0 and
    /// packages b = (10^13 + 2, 10^13 − 1) listed before a = (10^13, 10^13 + 1):
    /// Nash: a's product 10^26 + 10^13 exceeds b's 10^26 + 10^13 − 2; egalitarian: a's minimum
    /// 10^13 exceeds b's 10^13 − 1; Kalai–Smorodinsky (ideal (10^13 + 2, 10^13 + 1)): a falls
    /// short by 2/(10^13 + 2), b by 2/(10^13 + 1), more. Utilitarian: both sums are 2·10^13 + 1
    /// exactly, so the earlier package, b, as the tie rule says. Within the tolerance alone all
    /// four tied and b won every one.
    @Test func tiesWithinTheToleranceAreSettledExactly() throws {
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [b, a]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {b: 10000000000002, a: 10000000000000}}}
              B: {weights: {x: 1}, values: {x: {b: 9999999999999, a: 10000000000001}}}
            """), file: "close.yaml"))
        func chosen(_ concept: SolutionConcept) -> [IssueValue]? {
            report.solutions.first { $0.concept == concept }?.result.agreement?.package
        }
        #expect(chosen(.nash) == [.option(1)])
        #expect(chosen(.egalitarian) == [.option(1)])
        #expect(chosen(.kalaiSmorodinsky) == [.option(1)])
        #expect(chosen(.utilitarian) == [.option(0)])
    }

    @Test(arguments: [
        ("1/0", "'1/0' divides by zero"),
        ("1/99999999999999999999", "must be at most 2^53"),
        ("1/3/4", "expected a number, found '1/3/4'"),
        ("1/-3", "expected a number, found '1/-3'"),
    ])
    func badFractionsAreRefusedWithTheirPath(text: String, message: String) throws {
        let yaml = """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {a: \(text), b: 1}}}
              B: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}
            """
        #expect {
            _ = try scenario(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            "\(error)".contains("bad.yaml:5: preferences.A.values.x.a") && "\(error)".contains(message)
        }
    }

    /// A scenario file writes `2/7` as `2/7` (YAML) or `"2/7"` (JSON), a decimal as its shortest
    /// digits, and a long binary number in full: each reads back as the same double.
    @Test func scenarioFilesWriteNumbersThatReadBack() throws {
        let original = try scenario(yaml: """
            accord: 1
            parties: [{id: A, reservation: 0.30000000000000004}, {id: B}]
            issues: [{id: x, options: [a, b, c]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 2/7, b: 0.1, c: 0.123456789012345678}}}
              B: {weights: {x: 1}, values: {x: {a: 1, b: 0, c: 1/3}}}
            """)
        let yaml = original.jsonDocument.yaml
        #expect(yaml.contains("a: 2/7") && yaml.contains("b: 0.1") && yaml.contains("c: 1/3"))
        #expect(yaml.contains("reservation: 0.30000000000000004"))
        let json = original.jsonDocument.rendered()
        #expect(json.contains("\"a\": \"2/7\""))
        #expect(try scenario(yaml: yaml) == original)
        let decoded = try Scenario.parse(data: Data(json.utf8), file: "back.json", format: .json)
        #expect(decoded == original)
    }

    /// Rounded utilities are never silent: `solve`, `frontier`, `linkage` and `dynamics` print the
    /// warning (bill-jack's weight-sum warning only where scale matters: `solve`).
    @Test func everyCommandSaysWhenUtilitiesAreRounded() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("rounded.yaml")
        try """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b], status_quo: a}, {id: y, options: [a, b], status_quo: a}]
            preferences:
              A: {weights: {x: 0.3704517173416689, y: 0.6295482826583311}, values: {x: {a: 1/7, b: 1/13}, y: {a: 3/11, b: 1}}}
              B: {weights: {x: 0.5, y: 0.5}, values: {x: {a: 1, b: 0}, y: {a: 1, b: 0}}}
            """.write(to: file, atomically: true, encoding: .utf8)
        for command in [["solve"], ["frontier"], ["linkage"], ["dynamics", "--protocol", "zeuthen"]] {
            let result = try AccordExecutable.run(command + [file.path, "--format", "json", "--quiet"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("warning: rounded.yaml: party 'A': utilities rounded to a binary fixed point"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("party 'B'"), "\(command)")
        }
        let frontier = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "--format", "json", "--quiet"])
        #expect(frontier.status == 0 && frontier.stderr.isEmpty, "\(frontier.stderr)")
    }

    /// A party whose weights are 16-digit decimals ending in an odd digit (denominator 10^16)
    /// and whose values are sevenths, elevenths and thirteenths needs a denominator of
    /// 10^16 · 1001 ≈ 2^63.1 > 2^62: it is warned about; B's short decimals are exact.
    @Test func roundedUtilitiesAreWarnedAbout() throws {
        let warned = try scenario(yaml: """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b]}, {id: y, options: [a, b]}]
            preferences:
              A: {weights: {x: 0.3704517173416689, y: 0.6295482826583311}, values: {x: {a: 1/7, b: 1/13}, y: {a: 3/11, b: 1}}}
              B: {weights: {x: 0.5, y: 0.5}, values: {x: {a: 1, b: 0}, y: {a: 1, b: 0}}}
            """)
        #expect(warned.warnings == [.utilitiesRounded(party: "A")])
    }
}
