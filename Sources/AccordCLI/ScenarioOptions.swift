import Accord
import ArgumentParser
import Foundation

/// The scenario input shared by the commands that read one scenario: a scenario file, or a
/// GENIUS/ANAC domain with its profiles (`--genius DOMAIN.xml PROFILE.xml...`).
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "Scenario file (.yaml, .yml or .json; - for standard input).")
    var scenario: String?

    @OptionGroup var exchange: ExchangeFiles

    var genius: [String] { exchange.genius }
    var geniusweb: [String] { exchange.geniusweb }

    func validate() throws {
        switch (scenario != nil, exchange.source) {
        case (false, nil):
            throw ValidationError(
                "Missing expected argument '<scenario>' (or --genius DOMAIN.xml PROFILE.xml PROFILE.xml..., or --geniusweb DOMAIN.json PROFILE.json PROFILE.json...)")
        case (true, let source?): throw ValidationError("give either a scenario file or \(source), not both")
        default: break
        }
    }

    /// The file named in messages: the scenario, or the GENIUS or GeniusWeb domain.
    var fileName: String {
        InputFiles.displayName(scenario ?? genius.first ?? geniusweb.first ?? "")
    }

    func load() throws -> Scenario {
        if let scenario { return try InputFiles.loadScenario(path: scenario) }
        return try exchange.load()
    }

    /// The scenario (`load()`, then `change`), with its warnings about exactness on stderr: for
    /// the commands whose answers do not depend on the weights' scale.
    func loadWarningAboutExactness(_ change: (Scenario) throws -> Scenario = { $0 }) throws -> Scenario {
        let scenario = try change(try load())
        printWarnings(scenario, file: fileName, only: isAboutExactness)
        return scenario
    }

    /// The scenario, or the nonlinear negotiation of GENIUS files with nonlinear profiles.
    func loadNegotiation() throws -> GeniusImport.Negotiation {
        guard scenario == nil, !genius.isEmpty else { return .additive(try load()) }
        return try exchange.loadNegotiation()
    }
}

/// Files in the formats of the negotiation tools: a GENIUS/ANAC domain with its profiles
/// (`--genius`), or a GeniusWeb domain with its profiles (`--geniusweb`), and the limits of
/// reading them.
struct ExchangeFiles: ParsableArguments {
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Read a GENIUS/ANAC domain and its profiles (the domain first) instead of a scenario file, e.g. --genius Data/genius/job-offer/{domain,employer,candidate}.xml; see 'accord import genius'.",
            valueName: "domain.xml profile.xml"))
    var genius: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Read a GeniusWeb domain and its linear additive profiles (JSON, the domain first) instead of a scenario file, e.g. --geniusweb party.json party1.json party2.json; see 'accord import geniusweb'.",
            valueName: "domain.json profile.json"))
    var geniusweb: [String] = []

    @OptionGroup var geniusLimits: GeniusLimitOptions

    /// Which was given, for messages: `--genius DOMAIN.xml PROFILE.xml...`, or `nil`.
    var source: String? {
        !genius.isEmpty ? "--genius DOMAIN.xml PROFILE.xml..." : !geniusweb.isEmpty ? "--geniusweb DOMAIN.json PROFILE.json..." : nil
    }

    func validate() throws {
        if !genius.isEmpty, !geniusweb.isEmpty {
            throw ValidationError("give either --genius DOMAIN.xml PROFILE.xml... or --geniusweb DOMAIN.json PROFILE.json..., not both")
        }
        for (flag, files) in [("--genius", genius), ("--geniusweb", geniusweb)] where !files.isEmpty && files.count < 3 {
            throw ValidationError("\(flag) needs the domain file and at least two profiles, found \(files.count) file\(files.count == 1 ? "" : "s")")
        }
    }

    /// The scenario of the GeniusWeb or GENIUS files given; a usage error when neither was.
    func load() throws -> Scenario {
        guard source != nil else { throw ValidationError("give a scenario file or --genius DOMAIN.xml PROFILE.xml...") }
        return try loadScenario()
    }

    /// `loadScenario()`, where GENIUS files may also hold nonlinear profiles.
    func loadNegotiation() throws(ScenarioError) -> GeniusImport.Negotiation {
        guard geniusweb.isEmpty else { return .additive(try loadScenario()) }
        try InputFiles.check(genius)
        return try GeniusImport.load(negotiation: genius.first ?? "", profiles: Array(genius.dropFirst()), limits: geniusLimits.limits)
    }

    /// The scenario of the GeniusWeb files if given, else of the GENIUS files (`source` says
    /// that some were).
    func loadScenario() throws(ScenarioError) -> Scenario {
        if let domain = geniusweb.first {
            try InputFiles.check(geniusweb)
            return try GeniusWebImport.load(domain: domain, profiles: Array(geniusweb.dropFirst()), limits: geniusLimits.limits)
        }
        try InputFiles.check(genius)
        return try GeniusImport.load(domain: genius.first ?? "", profiles: Array(genius.dropFirst()), limits: geniusLimits.limits)
    }
}

