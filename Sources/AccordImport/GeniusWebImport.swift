import AccordModel
import Foundation

/// Reads GeniusWeb negotiation files — a domain JSON (`{"name", "issuesValues": {ISSUE:
/// {"values": [...]}}}`) and one `LinearAdditiveUtilitySpace` profile JSON per party — into a
/// `Scenario` (DESIGN.md §2.2), with GeniusWeb's semantics:
/// - one issue per domain issue, in the domain file's order, its values as options (ids made
///   safe as for GENIUS, the original name kept as `name`);
/// - one party per profile, in argument order, ids from the file names;
/// - `u(bid) = Σ_issue issueWeights[issue] · valueUtilities[issue][value]`, weights and value
///   utilities as given (`discreteutils` only: a `numberutils` issue or a `range` value set is
///   refused, naming the issue);
/// - the reservation is the profile's own utility of its `reservationBid` (an issue the bid
///   leaves out contributes 0, as in GeniusWeb), 0 without one; `disagreement: reservation`.
///
/// A profile may carry a copy of the domain (`"domain"`): it must name the same issues and
/// values, in any order. Every problem is reported with its file, field path and line.
public enum GeniusWebImport {
    /// Reads a domain file and its profiles (`GeniusImport.File.read`, within `limits`' file size).
    public static func load(domain: String, profiles: [String], limits: GeniusImport.Limits = .standard) throws(ScenarioError) -> Scenario {
        let domainFile = try GeniusImport.File.read(domain, limits: limits)
        var profileFiles: [GeniusImport.File] = []
        for path in profiles { profileFiles.append(try GeniusImport.File.read(path, limits: limits)) }
        return try scenario(domain: domainFile, profiles: profileFiles)
    }

    /// Converts file contents already read (see `load(domain:profiles:limits:)`).
    /// - Complexity: O(size of the files).
    public static func scenario(domain: GeniusImport.File, profiles: [GeniusImport.File]) throws(ScenarioError) -> Scenario {
        guard profiles.count >= 2 else {
            throw .invalid([ScenarioIssue(
                file: domain.name, path: "", line: nil, message: "a negotiation needs at least two profiles, found \(profiles.count)")])
        }
        let domainModel = try decoded(domain) { try WebDomain($0) }
        var issueIds = IdentifierPool(fallback: "issue")
        let issues = domainModel.issues.map { issue -> Issue in
            let id = issueIds.claim(issue.name)
            return Issue(id: id, name: issue.name == id ? nil : issue.name, domain: .options(issue.values))
        }
        let issueProblems = ScenarioValidation.issues(issues, parties: [], disagreement: .reservation)
        guard issueProblems.isEmpty else { throw .invalid(issueProblems.map { $0.located(in: domain.name) }) }
        var partyIds = IdentifierPool(fallback: "party")
        let ids = profiles.map { partyIds.claim($0.stem) }
        var problems: [ScenarioIssue] = []
        var read: [(preference: Preference, reservation: Double)] = []
        for (file, id) in zip(profiles, ids) {
            // Every profile is read, so that the problems of all of them are reported.
            let profile: WebProfile
            do throws(ScenarioError) {
                profile = try decoded(file) { try WebProfile($0, domain: domainModel) }
            } catch {
                guard case .invalid(let found) = error else { throw error }
                problems += found
                continue
            }
            let found = ScenarioValidation.preference(profile.preference, of: Party(id: id), issues: issues)
            problems += found.map { $0.located(in: file.name) }
            if found.isEmpty { read.append((profile.preference, profile.reservation)) }
        }
        guard problems.isEmpty, read.count == profiles.count else { throw .invalid(problems) }
        let parties = zip(zip(ids, profiles), read).map { entry, profile in
            Party(id: entry.0, name: entry.1.stem == entry.0 ? nil : entry.1.stem, reservation: profile.reservation)
        }
        return try Scenario(
            name: domainModel.name ?? domain.stem,
            description: "Imported from GeniusWeb domain \(domain.name) with profiles \(profiles.map(\.name).joined(separator: ", ")).",
            disagreement: .reservation, parties: parties, issues: issues, preferences: read.map(\.preference), file: domain.name)
    }
}

extension GeniusWebImport {
    /// `decode` applied to `file`'s JSON, its problem located in the file.
    private static func decoded<Model>(_ file: GeniusImport.File, _ decode: (Field) throws -> Model) throws(ScenarioError) -> Model {
        do {
            return try decode(Field(tree: DocumentTree.parseJSON(file.data, file: file.name), path: ""))
        } catch let error as FieldProblem {
            throw .invalid([error.located(in: file.name)])
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw .invalid([ScenarioIssue(file: file.name, path: "", line: nil, message: "\(error)")])
        }
    }
}

