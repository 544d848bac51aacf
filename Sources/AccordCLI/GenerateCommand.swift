import Accord
import ArgumentParser

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a random scenario (for tests, benchmarks and peer comparisons).",
        discussion: """
            Values are uniform in [0, 1] and weights normalized to sum 1, rounded to --decimals \
            places; --decimals 0 gives dyadic numbers full of ties. The same seed gives the same \
            scenario on every machine. YAML, or JSON when -o ends in .json.

            Examples:
              accord generate --parties 2 --issues 6 --options 10 --seed 7 -o random.yaml
              accord generate --parties 3 --issues 4 --options 5 --forbids 3 --interactions 2 --reservation 0.4
            """
    )

    @Option(help: "Number of parties (≥ 2).") var parties: Int = 2
    @Option(help: "Number of issues (≥ 1).") var issues: Int = 3
    @Option(help: "Options per issue (≥ 1).") var options: Int = 3
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Decimal places of values and weights; 0 for dyadic values with many ties.") var decimals: Int = 6
    @Option(help: "Number of forbidden options (red lines).") var forbids: Int = 0
    @Option(help: "Number of forbidden two-issue combinations.") var combinations: Int = 0
    @Option(help: "Number of two-issue interaction terms.") var interactions: Int = 0
    @Option(help: "Reservation of each party as a fraction of its best utility.") var reservation: Double = 0
    @OptionGroup var output: ScenarioOutput

    func validate() throws {
        guard parties >= 2 else { throw ValidationError("--parties must be at least 2") }
        guard issues >= 1 else { throw ValidationError("--issues must be at least 1") }
        guard options >= 1 else { throw ValidationError("--options must be at least 1") }
        guard parties <= 1000, issues <= 10_000, options <= 10_000 else { throw ValidationError("sizes are limited to 1000 parties, 10000 issues and 10000 options") }
        guard decimals <= 12 else { throw ValidationError("--decimals must be at most 12") }
        guard [forbids, combinations, interactions].allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("--forbids, --combinations and --interactions must be ≥ 0")
        }
        guard reservation.isFinite, reservation >= 0, reservation <= 1 else { throw ValidationError("--reservation must be in [0, 1]") }
        // Each factor is bounded above, so the products cannot overflow.
        let values = parties * issues * options
        guard values <= ScenarioGenerator.valueLimit else {
            throw ValidationError(
                "--parties × --issues × --options = \(parties) × \(issues) × \(options) = \(formatCount(Double(values))) values; at most \(formatCount(Double(ScenarioGenerator.valueLimit))) (a file of about 190 MB)")
        }
        let extras = forbids.addingReportingOverflow(combinations), total = extras.partialValue.addingReportingOverflow(interactions)
        guard !extras.overflow, !total.overflow, total.partialValue <= ScenarioGenerator.extraLimit else {
            throw ValidationError("--forbids + --combinations + --interactions must be at most \(formatCount(Double(ScenarioGenerator.extraLimit)))")
        }
    }

    func run() throws {
        try reportingErrors {
            var generator = ScenarioGenerator()
            generator.parties = parties
            generator.issues = issues
            generator.options = options
            generator.seed = seed
            generator.decimals = decimals
            generator.forbids = forbids
            generator.combinations = combinations
            generator.interactions = interactions
            generator.reservation = reservation
            try output.stream { format, sink in generator.write(format, to: &sink) }
        }
    }
}