/// The limits of a GENIUS import that a user may raise (`--genius`, `import genius`); the nesting
/// depth stays at its default, 64 levels, six times what GENIUS files use.
struct GeniusLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-integer-values"),
        help: ArgumentHelp(
            "GENIUS files: most integer values over a domain's integer issues (one option per value); digits, 1e6 or 10^6.",
            valueName: "count"))
    var integerValues = PackageCount(setting: Double(GeniusImport.Limits.standard.maximumIntegerValues))

    @Option(
        name: .customLong("max-xml-size"),
        help: ArgumentHelp("GENIUS files: largest file read (bytes, or 50M, 1G); reading takes about 15 times the size in memory.", valueName: "size"))
    var fileBytes = ByteSize(bytes: GeniusImport.Limits.standard.maximumFileBytes)

    func validate() throws {
        guard integerValues.value < 0x1p62 else { throw ValidationError("--max-integer-values must be below 2^62") }
    }

    var limits: GeniusImport.Limits {
        var limits = GeniusImport.Limits.standard
        limits.maximumIntegerValues = Int(integerValues.value)
        limits.maximumFileBytes = fileBytes.bytes
        limits.integerValuesRemedy = "raise the limit with --max-integer-values"
        limits.fileBytesRemedy = "raise the limit with --max-xml-size"
        return limits
    }
}

extension FrontierMethod: ExpressibleByArgument {}

/// `--method`, `--max-enumeration` and `--max-memory`, shared by the commands that compute a frontier.
struct FrontierOptions: ParsableArguments {
    @Option(name: .long, help: "Frontier algorithm: pareto-sum (default) or enumeration (brute force, for cross-checks).")
    var method: FrontierMethod = SolverSettings().method

    @Option(
        name: .customLong("max-enumeration"),
        help: ArgumentHelp(
            "Most packages one exact enumeration may visit (a group of issues tied by interactions or forbidden combinations, or the whole space with --method enumeration); larger runs are refused. A whole number ≥ 1: digits, 1e9 or 10^9.",
            valueName: "count"))
    var enumerationLimit = PackageCount(setting: SolverSettings().maxEnumeration)

    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "Most memory the frontier computation may hold (point buffers, estimated before they are allocated); beyond it the run is refused (exit 65). Bytes, or with K, M, G or T (powers of 1024): 512M, 8G. Default: half the physical memory.",
            valueName: "size"))
    var memoryLimit = ByteSize(bytes: SolverSettings().maxMemory)

    @Option(
        name: .customLong("time-limit"),
        help: ArgumentHelp(
            "Nonlinear GENIUS spaces (--genius with hyper-rectangle profiles): stop tracing the frontier after this many seconds and give the points found, exact, with the region where the rest lie (stats.exact false). Default: no limit.",
            valueName: "seconds"))
    var timeLimit: Double?

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) {
            throw ValidationError("--time-limit \(timeLimit): give a number of seconds, 0 or more")
        }
    }

    /// `--max-enumeration` as `SolverSettings.maxEnumeration` takes it.
    var maxEnumeration: Double { enumerationLimit.value }

    /// The solver settings these options set; every other setting keeps its documented default.
    var settings: SolverSettings {
        var settings = SolverSettings()
        settings.method = method
        settings.maxEnumeration = maxEnumeration
        settings.maxMemory = memoryLimit.bytes
        return settings
    }
}

/// A memory size given on the command line (`--max-memory`): digits, optionally followed by `K`,
/// `M`, `G` or `T` (powers of 1024, case-insensitive, an optional `B` or `iB` after it): `1048576`,
/// `512M`, `8G`, `1.5G`. At least one byte, at most `Int.max`.
struct ByteSize: ExpressibleByArgument, Equatable {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var text = Substring(argument.uppercased())
        if text.hasSuffix("IB") { text = text.dropLast(2) } else if text.hasSuffix("B") { text = text.dropLast() }
        var scale = 1.0
        if let last = text.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][last] {
            scale = Double(1 << (10 * power))
            text = text.dropLast()
        }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, pieces.count <= 2,
              pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
              let number = Double(text) else { return nil }
        let value = (number * scale).rounded(.down)
        guard value >= 1, value < 0x1p63 else { return nil }
        bytes = Int(value)
    }

    /// The largest unit that divides the size exactly: `512M`, `8G`, else bytes.
    var defaultValueDescription: String {
        for (unit, power) in [("T", 4), ("G", 3), ("M", 2), ("K", 1)] where bytes % (1 << (10 * power)) == 0 {
            return "\(bytes >> (10 * power))\(unit)"
        }
        return String(bytes)
    }
}