/// A GeniusWeb domain: its name and its discrete issues in file order.
private struct WebDomain {
    struct WebIssue {
        var name: String
        var values: [String]
    }

    var name: String?
    var issues: [WebIssue]

    init(_ root: Field) throws {
        let map = try root.map(allowed: ["name", "issuesValues"])
        name = try map.optional("name")?.string()
        let entries = try map.required("issuesValues").entries()
        guard !entries.isEmpty else { throw map.owner.problem("the domain has no issues (issuesValues is empty)") }
        issues = try entries.map { key, field in
            let set = try field.map(allowed: ["values", "range"])
            if let range = set.optional("range") {
                throw range.problem("issue \(quoted(key)) has a number value set (range); only discrete value sets (\"values\") are supported")
            }
            let values = try set.required("values").list().map { try $0.string() }
            guard !values.isEmpty else { throw set.owner.problem("issue \(quoted(key)) has no values") }
            return WebIssue(name: key, values: values)
        }
    }
}

/// A GeniusWeb `LinearAdditiveUtilitySpace` profile read against its domain.
private struct WebProfile {
    var preference: Preference
    var reservation: Double

    init(_ root: Field, domain: WebDomain) throws {
        let space = try root.map(allowed: ["LinearAdditiveUtilitySpace"])
            .required("LinearAdditiveUtilitySpace", hint: " (only linear additive GeniusWeb profiles are supported)")
        let map = try space.map(allowed: ["name", "issueUtilities", "issueWeights", "domain", "reservationBid"])
        if let copy = map.optional("domain") {
            // The same issues with the same values, in any order (JSON objects have none).
            func contents(_ domain: WebDomain) -> [String: Set<String>] {
                Dictionary(domain.issues.map { ($0.name, Set($0.values)) }, uniquingKeysWith: { $0.union($1) })
            }
            guard contents(try WebDomain(copy)) == contents(domain) else {
                throw copy.problem("the profile's domain differs from the domain file (its issues or their values)")
            }
        }
        func issueIndex(_ key: String, _ field: Field) throws -> Int {
            guard let index = domain.issues.firstIndex(where: { $0.name == key }) else {
                throw field.problem("no issue \(quoted(key)) in the domain; its issues: \(domain.issues.map(\.name).joined(separator: ", "))")
            }
            return index
        }
        var weights = [Double?](repeating: nil, count: domain.issues.count)
        let weightsField = try map.required("issueWeights")
        for (key, field) in try weightsField.entries() {
            let weight = try field.number()
            guard weight >= 0 else { throw field.problem("weight must be >= 0, found \(numberText(weight))") }
            weights[try issueIndex(key, field)] = weight
        }
        var tables = [[Double?]?](repeating: nil, count: domain.issues.count)
        let utilitiesField = try map.required("issueUtilities")
        for (key, field) in try utilitiesField.entries() {
            let index = try issueIndex(key, field)
            let kind = try field.map(allowed: ["discreteutils", "numberutils"])
            if let number = kind.optional("numberutils") {
                throw number.problem("issue \(quoted(key)) has number utilities; only discrete utilities (\"discreteutils\") are supported")
            }
            let utilities = try kind.required("discreteutils").map(allowed: ["valueUtilities"]).required("valueUtilities")
            var table = [Double?](repeating: nil, count: domain.issues[index].values.count)
            for (value, entry) in try utilities.entries() {
                guard let option = domain.issues[index].values.firstIndex(of: value) else {
                    throw entry.problem("no value \(quoted(value)) of issue \(quoted(key)) in the domain")
                }
                table[option] = try entry.number()
            }
            if let missing = table.firstIndex(where: { $0 == nil }) {
                throw utilities.problem("missing the utility of value \(quoted(domain.issues[index].values[missing])) of issue \(quoted(key))")
            }
            tables[index] = table
        }
        for (index, issue) in domain.issues.enumerated() {
            if weights[index] == nil { throw weightsField.problem("missing the weight of issue \(quoted(issue.name))") }
            if tables[index] == nil { throw utilitiesField.problem("missing the utilities of issue \(quoted(issue.name))") }
        }
        let weight = weights.map { $0 ?? 0 }
        let values = tables.map { ($0 ?? []).map { $0 ?? 0 } }
        preference = Preference(weights: weight, values: values.map { .table($0) })
        reservation = 0
        if let bid = map.optional("reservationBid") {
            let chosen = try bid.map(allowed: ["issuevalues"]).required("issuevalues")
            for (key, field) in try chosen.entries() {
                let index = try issueIndex(key, field)
                let value = try field.string()
                guard let option = domain.issues[index].values.firstIndex(of: value) else {
                    throw field.problem("no value \(quoted(value)) of issue \(quoted(key)) in the domain")
                }
                reservation += weight[index] * values[index][option]
            }
        }
    }
}
