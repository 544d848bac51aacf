import Accord
import Foundation
import Testing
@testable import AccordModel
@testable import AccordReport

/// What people read when a scenario has many parties: text names up to 12 parties one by one
/// and summarizes more (lowest, median, highest, with who holds them); gains a rounding error
/// from 0 read 0.
@Suite struct ManyPartiesTextTests {
    /// `count` parties P01, P02, ... with names, and one divisible issue (the smallest valid scenario shape).
    private func scenario(parties count: Int) -> Scenario {
        let parties = (1...count).map { Party(id: String(format: "P%02d", $0), name: "Party \($0)") }
        let issue = Issue(id: "cost", domain: .divisible)
        let preference = Preference(weights: [1], values: [.piecewise([.init(x: 0, value: 0), .init(x: 1, value: 1)])])
        return Scenario(
            unchecked: "many", description: nil, disagreement: .reservation, normalize: false,
            parties: parties, issues: [issue], preferences: Array(repeating: preference, count: count))
    }

    @Test func upToTwelvePartiesAreListedOneByOne() {
        let twelve = scenario(parties: 12)
        let values = (1...12).map { Double($0) / 10 }
        #expect(twelve.partyValues(values) == (1...12).map { String(format: "P%02d", $0) + " " + formatNumber(Double($0) / 10) }.joined(separator: ", "))
        #expect(twelve.partyLegend() == "Parties: " + (1...12).map { String(format: "P%02d = Party %d", $0, $0) }.joined(separator: ", "))
    }

    @Test func moreArePutAsLowestMedianAndHighestWithTheirHolders() throws {
        let fifteen = scenario(parties: 15)
        // Lowest 0.1 held by P02, P05, P07, P09 and P11 (five: three named, "2 others"); highest
        // 0.9 by P01 and P15; the rest 0.5, so the 8th of the 15 sorted values (the median) is 0.5.
        var values = Array(repeating: 0.5, count: 15)
        for i in [1, 4, 6, 8, 10] { values[i] = 0.1 }
        values[0] = 0.9
        values[14] = 0.9
        #expect(fifteen.partyValues(values) == "lowest 0.1 (P02, P05, P07 and 2 others), median 0.5, highest 0.9 (P01 and P15)")
        // Four holders are all named; values equal once formatted (6 digits) are one tie.
        values = Array(repeating: 0.3, count: 15)
        for i in [2, 3, 5] { values[i] = 0.2 }
        values[7] = 0.2 + 1e-12
        values[12] = 0.4
        #expect(fifteen.partyValues(values) == "lowest 0.2 (P03, P04, P06 and P08), median 0.3, highest 0.4 (P13)")
        let legend = try #require(fifteen.partyLegend())
        #expect(legend.hasPrefix("Parties: 15, shown by id"))
        #expect(fifteen.partyLegend(every: true)?.contains("P15 = Party 15") == true)
    }

    @Test func aGainARoundingErrorFromZeroReadsZero() {
        #expect(signed(-1.1102230246251565e-16) == "+0")
        #expect(signed(5.551115123125783e-17) == "+0")
        #expect(signed(-1e-11) == "-1e-11")
        #expect(signed(0.25) == "+0.25")
        #expect(signed(-0.25) == "-0.25")
    }

    /// The 195-party climate scenario: every line of the text report stays readable (the parties
    /// summarized, no line listing all 195), and the utilitarian solution, which leaves some
    /// parties exactly at their reservation, shows their gain as +0, never as a loss of 1e-16.
    @Test func theClimateScenarioReadsAsSummaries() throws {
        let result = try AccordExecutable.run(["solve", Repository.data("climate-195.yaml"), "--format", "text"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("Parties: 195, shown by id") })
        #expect(lines.allSatisfy { $0.count < 400 }, "a line lists every party")
        let gains = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("gains") }
        #expect(gains.count == 4)
        #expect(gains.allSatisfy { $0.contains("lowest ") && $0.contains("median ") && $0.contains("highest ") })
        #expect(!result.stdout.contains("e-16") && !result.stdout.contains("e-17"))
    }
}
