import Accord
import Foundation
import Testing

/// Successful runs of the `accord` executable: output shapes of DESIGN.md §2.1 on real files.
@Suite struct CLITests {
    @Test func solveJSONCarriesContractKeysAndNashOfBillJack() throws {
        let result = try AccordExecutable.run(["solve", Repository.data("bill-jack.yaml"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["parties"] as? [String] == ["Bill", "Jack"])
        #expect(document["disagreement"] as? [Double] == [12, 6])
        let space = try #require(document["outcome_space"] as? [String: Any])
        #expect(space["packages"] as? Int == 512)
        let solutions = try #require(document["solutions"] as? [String: Any])
        #expect(Set(solutions.keys) == ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"])
        let nash = try #require(solutions["nash"] as? [String: Any])
        #expect(nash["gains"] as? [Double] == [12, 5])
        #expect(nash["nash_product"] as? Double == 60)
        let package = try #require(nash["package"] as? [String: String])
        #expect(package["pen"] == "Bill" && package["book"] == "Jack")
        #expect(((document["stats"] as? [String: Any])?["method"] as? String) == "pareto-sum")
    }

    @Test func frontierCSVHasHeaderAndOneRowPerPoint() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("frontier.csv").path
        let result = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "Bill,Jack,book,whip,ball,bat,box,pen,toy,knife,hat")
        // Bill's utility descends down the rows; Nash's point (24, 11) is among them.
        let firsts = lines.dropFirst().compactMap { Double($0.split(separator: ",")[0]) }
        #expect(firsts == firsts.sorted(by: >) && firsts.count == lines.count - 1)
        #expect(lines.contains { $0.hasPrefix("24,11,Jack,Jack,Jack,Jack,Bill,Bill,Bill,Bill,Jack") })
    }

    @Test func solveAndEnumerationMethodAgreeOnBlueHarbor() throws {
        let fast = try AccordExecutable.run(["solve", Repository.data("blue-harbor.yaml"), "--format", "json"])
        let brute = try AccordExecutable.run(["solve", Repository.data("blue-harbor.yaml"), "--format", "json", "--method", "enumeration"])
        #expect(fast.status == 0 && brute.status == 0)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(fast.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(brute.stdout.utf8)) as? [String: Any])
        #expect((a["solutions"] as? NSDictionary) == (b["solutions"] as? NSDictionary))
        #expect((a["frontier"] as? NSDictionary) == (b["frontier"] as? NSDictionary))
    }

    @Test func textAndMarkdownNameEverySolution() throws {
        for format in ["text", "md"] {
            let result = try AccordExecutable.run(["solve", Repository.data("blue-harbor.yaml"), "--format", format])
            #expect(result.status == 0)
            for title in ["Nash", "Kalai–Smorodinsky", "Egalitarian", "Utilitarian", "Pareto frontier"] {
                #expect(result.stdout.contains(title), "\(format) output lacks \(title)")
            }
        }
    }

    @Test func generateIsDeterministicAndLoadable() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("a.yaml").path, second = directory.appendingPathComponent("b.yaml").path
        for path in [first, second] {
            let result = try AccordExecutable.run(["generate", "--parties", "3", "--issues", "4", "--options", "5", "--seed", "9", "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8))
        let scenario = try Scenario.load(path: first)
        #expect(scenario.parties.count == 3 && scenario.issues.count == 4 && scenario.issues.allSatisfy { $0.options?.count == 5 })
        let solved = try AccordExecutable.run(["solve", first, "--format", "json"])
        #expect(solved.status == 0)
    }

    @Test func noAgreementZoneIsAResultWithAReason() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("none.yaml").path
        var scenario = try Repository.loadData("bill-jack.yaml")
        scenario.disagreement = .reservation
        scenario.parties[0].reservation = 100
        try scenario.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try AccordExecutable.run(["solve", path, "--format", "json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let solutions = try #require(document["solutions"] as? [String: Any])
        #expect(solutions.values.allSatisfy { $0 is NSNull })
        let reason = try #require(document["reason"] as? String)
        #expect(reason.contains("'Bill' can get at most 34 < d = 100"), "\(reason)")
    }
}
