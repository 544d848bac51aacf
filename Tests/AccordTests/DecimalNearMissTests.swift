import Accord
import Testing

/// Decimals that differ from a short decimal only in a late digit are read as written, not
/// rounded to the short one (issue: the fixed-point reader accepted `x · 10^D` within 1e-6 of an
/// integer). Each expectation is derived by hand from the numbers as written.
@Suite struct DecimalNearMissTests {
    static func solve(_ yaml: String) throws -> BargainingSolution {
        Solver.solve(try BargainingProblem(try scenario(yaml: yaml), file: "near-miss.yaml"))
    }

    /// A's reservation 0.30000001 is above its 0.3 for option a, so only b is acceptable (A 1,
    /// B 0 ≥ 0): 1 acceptable package, not 2.
    @Test func aReservationAboveAUtilityByALateDigitExcludesIt() throws {
        let report = try Self.solve("""
            accord: 1
            parties:
              - {id: A, reservation: 0.30000001}
              - {id: B}
            issues:
              - {id: x, options: [a, b]}
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 0.3, b: 1}}}
              B: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}
            """)
        #expect(report.acceptable == 1)
    }

    /// A values a at 0.50000001 and b at 0.5, B is indifferent: b is dominated by a, so the
    /// frontier is a alone (read as 0.5 both, the two would tie as one utility vector).
    @Test func aValueAboveAnotherByALateDigitDominatesIt() throws {
        let report = try Self.solve("""
            accord: 1
            parties:
              - {id: A}
              - {id: B}
            issues:
              - {id: x, options: [a, b]}
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 0.50000001, b: 0.5}}}
              B: {weights: {x: 1}, values: {x: {a: 0.25, b: 0.25}}}
            """)
        let frontier = try #require(report.frontier)
        #expect(frontier.count == 1)
        #expect(frontier.utilities(at: 0) == [0.50000001, 0.25])
    }

    /// A's weight 1.0000009 on x makes option a worth 0.30000027 > its reservation 0.3000002, so
    /// a is acceptable; read as weight 1, a would be worth 0.3 < 0.3000002 and excluded.
    @Test func aWeightAboveOneByALateDigitCounts() throws {
        let report = try Self.solve("""
            accord: 1
            parties:
              - {id: A, reservation: 0.3000002}
              - {id: B}
            issues:
              - {id: x, options: [a, b]}
            preferences:
              A: {weights: {x: 1.0000009}, values: {x: {a: 0.3, b: 0}}}
              B: {weights: {x: 1}, values: {x: {a: 1, b: 1}}}
            """)
        #expect(report.acceptable == 1)
    }
}
