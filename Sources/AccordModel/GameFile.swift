import Foundation

/// A transferable-utility game given directly (`accord game GAME.yaml`, DESIGN.md §2.5), so that
/// analysts can bring their own coalition values:
///
/// ```yaml
/// players: [A, B, C]
/// values: {"A": 1, "B": 2, "C": 5, "A,B": 6, "A,C": 7, "B,C": 8, "A,B,C": 12}   # missing: 0
/// ```
/// or a bankruptcy problem (O'Neill 1982): an estate `E` and claims `c_i` with `Σ c_i ≥ E`,
/// whose game is `v(S) = max(0, E − Σ_{j∉S} c_j)`:
/// ```yaml
/// players: [A, B, C]
/// bankruptcy: {estate: 200, claims: {A: 100, B: 200, C: 300}}
/// ```
/// Every number is kept as written (`Double` plus its exact fraction, read by the game layer).
public struct GameFile: Sendable, Equatable {
    public enum Definition: Sendable, Equatable {
        /// `v(S)` of the coalitions given, each as sorted player indices.
        case values([(members: [Int], value: Double)])
        case bankruptcy(estate: Double, claims: [Double])

        public static func == (a: Definition, b: Definition) -> Bool {
            switch (a, b) {
            case (.values(let x), .values(let y)): return x.map(\.members) == y.map(\.members) && x.map(\.value) == y.map(\.value)
            case (.bankruptcy(let e, let c), .bankruptcy(let f, let d)): return e == f && c == d
            default: return false
            }
        }
    }

    public var players: [String]
    public var definition: Definition

    /// The most players a game file may have: 25 (the games are stored whole, 2^n values).
    public static let playerLimit = 25

    /// Loads and validates a game file (YAML, or JSON by extension).
    public static func load(path: String) throws(ScenarioError) -> GameFile {
        let (data, file) = try Scenario.readDocument(path: path, kind: "game")
        return try parse(data: data, file: file, format: DocumentFormat(path: path))
    }

    /// Parses and validates game text; every problem with its field path and line.
    public static func parse(data: Data, file: String, format: DocumentFormat) throws(ScenarioError) -> GameFile {
        let tree = try Scenario.documentTree(data: data, file: file, format: format)
        let log = ProblemLog()
        let game = log.attempt { try decode(Field(tree: tree, path: "")) }
        guard let game, log.isEmpty else { throw .invalid(log.problems.map { $0.located(in: file) }) }
        return game
    }

    private static func decode(_ root: Field) throws -> GameFile {
        let top = try root.map(allowed: ["players", "values", "bankruptcy"])
        let playersField = try top.required("players", hint: " (the list of player ids)")
        let list = try playersField.list()
        var players: [String] = []
        var index: [String: Int] = [:]
        for item in list {
            let id = try item.string()
            if let message = ScenarioValidation.identifierProblem(id) { throw item.problem(message) }
            guard index[id] == nil else { throw item.problem("duplicate player id \(quoted(id))") }
            index[id] = players.count
            players.append(id)
        }
        guard (1...playerLimit).contains(players.count) else {
            throw playersField.problem("a game needs 1 to \(playerLimit) players, found \(players.count)")
        }
        switch (top.optional("values"), top.optional("bankruptcy")) {
        case (let values?, nil):
            var seen: [[Int]: String] = [:]
            var coalitions: [(members: [Int], value: Double)] = []
            for (key, field) in try values.entries() {
                var members: [Int] = []
                for part in key.split(separator: ",", omittingEmptySubsequences: false) {
                    let id = part.trimmingCharacters(in: .whitespaces)
                    guard let player = index[id] else {
                        var message = id.isEmpty ? "empty player id in the coalition \(quoted(key)) (write e.g. \"A,B\")" : "unknown player \(quoted(id)) in the coalition \(quoted(key))"
                        if !id.isEmpty, let guess = closestMatch(to: id, among: players) { message += " (did you mean \(quoted(guess))?)" }
                        throw field.problem(message)
                    }
                    guard !members.contains(player) else { throw field.problem("player \(quoted(id)) appears twice in the coalition \(quoted(key))") }
                    members.append(player)
                }
                members.sort()
                if let first = seen[members] { throw field.problem("the coalition \(quoted(key)) is also given as \(quoted(first))") }
                seen[members] = key
                let value = try field.number()
                guard value.isFinite, abs(value) <= ScenarioValidation.magnitudeLimit else { throw field.problem("a coalition's value must be a finite number, found \(formatted(value))") }
                coalitions.append((members, value))
            }
            return GameFile(players: players, definition: .values(coalitions))
        case (nil, let bankruptcy?):
            let map = try bankruptcy.map(allowed: ["estate", "claims"])
            let estateField = try map.required("estate")
            let estate = try estateField.number()
            guard estate >= 0, estate <= ScenarioValidation.magnitudeLimit else { throw estateField.problem("the estate must be a finite number ≥ 0, found \(formatted(estate))") }
            let claimsField = try map.required("claims")
            var claims = [Double](repeating: .nan, count: players.count)
            for (key, field) in try claimsField.entries() {
                guard let player = index[key] else { throw field.problem("unknown player \(quoted(key))") }
                let claim = try field.number()
                guard claim >= 0, claim <= ScenarioValidation.magnitudeLimit else { throw field.problem("a claim must be a finite number ≥ 0, found \(formatted(claim))") }
                claims[player] = claim
            }
            if let missing = claims.indices.first(where: { claims[$0].isNaN }) {
                throw claimsField.problem("missing the claim of player \(quoted(players[missing]))")
            }
            let total = claims.reduce(0, +)
            guard estate <= total else {
                throw estateField.problem("the estate \(formatted(estate)) exceeds the claims' total \(formatted(total)): every claim can be paid, this is not a bankruptcy problem")
            }
            return GameFile(players: players, definition: .bankruptcy(estate: estate, claims: claims))
        case (nil, nil):
            throw root.problem("give the coalition values (values: {\"A,B\": 3, ...}) or a bankruptcy problem (bankruptcy: {estate, claims})")
        case (.some, .some):
            throw root.problem("give either values or bankruptcy, not both")
        }
    }
}
