import Accord
import ArgumentParser
import Foundation

/// `--solutions nash,ks`: the solution concepts to compute, each once, in the order given.
///
/// Parsed once, by `@Option(transform:)`, so that a mistake names the entry that is wrong and
/// the names that are valid (ArgumentParser's `ExpressibleByArgument` can only say that the
/// whole value is invalid).
struct SolutionList: Equatable {
    var concepts: [SolutionConcept]

    /// Every concept, in the order of the reports.
    static let all = SolutionList(concepts: SolutionConcept.allCases)

    /// The names to type, one per concept.
    static let names = "nash, ks (Kalai–Smorodinsky), egalitarian, utilitarian"

    init(concepts: [SolutionConcept]) {
        self.concepts = concepts
    }

    /// Parses a comma-separated list of names (`SolutionConcept(name:)`: `ks`,
    /// `kalai_smorodinsky`, ...), spaces around a name ignored.
    /// - Throws: `ValidationError` naming an unknown or repeated entry, or an empty list.
    init(parsing text: String) throws(ValidationError) {
        var concepts: [SolutionConcept] = []
        for piece in text.split(separator: ",") {
            let name = piece.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let concept = SolutionConcept(name: name) else {
                throw ValidationError("unknown solution '\(name)'; use \(Self.names)")
            }
            guard !concepts.contains(concept) else {
                throw ValidationError("'\(name)' names \(concept.title) a second time")
            }
            concepts.append(concept)
        }
        guard !concepts.isEmpty else { throw ValidationError("give at least one solution; use \(Self.names)") }
        self.concepts = concepts
    }
}
