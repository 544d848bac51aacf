import Accord
import ArgumentParser

/// `accord import`: scenarios from the files of other negotiation tools.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert the negotiation files of other tools into Accord scenarios.",
        discussion: """
            Examples:
              accord import genius domain.xml buyer.xml seller.xml -o deal.yaml
              accord import genius Data/genius/job-offer/{domain,employer,candidate}.xml
              accord import geniusweb party.json party1.json party2.json -o party.yaml
            """,
        subcommands: [GeniusImportCommand.self, GeniusWebImportCommand.self]
    )
}

/// `accord import genius DOMAIN.xml PROFILE.xml...`
struct GeniusImportCommand: DomainProfilesImport {
    static let configuration = CommandConfiguration(
        commandName: "genius",
        abstract: "Convert a GENIUS/ANAC domain and its profiles (XML) into a scenario.",
        discussion: """
            Reads a GENIUS/ANAC domain file and one additive profile per party, with GENIUS \
            semantics: issue weights as given; each discrete evaluation divided by the issue's \
            largest evaluation; integer issues become one option per value, valued by the \
            profile's linear evaluator (clamped to [0, 1]); real issues become range issues with \
            a piecewise-linear value function; the profile's reservation value (default 0) \
            becomes the party's reservation and its discount_factor the party's discount. Party \
            ids come from the profile file names. The scenario is written as YAML, or JSON when \
            -o ends in .json; to stdout without -o. 'solve' and 'frontier' read the same files \
            directly with --genius.

            Examples:
              accord import genius domain.xml buyer.xml seller.xml -o deal.yaml
              accord import genius domain.xml buyer.xml seller.xml -o deal.json
              accord import genius Data/genius/job-offer/{domain,employer,candidate}.xml
              accord solve --genius Data/genius/job-offer/{domain,employer,candidate}.xml
            """
    )

    @Argument(help: "The GENIUS domain file (XML).")
    var domain: String

    @Argument(help: "One profile file (XML) per party, at least two.")
    var profiles: [String] = []

    @OptionGroup var output: ScenarioOutput

    @OptionGroup var limits: GeniusLimitOptions

    func run() throws {
        try write { try GeniusImport.load(domain: domain, profiles: profiles, limits: limits.limits) }
    }
}

/// `accord import geniusweb DOMAIN.json PROFILE.json...`
struct GeniusWebImportCommand: DomainProfilesImport {
    static let configuration = CommandConfiguration(
        commandName: "geniusweb",
        abstract: "Convert a GeniusWeb domain and its linear additive profiles (JSON) into a scenario.",
        discussion: """
            Reads a GeniusWeb domain file and one LinearAdditiveUtilitySpace profile per party, \
            with GeniusWeb semantics: utility = sum over issues of the issue weight times the \
            value's utility, both as given; discrete value sets and discrete utilities only; a \
            party's reservation is its own utility of its reservationBid (0 without one; an issue \
            the bid leaves out counts 0). Party ids come from the profile file names. The \
            scenario is written as YAML, or JSON when -o ends in .json; to stdout without -o. \
            'solve', 'frontier', 'linkage' and 'dynamics' read the same files directly with \
            --geniusweb.

            Examples:
              accord import geniusweb party.json party1.json party2.json -o party.yaml
              accord solve --geniusweb party.json party1.json party2.json
            """
    )

    @Argument(help: "The GeniusWeb domain file (JSON).")
    var domain: String

    @Argument(help: "One profile file (JSON) per party, at least two.")
    var profiles: [String] = []

    @OptionGroup var output: ScenarioOutput

    func run() throws {
        try write { try GeniusWebImport.load(domain: domain, profiles: profiles) }
    }
}

/// What `import genius` and `import geniusweb` share: a domain file, at least two profiles, `-o`.
protocol DomainProfilesImport: ParsableCommand {
    var domain: String { get }
    var profiles: [String] { get }
    var output: ScenarioOutput { get }
}

extension DomainProfilesImport {
    func validate() throws {
        guard profiles.count >= 2 else {
            throw ValidationError("give the domain file and at least two profiles, found \(profiles.count) profile\(profiles.count == 1 ? "" : "s")")
        }
    }

    /// Writes the scenario that `load` reads, after refusing `-o` onto an input and checking
    /// that every input is a readable file.
    func write(_ load: () throws -> Scenario) throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: [domain] + profiles)
            try InputFiles.check([domain] + profiles)
            try output.write(load())
        }
    }
}
