import AccordModel
import Foundation

/// Reads GENIUS/ANAC negotiation files — a domain XML and one additive profile XML per party —
/// into a `Scenario` (DESIGN.md §2.2).
///
/// The scenario has GENIUS semantics (see `GeniusProfile` for the formulas and the GENIUS
/// classes they follow):
/// - one issue per domain issue, in domain order; ids from the issue names made safe
///   (`[A-Za-z0-9_-]+`, unique), the original name kept as `name` when it differs;
///   discrete issues keep their items as options; integer issues get one option per integer
///   value (`"1"`, `"2"`, …); real issues become `range` issues with a piecewise-linear value
///   function equal to the GENIUS evaluator;
/// - one party per profile, in argument order; ids from the profile file names made safe and
///   unique, with the file name as `name` when it differs; `reservation` from the profile
///   (default 0); `discount` from its `discount_factor` (none when absent, 0 or 1);
/// - weights as given, discrete evaluations divided by the issue's largest evaluation;
/// - `disagreement: reservation`, no status quo; the domain's name as the scenario name.
///
/// Every number is rounded to 15 significant digits, the precision scenario files are written
/// with, so that the imported scenario and its YAML or JSON text are the same scenario.
public enum GeniusImport {
    /// The contents of one file and the path it was read from (used in names and messages).
    public struct File: Sendable {
        public var path: String
        public var data: Data

        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }

