import Accord
import Testing

@Suite struct PublishedResultsTests {
    /// Nash (1950), p. 161: Bill gives Jack book, whip, ball and bat; Jack gives Bill pen, toy and
    /// knife; the gains are 12 for Bill and 5 for Jack.
    @Test func billJackNashSolution() throws {
        let scenario = try Repository.loadData("bill-jack.yaml")
        let report = Solver.solve(try BargainingProblem(scenario, file: "bill-jack.yaml"))
        let nash = try #require(report.solutions.first { $0.concept == .nash }?.result.agreement)
        let holder = Dictionary(uniqueKeysWithValues: zip(scenario.issues.map(\.id), nash.package.enumerated().map {
            scenario.describe($1, issue: $0)
        }))
        for good in ["book", "whip", "ball", "bat"] { #expect(holder[good] == "Jack", "Bill gives Jack the \(good)") }
        for good in ["pen", "toy", "knife"] { #expect(holder[good] == "Bill", "Jack gives Bill the \(good)") }
        #expect(holder["box"] == "Bill")
        #expect(holder["hat"] == "Jack")
        #expect(nash.gains == [12, 5])
        #expect(nash.nashProduct == 60)
    }
}
