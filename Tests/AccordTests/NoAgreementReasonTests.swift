import Accord
@testable import AccordModel
@testable import AccordSpace
@testable import AccordFrontier
@testable import AccordSolutions
@testable import AccordReport
import Foundation
import Testing

/// Why there is no agreement (issue 8, point 11): the reason is data naming the red lines and
/// their holders; `solve` words it with the parties' names. Expected sets are derived by hand in
/// each test's comment.
@Suite struct NoAgreementReasonTests {
    /// x has options a, b, c. A forbids {a, b}; B forbids {b, c}; B forbids {a}. Deletion in
    /// file order: without A's line B's two still forbid a, b, c → A's is dropped; neither of
    /// B's alone covers {a, b, c} → both stay. The minimal cover is B's two red lines. (The
    /// loader refuses such a file, naming the issue; a scenario built in code reaches `solve`.)
    static let forbidIssue = """
        accord: 1
        name: Nothing left on x
        parties: [{id: A, name: Alpha}, {id: B, name: Beta}]
        issues:
          - {id: x, options: [a, b, c]}
          - {id: y, options: [p, q]}
        preferences:
          A:
            weights: {x: 0.5, y: 0.5}
            values: {x: {a: 1, b: 0, c: 0}, y: {p: 1, q: 0}}
          B:
            weights: {x: 0.5, y: 0.5}
            values: {x: {a: 0, b: 0, c: 1}, y: {p: 0, q: 1}}
        """

