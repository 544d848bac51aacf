/// The field path of a node (`preferences.B.values.fisheries[1][0]`, DESIGN.md §1), kept as the
/// text of an ancestor's path and up to three keys or indices below it, and written out only
/// when a message needs it: the decoder makes a `Field` for each node of a document (10^6 in a
/// large one) and a message for few. A step holds no text, only a position (a key is that of a
/// node of the document), so that copying a path retains at most its base text.
///
/// Written out, a key is an excerpt (`excerpt(_:)`) after a `.` (none at the start), an index
/// is in brackets: `parties[1].name`.
package struct FieldPath {
    private enum Step {
        /// The key of the map value at this index of the document's nodes.
        case key(Int)
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

    /// The path written out, its keys read from `storage`, the document of its nodes.
    /// - Complexity: O(length of the path).
    func text(in storage: DocumentTree.Storage) -> String {
        var text = base
        for position in 0..<count {
            switch step(position) {
            case .key(let node):
                let key = excerpt(storage.key(of: node))
                text += text.isEmpty ? key : "." + key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// The path of the map value at `node` of `storage`, under its key.
    func appending(keyOf node: Int, in storage: DocumentTree.Storage) -> FieldPath { appending(.key(node), in: storage) }

    /// The path of a list item at `index`.
    func appending(index: Int, in storage: DocumentTree.Storage) -> FieldPath { appending(.index(index), in: storage) }

    /// The same path with room for one more step without writing it out: a node with many
    /// children takes this once, so that no child writes out the path.
    func withRoom(in storage: DocumentTree.Storage) -> FieldPath { count < 3 ? self : FieldPath(text(in: storage)) }

    private func appending(_ step: Step, in storage: DocumentTree.Storage) -> FieldPath {
        var path = withRoom(in: storage)
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
