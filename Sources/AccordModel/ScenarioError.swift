/// A problem with a scenario file, located by file, field path and, where known, line.
///
/// Rendered as `file:line: path: message`, e.g.
/// `blue-harbor.yaml:42: preferences.B.values.fisheries: unknown option 'opne'`.
public struct ScenarioIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var line: Int?
    public var message: String

    public init(file: String, path: String, line: Int?, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}

/// Why a scenario could not be loaded. The CLI maps each case to a sysexits code (DESIGN.md §2.3).
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read (exit 66).
    case unreadable(file: String, reason: String)
    /// The file was read but is not a valid scenario (exit 65); one entry per problem found.
    case invalid([ScenarioIssue])
    /// The scenario is valid but asks for something this version cannot compute (exit 65).
    case unsupported(file: String, reason: String)
    /// The scenario is valid but the computation is refused, for the structured reason given (exit 65).
    case refused(file: String, Refusal)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): \(reason)"
        case .invalid(let issues): return issues.map(\.description).joined(separator: "\n")
        case .unsupported(let file, let reason): return "\(file): \(reason)"
        case .refused(let file, let refusal): return "\(file): \(refusal.reason)"
        }
    }
}
