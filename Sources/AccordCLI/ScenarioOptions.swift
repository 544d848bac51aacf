import Accord
import ArgumentParser
import Foundation

/// The scenario input shared by the commands that read one scenario: a scenario file, or a
/// GENIUS/ANAC domain with its profiles (`--genius DOMAIN.xml PROFILE.xml...`).
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "Scenario file (.yaml, .yml or .json; - for standard input).")
    var scenario: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Read a GENIUS/ANAC domain and its profiles (the domain first) instead of a scenario file, e.g. --genius Data/genius/job-offer/{domain,employer,candidate}.xml; see 'accord import genius'.",
            valueName: "domain.xml profile.xml"))
    var genius: [String] = []

    func validate() throws {
        switch (scenario, genius.isEmpty) {
        case (nil, true):
            throw ValidationError("Missing expected argument '<scenario>' (or --genius DOMAIN.xml PROFILE.xml PROFILE.xml...)")
        case (.some, false):
            throw ValidationError("give either a scenario file or --genius DOMAIN.xml PROFILE.xml..., not both")
        case (nil, false):
            guard genius.count >= 3 else {
                throw ValidationError("--genius needs the domain file and at least two profiles, found \(genius.count) file\(genius.count == 1 ? "" : "s")")
            }
        case (.some, true):
            break
        }
    }

    /// The file named in messages: the scenario, or the GENIUS domain.
    var fileName: String { scenario == InputFiles.standardInput ? "stdin" : ((scenario ?? genius.first ?? "") as NSString).lastPathComponent }

    func load() throws -> Scenario {
        if let scenario { return try InputFiles.loadScenario(path: scenario) }
        guard let domain = genius.first else { throw ValidationError("give a scenario file or --genius DOMAIN.xml PROFILE.xml...") }
        try InputFiles.check(genius)
        return try GeniusImport.load(domain: domain, profiles: Array(genius.dropFirst()))
    }
}

extension FrontierMethod: ExpressibleByArgument {}

/// `--method` and `--max-enumeration`, shared by the commands that compute a frontier.
struct FrontierOptions: ParsableArguments {
    @Option(name: .long, help: "Frontier algorithm: pareto-sum (default) or enumeration (brute force, for cross-checks).")
    var method: FrontierMethod = SolverSettings().method

    @Option(
        name: .customLong("max-enumeration"),
        help: ArgumentHelp(
            "Most packages one exact enumeration may visit (a group of issues tied by interactions or forbidden combinations, or the whole space with --method enumeration); larger runs are refused. A whole number ≥ 1: digits, 1e9 or 10^9.",
            valueName: "count"))
    var enumerationLimit = PackageCount(setting: SolverSettings().maxEnumeration)

    /// `--max-enumeration` as `SolverSettings.maxEnumeration` takes it.
    var maxEnumeration: Double { enumerationLimit.value }

    /// The solver settings these options set; every other setting keeps its documented default.
    var settings: SolverSettings {
        var settings = SolverSettings()
        settings.method = method
        settings.maxEnumeration = maxEnumeration
        return settings
    }
}
