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
