import Accord
@testable import AccordModel
@testable import AccordSpace
@testable import AccordSolutions
@testable import AccordDynamics
@testable import AccordReport
import Foundation
import Testing

/// Rubinstein and Zeuthen on mixed discrete × continuous scenarios: the bargaining set is the
/// envelope of the exact curves of the continuous issues, one per discrete package (its convex
/// hull for Rubinstein). A closed form on a two-curve envelope, Blue Harbor against its revenue
/// in 1% steps, the command and its refusals.
@Suite struct MixedDynamicsTests {
    /// x ∈ {a, b} and a pie split linearly (weight 1 each); a gives B 0.3, b gives A 0.5;
    /// d = (0, 0.3). In gains g = u − d the curves are a: (s, 1 − s) and b: (0.5 + s, 0.7 − s)
    /// (s = A's share, b cut at g_B ≥ 0: s ≤ 0.7). b's line g_A + g_B = 1.2 lies above a's
    /// (= 1), so the convex hull runs from a's best point for B, (0, 1), along a lottery bridge
    /// to b at s = 0, (0.5, 0.7) — slope −0.6: g_B = 1 − 0.6 g_A — then along b (pure, slope −1)
    /// to (1.2, 0).
    ///
    /// With δ = (0.8, 0.9), A proposing: A's offer x and B's counter-offer y satisfy
    /// y_A = 0.8 x_A and x_B = 0.9 y_B. With x on b and y on the bridge:
    /// 1.2 − x_A = 0.9 (1 − 0.6 · 0.8 x_A), so x_A = 0.3/0.568 = 75/142 ≈ 0.528169 (≥ 0.5: on
    /// b, pure, s = x_A − 0.5) and y_A = 0.8 x_A = 60/142 ≈ 0.422535 (< 0.5: on the bridge, a
    /// lottery giving b probability y_A/0.5).
    /// Nash (equal power) on the envelope: on b, (0.5 + s)(0.7 − s) peaks at s = 0.1, g = (0.6,
    /// 0.6), product 0.36 > a's best 0.25.
    static let envelope = """
        accord: 1
        name: Envelope
        parties: [{id: A, discount: 0.8}, {id: B, reservation: 0.3, discount: 0.9}]
        issues:
          - {id: x, options: [a, b]}
          - {id: pie, divisible: true}
        preferences:
          A: {weights: {x: 1, pie: 1}, values: {x: {a: 0, b: 0.5}, pie: [[0, 0], [1, 1]]}}
          B: {weights: {x: 1, pie: 1}, values: {x: {a: 0.3, b: 0}, pie: [[0, 0], [1, 1]]}}
        """