        /// Reads the file at `path`.
        /// - Throws: `ScenarioError.unreadable` when it does not exist or cannot be read;
        ///   `.invalid` when its size is over `limits.maximumFileBytes` (checked before reading).
        public static func read(_ path: String, limits: Limits = .standard) throws(ScenarioError) -> File {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(file: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "is a directory, not a GENIUS XML file") }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
               let tooLarge = limits.fileSizeProblem(bytes: size) {
                throw .invalid([ScenarioIssue(file: (path as NSString).lastPathComponent, path: "", line: nil, message: tooLarge)])
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(file: path, reason: "cannot read the file (permission denied?)")
            }
            return File(path: path, data: data)
        }

        /// The file name without directories, as messages show it.
        var name: String { (path as NSString).lastPathComponent }

        /// The file name without directories and extension.
        var stem: String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }
    }

    /// Reads a domain file and its profiles.
    ///
    /// - Throws: `ScenarioError.unreadable` when a file is missing or unreadable (before
    ///   anything is parsed); `.invalid` with every problem found, each with its file, element
    ///   path (`utility_space.objective.issue[2].item[3]@evaluation`: tags from the root, the
    ///   1-based position among same-named siblings where there are several, `@attribute`) and
    ///   the line of the element's start tag; also (exit 65) for input beyond `limits` or in an
    ///   encoding other than UTF-8 or ASCII, naming the limit or the encoding.
    public static func load(domain: String, profiles: [String], limits: Limits = .standard) throws(ScenarioError) -> Scenario {
        let (domainFile, profileFiles) = try read(domain: domain, profiles: profiles, limits: limits)
        return try scenario(domain: domainFile, profiles: profileFiles, limits: limits)
    }

    /// The domain file and the profile files, each read (`File.read`) in turn.
    private static func read(domain: String, profiles: [String], limits: Limits) throws(ScenarioError) -> (File, [File]) {
        let domainFile = try File.read(domain, limits: limits)
        var profileFiles: [File] = []
        for path in profiles { profileFiles.append(try File.read(path, limits: limits)) }
        return (domainFile, profileFiles)
    }

    /// Converts file contents already read (see `load(domain:profiles:limits:)`).
    /// - Complexity: O(size of the files + Σ integer issue ranges × parties), the sum at most
    ///   `limits.maximumIntegerValues`.
    public static func scenario(domain: File, profiles: [File], limits: Limits = .standard) throws(ScenarioError) -> Scenario {
        switch try negotiation(domain: domain, profiles: profiles, limits: limits) {
        case .additive(let scenario):
            return scenario
        case .nonlinear(let negotiation):
            throw .unsupported(
                file: profiles.first?.name ?? domain.name,
                reason: "a nonlinear utility space (ANAC 2014, \(negotiation.utilities.first.map(Self.summary) ?? "")): scenario files hold additive profiles (weights and evaluations per issue); `accord frontier` and `accord solve` read nonlinear profiles with --genius")
        }
    }

    /// What GENIUS files describe: an additive scenario, or a negotiation whose profiles are
    /// nonlinear utility spaces (hyper-rectangles, ANAC 2014).
    public enum Negotiation: Sendable {
        case additive(Scenario)
        case nonlinear(NonlinearNegotiation)
    }

    /// `60 hyper-rectangles on 30 integer issues, maxutility 2353`.
    static func summary(_ utility: RectangleUtility) -> String {
        let issues = Set(utility.rectangles.flatMap { $0.bounds.map(\.issue) }).count
        return "\(utility.rectangles.count) hyper-rectangle\(utility.rectangles.count == 1 ? "" : "s") on \(issues) integer issue\(issues == 1 ? "" : "s"), maxutility \(GeniusAttribute.text(utility.maximum))"
    }

    /// Reads a domain and its profiles, additive or nonlinear (`scenario` reads additive ones
    /// only). A nonlinear negotiation has GENIUS's semantics (`GeniusNonlinearProfile`); Accord
    /// computes with its values exactly, so every rectangle's utility times its weights must be
    /// an integer (every ANAC 2014 domain's is), and every issue an integer one.
    public static func load(negotiation domain: String, profiles: [String], limits: Limits = .standard) throws(ScenarioError) -> Negotiation {
        let (domainFile, profileFiles) = try read(domain: domain, profiles: profiles, limits: limits)
        return try negotiation(domain: domainFile, profiles: profileFiles, limits: limits)
    }

    /// `load(negotiation:profiles:limits:)` on file contents already read.
    public static func negotiation(domain: File, profiles: [File], limits: Limits = .standard) throws(ScenarioError) -> Negotiation {
        guard profiles.count >= 2 else {
            throw .invalid([ScenarioIssue(
                file: domain.name, path: "", line: nil,
                message: "a negotiation needs at least two profiles, found \(profiles.count)")])
        }
        let log = ProblemLog()
        let domainModel = log.attempt { () throws in try MarkupElement.parse(domain.data, limits: limits) }
            .flatMap { GeniusDomain.read($0, limits: limits, log: log) }
        guard log.isEmpty, let domainModel else {
            throw .invalid(log.problems.map { $0.located(in: domain.name) })
        }

        let issues = issues(of: domainModel)
        let issueProblems = ScenarioValidation.issues(issues, parties: [], disagreement: .reservation)
        guard issueProblems.isEmpty else { throw .invalid(issueProblems.map { domainModel.located($0).located(in: domain.name) }) }
        var partyIds = IdentifierPool(fallback: "party")
        let ids = profiles.map { partyIds.claim($0.stem) }
        var problems: [ScenarioIssue] = []
        var read: [GeniusProfile] = []
        var nonlinear: [(file: String, profile: GeniusNonlinearProfile)] = []
        for (file, id) in zip(profiles, ids) {
            let profileLog = ProblemLog()
            let root = profileLog.attempt { () throws in try MarkupElement.parse(file.data, limits: limits) }
            if let root, GeniusNonlinearProfile.isNonlinear(root) {
                // Read and checked in full, so that every problem in it is reported; solving
                // such a space is refused below.
                if let profile = GeniusNonlinearProfile.read(root, domain: domainModel, log: profileLog) { nonlinear.append((file.name, profile)) }
                problems += profileLog.problems.map { $0.located(in: file.name) }
                continue
            }
            let profile = root.flatMap { GeniusProfile.read($0, domain: domainModel, log: profileLog) }
            problems += profileLog.problems.map { $0.located(in: file.name) }
            guard let profile else { continue }
            // The checks every scenario goes through, profile by profile so that all are reported.
            let found = ScenarioValidation.preference(profile.preference, of: Party(id: id), issues: issues)
            problems += found.map { profile.located($0, party: id, issues: issues).located(in: file.name) }
            if found.isEmpty { read.append(profile) }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        if !nonlinear.isEmpty {
            return .nonlinear(try nonlinearNegotiation(nonlinear, ids: ids, files: profiles, domain: domainModel, issues: issues, domainFile: domain))
        }
        guard read.count == profiles.count else { throw .invalid(problems) }

        let parties = zip(zip(ids, profiles), read).map { entry, profile -> Party in
            let (id, file) = entry
            return Party(
                id: id, name: file.stem == id ? nil : file.stem,
                reservation: profile.reservation, discount: profile.discount)
        }
        let sources = profiles.map(\.name).joined(separator: ", ")
        return .additive(try Scenario(
            name: domainModel.name ?? domain.stem,
            description: "Imported from GENIUS domain \(domain.name) with profiles \(sources).",
            disagreement: .reservation, parties: parties, issues: issues, preferences: read.map(\.preference), file: domain.name))
    }

    /// The nonlinear negotiation of profiles read as `nonlinear` (one per profile file, or the
    /// profiles mix kinds), with integer rectangle values.
    private static func nonlinearNegotiation(
        _ nonlinear: [(file: String, profile: GeniusNonlinearProfile)], ids: [String], files: [File], domain: GeniusDomain,
        issues: [Issue], domainFile: File
    ) throws(ScenarioError) -> NonlinearNegotiation {
        guard nonlinear.count == files.count else {
            let additive = files.first { file in !nonlinear.contains { $0.file == file.name } }?.name ?? ""
            throw .unsupported(file: additive, reason: "an additive profile among nonlinear ones (\(nonlinear[0].file)): Accord reads a negotiation's profiles all additive or all nonlinear")
        }
        var integerIssues: [NonlinearNegotiation.IntegerIssue] = []
        for (issue, genius) in zip(issues, domain.issues) {
            switch genius.kind {
            case .integer(let lower, let upper):
                integerIssues.append(NonlinearNegotiation.IntegerIssue(id: issue.id, lower: lower, upper: upper))
            case .discrete(let items):
                integerIssues.append(NonlinearNegotiation.IntegerIssue(id: issue.id, lower: 0, upper: items.count - 1, items: items))
            case .real:
                throw .unsupported(file: domainFile.name, reason: "issue \(quoted(genius.name)) is \(genius.kind.typeName): Accord reads nonlinear spaces over integer and discrete issues (as every ANAC 2014 domain is)")
            }
        }
        var utilities: [RectangleUtility] = []
        for (file, profile) in nonlinear {
            var rectangles: [RectangleUtility.Rectangle] = []
            for rectangle in profile.rectangles {
                let value = rectangle.value * profile.weight
                guard value == value.rounded(), abs(value) < Double(NonlinearNegotiation.valueLimit),
                      rectangles.count < NonlinearNegotiation.rectangleLimit else {
                    throw .unsupported(file: file, reason: "a hyper-rectangle's utility times its weights is \(GeniusAttribute.text(value)): Accord computes nonlinear spaces exactly, with integer rectangle utilities below 2^40 (every ANAC 2014 domain has them)")
                }
                rectangles.append(RectangleUtility.Rectangle(
                    includes: rectangle.includes,
                    bounds: rectangle.bounds.map { RectangleUtility.Bound(issue: $0.issue, lower: $0.lower, upper: $0.upper) },
                    value: Int64(value)))
            }
            utilities.append(RectangleUtility(rectangles: rectangles, maximum: profile.maximum))
        }
        // One nonlinear profile per file, in file order (every file was read without a problem).
        let parties = zip(zip(ids, files), nonlinear).map { entry, read in
            Party(id: entry.0, name: entry.1.stem == entry.0 ? nil : entry.1.stem, reservation: read.profile.reservation)
        }
        return NonlinearNegotiation(name: domain.name ?? domainFile.stem, issues: integerIssues, parties: parties, utilities: utilities)
    }

    /// One issue per domain issue, in domain order, with ids made safe and unique.
    private static func issues(of domain: GeniusDomain) -> [Issue] {
        var issueIds = IdentifierPool(fallback: "issue")
        return domain.issues.map { genius -> Issue in
            let id = issueIds.claim(genius.name)
            let domain: IssueDomain
            switch genius.kind {
            case .discrete(let items): domain = .options(items)
            case .integer(let lower, let upper): domain = .options((lower...upper).map(String.init))
            case .real(let lower, let upper): domain = .range(lower: lower, upper: upper)
            }
            return Issue(id: id, name: genius.name == id ? nil : genius.name, domain: domain)
        }
    }
}

/// Hands out unique identifiers `[A-Za-z0-9_-]+` made from free text.
struct IdentifierPool {
    /// Used (with a number) when the text has no allowed character at all.
    var fallback: String
    private var taken: Set<String> = []

    init(fallback: String) { self.fallback = fallback }

    /// `text` with every run of other characters replaced by `_` (and `_` trimmed at the ends),
    /// made unique by a suffix `_2`, `_3`, … .
    mutating func claim(_ text: String) -> String {
        let base = Self.sanitized(text) ?? "\(fallback)\(taken.count + 1)"
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(base)_\(suffix)"
            suffix += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// The allowed characters of `text`, runs of others as one `_`; `nil` when nothing is left.
    static func sanitized(_ text: String) -> String? {
        var result = ""
        var replacing = false
        for scalar in text.unicodeScalars {
            if ScenarioValidation.isIdentifierCharacter(scalar) {
                result.unicodeScalars.append(scalar)
                replacing = false
            } else if !replacing {
                result.append("_")
                replacing = true
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        return trimmed.isEmpty ? nil : trimmed
    }
}
