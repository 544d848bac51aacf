import Accord
import Foundation
import Testing

/// Writing a scenario (YAML or JSON) and loading it back gives the same scenario.
@Suite struct ScenarioDocumentTests {
    static let dataFiles = ["bill-jack.yaml", "blue-harbor-discrete.yaml", "climate-finance.yaml", "trade-agreement.yaml", "pie.yaml"]

    @Test(arguments: dataFiles)
    func dataFilesRoundTripThroughYAMLAndJSON(name: String) throws {
        let original = try Repository.loadData(name)
        let yaml = try Scenario.parse(data: Data(original.yaml.utf8), file: "round-trip.yaml", format: .yaml)
        #expect(yaml == original)
        let json = try Scenario.parse(data: Data(original.jsonDocument.rendered().utf8), file: "round-trip.json", format: .json)
        #expect(json == original)
    }

    @Test(arguments: [UInt64(3), 8, 21])
    func generatedScenariosRoundTrip(seed: UInt64) throws {
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = 3
        generator.issues = 5
        generator.options = 4
        generator.forbids = 2
        generator.combinations = 2
        generator.interactions = 2
        generator.reservation = 0.3
        let original = generator.generate()
        #expect(try Scenario.parse(data: Data(original.yaml.utf8), file: "g.yaml", format: .yaml) == original)
        #expect(generator.generate() == original, "the same seed gives the same scenario")
    }

    /// Names that a YAML reader could take for numbers, booleans or null are quoted.
    @Test func awkwardNamesSurviveYAML() throws {
        let names = ["yes", "No", "null", "1.5", "-x", "a: b", "#tag", "[list]", "quote\"d", " padded ", "ünïcode"]
        let issues = [Issue(id: "i", name: "Name: with colon", domain: .options(names), statusQuo: .option(0))]
        let preference = Preference(weights: [1], values: [.table(names.indices.map { Double($0) / 10 })])
        let original = try Scenario(
            name: "true", description: "line one\nline two", parties: [Party(id: "A", name: "~"), Party(id: "B")],
            issues: issues, preferences: [preference, preference])
        #expect(try Scenario.parse(data: Data(original.yaml.utf8), file: "awkward.yaml", format: .yaml) == original)
    }
}

/// Text for many parties (`Scenario.describe`): up to 12 parties every share is listed; beyond,
/// the 6 largest (ties in party order) and the others in one sum.
@Suite struct ManyPartyTextTests {
    @Test func sharesOfManyPartiesListTheLargestAndSumTheRest() throws {
        let climate = try Repository.loadData("climate-195.yaml")
        let cost = try #require(climate.issues.firstIndex { $0.id == "finance_cost" })
        // Party k (0-based) holds k + 1 units of 1 + 2 + … + 195 = 19,110, except that parties 0
        // and 194 swap: the largest are parties 193, 192, …, 189 (195 down to 190 units: 194 + 1
        // units moved to party 0) — chosen so the listed order differs from the file order.
        var units = (1...195).map(Double.init)
        units.swapAt(0, 194)
        let shares = units.map { $0 / 19_110 }
        let text = climate.describe(.shares(shares), issue: cost)
        let ids = climate.parties.map(\.id)
        // The six largest: 195 (party 0), 194, 193, 192, 191, 190 units (parties 193, 192, 191,
        // 190, 189); the other 189 parties hold 19,110 − (195 + 194 + … + 190) = 19,110 − 1,155 = 17,955 units.
        let listed = [(0, 195.0), (193, 194), (192, 193), (191, 192), (190, 191), (189, 190)]
            .map { "\(ids[$0.0]) \(formatted($0.1 / 19_110))" }
        #expect(text == listed.joined(separator: ", ") + ", 189 others \(formatted(17_955.0 / 19_110)) together")

        let two = try Repository.loadData("blue-harbor.yaml")
        let revenue = try #require(two.issues.firstIndex { $0.domain == .divisible })
        #expect(two.describe(.shares([0.55, 0.45]), issue: revenue) == "A 0.55, B 0.45")
    }

    /// Six significant digits, as the reports print numbers (`%g` drops trailing zeros).
    func formatted(_ value: Double) -> String { String(format: "%.6g", value) }
}