    @Test func rubinsteinOnTheEnvelopeOfTwoCurvesByHand() throws {
        let report = try Dynamics.run(try scenario(yaml: Self.envelope), file: "envelope.yaml", protocol: .rubinstein)
        #expect(report.bargainingSet.kind == .curveEnvelope && report.bargainingSet.curveCount == 2)
        let solution = try #require(report.rubinstein)
        let xA = 75.0 / 142, yA = 60.0 / 142
        expectAllClose(solution.agreement.utilities, [xA, 0.3 + 1.2 - xA], tolerance: 1e-9)
        guard case .package(let package) = solution.agreement.outcome else { Testing.Issue.record("A's offer is not pure"); return }
        #expect(package[0] == .option(1))
        guard case .shares(let shares) = package[1] else { Testing.Issue.record("no pie"); return }
        expectAllClose(shares, [xA - 0.5, 1.5 - xA], tolerance: 1e-9)
        expectAllClose(solution.counterOffer.utilities, [yA, 0.3 + 1 - 0.6 * yA], tolerance: 1e-9)
        guard case .lottery(let mix) = solution.counterOffer.outcome else { Testing.Issue.record("B's offer is not a lottery"); return }
        #expect(mix.count == 2 && Set(mix.map { $0.package[0] }) == [.option(0), .option(1)])
        expectAllClose([mix.first { $0.package[0] == .option(1) }?.probability ?? .nan], [yA / 0.5], tolerance: 1e-9)

        let zeuthen = try Dynamics.run(try scenario(yaml: Self.envelope), file: "envelope.yaml", protocol: .zeuthen)
        let path = try #require(zeuthen.zeuthen)
        // Offers every 0.035 of b's share: the nearest to s = 0.1 are 0.105 and 0.07; 0.105 is
        // the better, (0.605)(0.595) = 0.359975.
        let gains = zip(path.agreement.utilities, zeuthen.disagreement).map { $0 - $1 }
        expectAllClose([gains[0] * gains[1]], [0.605 * 0.595], tolerance: 1e-9)
        #expect(zeuthen.bargainingSet.offers.allSatisfy { offer in
            // Pure offers on the envelope: none below b's line where b exists, none below a's.
            let g = zip(offer.utilities, zeuthen.disagreement).map { $0 - $1 }
            return g[0] >= 0.5 - 1e-12 ? abs(g[0] + g[1] - 1.2) < 1e-9 : abs(g[0] + g[1] - 1) < 1e-9
        })
    }

    /// Blue Harbor's mixed frontier against the same scenario with the revenue in 1% steps
    /// (`ContinuousLinkageTests.discretized`): every vertex of every exact curve is a breakpoint
    /// of the values or a share floor, all on the grid, so the two convex hulls coincide where
    /// the offers fall and Rubinstein's agreement has the same utilities — on the grid a
    /// lottery of neighbouring steps, on the curve a pure split.
    @Test func blueHarborRubinsteinAgreesWithItsRevenueInOnePercentSteps() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let revenue = try #require(scenario.issueIndex("wind_revenue"))
        let grid = try ContinuousLinkageTests.discretized(scenario, issue: revenue, steps: 100)
        for discount in [[0.95, 0.9], [0.9, 0.9], [0.8, 0.95]] {
            let mixed = try Dynamics.run(scenario, file: "blue-harbor.yaml", protocol: .rubinstein, discount: discount)
            let steps = try Dynamics.run(grid, file: "grid.yaml", protocol: .rubinstein, discount: discount)
            #expect(mixed.bargainingSet.kind == .curveEnvelope)
            let (a, b) = (try #require(mixed.rubinstein), try #require(steps.rubinstein))
            expectAllClose(a.agreement.utilities, b.agreement.utilities, "δ \(discount)", tolerance: 1e-9)
            expectAllClose(a.counterOffer.utilities, b.counterOffer.utilities, "δ \(discount)", tolerance: 1e-9)
        }
        // (0.95, 0.9): A's opening offer is a pure split on the curve of the accord's terms with
        // A paying 40% of the patrols.
        let report = try Dynamics.run(scenario, file: "blue-harbor.yaml", protocol: .rubinstein, discount: [0.95, 0.9])
        guard case .package(let package)? = report.rubinstein?.agreement.outcome else { Testing.Issue.record("not pure"); return }
        #expect(scenario.describe(package[revenue], issue: revenue) == "A 0.590875, B 0.409125")
    }

    /// The command: the mixed set's kind in JSON (discount factors from the file), the text's
    /// description of it, and Zeuthen's path ending at the Nash solution of `solve` (B 45%).
    @Test func dynamicsCommandOnBlueHarbor() throws {
        let file = Repository.data("blue-harbor.yaml")
        let json = try AccordExecutable.run(["dynamics", file, "--protocol", "rubinstein", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["bargaining_set"] as? [String: Any])?["kind"] as? String == "curve-envelope")
        #expect(object["discount"] as? [String: Double] == ["A": 0.95, "B": 0.9], "the scenario's discount factors")
        let text = try AccordExecutable.run(["dynamics", file, "--protocol", "zeuthen", "--format", "text"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("upper envelope of 7 exact frontier curves of the 1 continuous issue, one per Pareto-optimal package of the discrete issues"), "\(text.stdout)")
        #expect(text.stdout.contains("wind_revenue  A 0.55, B 0.45") && text.stdout.contains("= the Nash solution (Zeuthen's process converges to it)"))
    }
}
