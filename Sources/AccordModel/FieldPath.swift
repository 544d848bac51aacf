/// The field path of a node (`preferences.B.values.fisheries[1][0]`, DESIGN.md §1), kept as the
/// text of an ancestor's path and up to three keys or indices below it, and written out only
/// when a message needs it: the decoder makes a `Field` for each node of a document (10^6 in a
/// large one) and a message for few.
///
/// Written out, a key is an excerpt (`excerpt(_:)`) after a `.` (none at the start), an index
/// is in brackets: `parties[1].name`.
package struct FieldPath {
    private enum Step {
        case key(String)
        case index(Int)
    }

    /// The path of an ancestor, as text.
    private var base: String
    /// The steps from `base`, the first `count` of them.
    private var steps: (Step, Step, Step) = (.index(0), .index(0), .index(0))
    private var count = 0

    /// The path `text`, as written out.
    package init(_ text: String = "") {
        base = text
    }

    /// The path written out.
    /// - Complexity: O(length of the path).
    package var text: String {
        var text = base
        for position in 0..<count {
            switch step(position) {
            case .key(let key): text += text.isEmpty ? excerpt(key) : "." + excerpt(key)
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The path of a map value under `key`.
    package func appending(key: String) -> FieldPath { appending(.key(key)) }

    /// The path of a list item at `index`.
    package func appending(index: Int) -> FieldPath { appending(.index(index)) }

    /// The same path with room for one more step without writing it out: a node with many
    /// children takes this once, so that no child writes out the path.
    package var withRoom: FieldPath { count < 3 ? self : FieldPath(text) }

    private func appending(_ step: Step) -> FieldPath {
        var path = withRoom
        switch path.count {
        case 0: path.steps.0 = step
        case 1: path.steps.1 = step
        default: path.steps.2 = step
        }
        path.count += 1
        return path
    }

    private func step(_ position: Int) -> Step {
        switch position {
        case 0: return steps.0
        case 1: return steps.1
        default: return steps.2
        }
    }
}
