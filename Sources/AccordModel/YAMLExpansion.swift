import CYaml

/// What a YAML text stands for once its aliases are expanded, measured event by event as
/// libyaml reads it, before the composer builds a node.
///
/// An alias repeats the node of its anchor, so a few hundred bytes can stand for 10^9 nodes
/// ("billion laughs"). The composer shares an aliased node's storage, but it hashes keys and
/// the decoder walks every node, so the expanded size is bounded: measuring takes O(1) time per
/// event and O(depth + anchors) memory. A list or map as a key (which no scenario has) is
/// refused too: hashing it would walk its whole expansion.
struct YAMLExpansion {
    static let complexKey = "a mapping key must be a single value (a name), not a list or map"

    /// The most nodes (scalars, lists and maps, each alias counted as its anchor's whole node)
    /// the expanded document may have.
    let nodeLimit: Int
    /// The deepest nesting of lists and maps allowed.
    let depthLimit: Int
    /// Expanded size of every anchor defined so far (a later anchor of the same name wins),
    /// and whether it is a list or map.
    private var anchors: [String: (size: Int, isCollection: Bool)] = [:]
    /// Expanded size so far of each open list or map, with its anchor; for a map, whether
    /// its next child is a key.
    private var open: [(size: Int, anchor: String?, isMap: Bool, expectsKey: Bool)] = []

    init(nodeLimit: Int, depthLimit: Int) {
        self.nodeLimit = nodeLimit
        self.depthLimit = depthLimit
    }

    /// Measures the next event of the stream: why the text is refused, or `nil` while it is
    /// within both limits.
    /// - Complexity: O(1) amortized (O(length) to read an anchor's name).
    mutating func take(_ event: yaml_event_t) -> YAMLProblem? {
        let line = Int(event.start_mark.line) + 1
        var completed: (size: Int, anchor: String?, isCollection: Bool)?
        switch event.type {
        case YAML_SCALAR_EVENT:
            completed = (1, YAMLEvents.name(event.data.scalar.anchor), false)
        case YAML_ALIAS_EVENT:
            let target = YAMLEvents.name(event.data.alias.anchor).flatMap { anchors[$0] }
            completed = (target?.size ?? 1, nil, target?.isCollection ?? false)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            // Keys are names in every scenario; a list or map as a key is refused before it is built.
            if let parent = open.last, parent.isMap, parent.expectsKey {
                return YAMLProblem(message: Self.complexKey, line: line)
            }
            let isMap = event.type == YAML_MAPPING_START_EVENT
            let anchor = isMap ? YAMLEvents.name(event.data.mapping_start.anchor) : YAMLEvents.name(event.data.sequence_start.anchor)
            open.append((1, anchor, isMap, true))
            if open.count > depthLimit {
                return YAMLProblem(message: "lists and maps are nested more than \(depthLimit) levels deep", line: line)
            }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            completed = open.popLast().map { ($0.size, $0.anchor, true) }
        default:
            break
        }
        guard let node = completed else { return nil }
        guard node.size <= nodeLimit else { return tooLarge(line) }
        if let anchor = node.anchor { anchors[anchor] = (node.size, node.isCollection) }
        if let parent = open.last, parent.isMap {
            // An alias of an empty list or map has size 1 but is no name either.
            if parent.expectsKey && (node.size > 1 || node.isCollection) {
                return YAMLProblem(message: Self.complexKey, line: line)
            }
            open[open.count - 1].expectsKey.toggle()
        }
        if !open.isEmpty {
            // Both terms are at most `nodeLimit`, so the sum cannot overflow.
            open[open.count - 1].size += node.size
            if open[open.count - 1].size > nodeLimit { return tooLarge(line) }
        }
        return nil
    }

    private func tooLarge(_ line: Int) -> YAMLProblem {
        YAMLProblem(message: "the document is too large once its aliases are expanded (more than \(groupedInteger(nodeLimit)) nodes)", line: line)
    }
}