    @Test func redLinesThatForbidAnIssueAreNamedWithTheirHolders() throws {
        var built = try scenario(yaml: Self.forbidIssue)
        built.preferences[0].redLines = [.forbid(issue: 0, options: [0, 1])]
        built.preferences[1].redLines = [.forbid(issue: 0, options: [1, 2]), .forbid(issue: 0, options: [0])]
        let report = Solver.solve(try BargainingProblem(built, file: "x.yaml"))
        #expect(report.noAgreementReason == .redLinesForbidIssue(
            issue: 0, redLines: [RedLineReference(party: 1, index: 0), RedLineReference(party: 1, index: 1)]))
        let reason = try #require(report.noAgreementReason)
        #expect(report.solutions.allSatisfy { $0.result == .noAgreement(reason) })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any])
        #expect(json["reason"] as? String
            == "no agreement zone: the red lines of 'B' together forbid every option of issue 'x' (B forbids x b, c; B forbids x a)")
        #expect(report.text.contains("No agreement zone: the red lines of 'B' together forbid every option of issue 'x'"))
    }

    /// x ∈ {a, b}, y ∈ {p, q}: A forbids (a, p), (b, p) and (a, q); B forbids (a, q), (b, q).
    /// Every package is forbidden. Deletion: dropping A's (a, p) frees (a, p) → kept; (b, p)
    /// likewise; A's (a, q) is also B's → dropped; B's two are then needed. Minimal set: A1, A2,
    /// B1, B2 (file order); every option of each issue stays allowed, so no issue is emptied.
    static let excludeAll = """
        accord: 1
        name: Every package crosses a red line
        parties: [{id: A}, {id: B}]
        issues:
          - {id: x, options: [a, b]}
          - {id: y, options: [p, q]}
        preferences:
          A:
            weights: {x: 0.5, y: 0.5}
            values: {x: {a: 1, b: 0}, y: {p: 1, q: 0}}
            red_lines:
              - {forbid_combination: {x: a, y: p}}
              - {forbid_combination: {x: b, y: p}}
              - {forbid_combination: {x: a, y: q}}
          B:
            weights: {x: 0.5, y: 0.5}
            values: {x: {a: 0, b: 1}, y: {p: 0, q: 1}}
            red_lines:
              - {forbid_combination: {x: a, y: q}}
              - {forbid_combination: {x: b, y: q}}
        """

    @Test func redLinesThatExcludeEveryPackageAreAMinimalSet() throws {
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: Self.excludeAll), file: "all.yaml"))
        let reference = { (party: Int, index: Int) in RedLineReference(party: party, index: index) }
        #expect(report.noAgreementReason == .redLinesExcludeAll(redLines: [reference(0, 0), reference(0, 1), reference(1, 0), reference(1, 1)]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any])
        #expect(json["reason"] as? String == "no agreement zone: the red lines of 'A' and 'B' together exclude every package "
            + "(A forbids x a with y p; A forbids x b with y p; B forbids x a with y q; B forbids x b with y q)")
    }

    /// One issue, A's reservation 0.6: x = a gives A 1 but B forbids it; x = b gives A 0.5 <
    /// 0.6. A falls short (best allowed 0.5), and B's red line is the cause: without it a is
    /// acceptable (A 1 ≥ 0.6, B 0 ≥ 0).
    @Test func aPartyShortOfItsReservationIsNamedWithTheRedLinesThatCauseIt() throws {
        let yaml = """
            accord: 1
            name: Held below the reservation
            parties: [{id: A, reservation: 0.6}, {id: B}]
            issues: [{id: x, options: [a, b, c]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 1, b: 0.5, c: 0}}}
              B: {weights: {x: 1}, values: {x: {a: 0, b: 0.5, c: 1}}, red_lines: [{issue: x, forbid: [a]}]}
            """
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: yaml), file: "short.yaml"))
        #expect(report.noAgreementReason == .unreachable(
            [Shortfall(party: 0, best: 0.5, disagreement: 0.6)], redLines: [RedLineReference(party: 1, index: 0)]))
        #expect(report.noAgreementReason.map { $0.text(in: report.scenario) }
            == "no agreement zone: 'A' can get at most 0.5 < d = 0.6 under the red line of 'B' (B forbids x a); dropping it restores an agreement zone")
    }

    /// Acceptable packages exist but every one leaves some party exactly at d (status-quo
    /// disagreement, a single alternative that moves utility from A to B): Nash has no
    /// package with all gains positive; the other solutions do.
    @Test func nashWithoutAPositiveGainSaysSo() throws {
        let yaml = """
            accord: 1
            name: Zero sum
            disagreement: status_quo
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [sq, move], status_quo: sq}]
            preferences:
              A: {weights: {x: 1}, values: {x: {sq: 1, move: 1}}}
              B: {weights: {x: 1}, values: {x: {sq: 0, move: 1}}}
            """
        let report = Solver.solve(try BargainingProblem(try scenario(yaml: yaml), file: "zero.yaml"))
        #expect(report.noAgreementReason == nil)
        #expect(report.solutions.first { $0.concept == .nash }?.result == .noAgreement(.noPositiveGain))
        #expect(report.solutions.first { $0.concept == .utilitarian }?.result.agreement != nil)
    }

    /// A mixed scenario whose discrete issue comes after a divisible one, and whose red lines
    /// put a share floor before a `forbid`: the reason found on the discrete part must name the
    /// scenario's own issue and red line. g divisible (A 0.1 · share, B 0.5 · share; B keeps at
    /// least 0.1), x ∈ {p, q} (A 0.9 on q; B forbids q). A's best: x p (0) + 0.9 of g (0.09) <
    /// d = 0.5; dropping B's forbid lets A take q (0.9 + 0.09). With A also forbidding p, every
    /// option of x (issue 1, the discrete part's issue 0) is forbidden by A's and B's red lines.
    @Test func mixedReasonsNameTheScenariosIssueAndRedLine() throws {
        let yaml = """
            accord: 1
            name: Shifted
            parties: [{id: A, reservation: 0.5}, {id: B}]
            issues: [{id: g, divisible: true}, {id: x, options: [p, q]}]
            preferences:
              A: {weights: {g: 0.1, x: 0.9}, values: {g: [[0, 0], [1, 1]], x: {p: 0, q: 1}}}
              B:
                weights: {g: 0.5, x: 0.5}
                values: {g: [[0, 0], [1, 1]], x: {p: 1, q: 0}}
                red_lines: [{issue: g, min: 0.1}, {issue: x, forbid: [q]}]
            """
        let short = Solver.solve(try BargainingProblem(try scenario(yaml: yaml), file: "shifted.yaml", concepts: [.nash]))
        #expect(short.noAgreementReason.map { $0.text(in: short.scenario) }
            == "no agreement zone: 'A' can get at most 0.09 < d = 0.5 under the red line of 'B' (B forbids x q); dropping it restores an agreement zone")
        var both = try scenario(yaml: yaml)
        both.parties[0].reservation = 0
        both.preferences[0].redLines = [.forbid(issue: 1, options: [0])]
        let forbidden = Solver.solve(try BargainingProblem(both, file: "shifted.yaml", concepts: [.nash]))
        #expect(forbidden.noAgreementReason == .redLinesForbidIssue(
            issue: 1, redLines: [RedLineReference(party: 0, index: 0), RedLineReference(party: 1, index: 1)]))
    }
}
