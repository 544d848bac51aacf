import Foundation

/// The text format of a scenario file.
public enum DocumentFormat: Sendable {
    case yaml
    case json

    /// `.json` files are JSON; everything else is read as YAML.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

extension Scenario {
    /// The format version this build reads and writes.
    public static let formatVersion = 1

    /// Loads and validates a scenario file (YAML or JSON, by extension).
    ///
    /// - Throws: `ScenarioError.unreadable` when the file cannot be read, `.invalid` with every
    ///   problem found (file, field path, line) when it is not a valid scenario — including a
    ///   GENIUS/ANAC XML file (a `.xml` name, or text that starts with `<`), with a message that
    ///   says how to read those instead.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let (data, file) = try readDocument(path: path, kind: "scenario")
        if path.lowercased().hasSuffix(".xml") { throw xmlGiven(file: file) }
        return try parse(data: data, file: file, format: DocumentFormat(path: path))
    }

    /// The bytes of a YAML or JSON file and the name messages use for it (its last component).
    /// - Throws: `ScenarioError.unreadable` for a missing file, a directory or an unreadable one.
    package static func readDocument(path: String, kind: String) throws(ScenarioError) -> (data: Data, file: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "is a directory, not a \(kind) file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "cannot read the file (permission denied?)")
        }
        return (data, (path as NSString).lastPathComponent)
    }

    /// The document tree of YAML or JSON text.
    package static func documentTree(data: Data, file: String, format: DocumentFormat) throws(ScenarioError) -> DocumentTree {
        switch format {
        case .json:
            return try DocumentTree.parseJSON(data, file: file)
        case .yaml:
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is not UTF-8 text")])
            }
            return try DocumentTree.parseYAML(text, file: file)
        }
    }

    /// Parses and validates scenario text. `file` is the name used in messages.
    ///
    /// - Throws: `ScenarioError.invalid` with every problem found; XML text (GENIUS/ANAC files)
    ///   is refused with a message that names `--genius`.
    public static func parse(data: Data, file: String, format: DocumentFormat) throws(ScenarioError) -> Scenario {
        if isXML(data) { throw xmlGiven(file: file) }
        let tree = try documentTree(data: data, file: file, format: format)
        let log = ProblemLog()
        guard let parts = ScenarioDecoder(log: log, tree: tree).decode(), log.isEmpty else {
            throw .invalid(log.problems.map { $0.located(in: file) })
        }
        // Every check of `ScenarioValidation.problems(in:)` has run on the parts as they were read
        // (`ScenarioDecoder`): checking the whole again would only repeat them (in debug builds it does).
        var scenario = Scenario(
            unchecked: parts.name, description: parts.description, disagreement: parts.disagreement, normalize: parts.normalize,
            parties: parts.parties, issues: parts.issues, preferences: parts.preferences)
        scenario.uncertainty = parts.uncertainty
        scenario.decisionRule = parts.decisionRule
        scenario.blocs = parts.blocs
        assert(ScenarioValidation.problems(in: scenario).isEmpty, "a problem the decoder did not report: \(ScenarioValidation.problems(in: scenario))")
        return scenario
    }

    /// Whether the text is XML: after an optional byte-order mark and white space, it starts
    /// with `<` (`<?xml ...?>`, or a root element). No YAML or JSON scenario starts so.
    static func isXML(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "<")
    }

    private static func xmlGiven(file: String) -> ScenarioError {
        .invalid([ScenarioIssue(
            file: file, path: "", line: nil,
            message: "this is an XML file, not a scenario (YAML or JSON); for GENIUS/ANAC files give the domain and its profiles: --genius DOMAIN.xml PROFILE.xml PROFILE.xml... (or convert them with 'accord import genius')")])
    }
}
