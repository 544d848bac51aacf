import CYaml

/// What a YAML text stands for once its aliases are expanded, measured from libyaml's event
/// stream before any tree is built.
///
/// An alias repeats the node of its anchor, so a few hundred bytes can stand for 10^9 nodes
/// ("billion laughs"). The composer copies aliased nodes (sharing their storage) and hashes
/// keys, so measuring first, in O(events) time and O(depth + anchors) memory, refuses such a
/// text before any tree is built; a list or map as a key (which no scenario has) is refused too.
enum YAMLExpansion {
    static let complexKey = "a mapping key must be a single value (a name), not a list or map"

    /// Why the text is refused, or `nil` when it is within both limits (or is not valid YAML,
    /// which the composer then reports with libyaml's message and line).
    ///
    /// - Parameters:
    ///   - nodeLimit: the most nodes (scalars, lists and maps, each alias counted as its
    ///     anchor's whole node) the expanded document may have.
    ///   - depthLimit: the deepest nesting of lists and maps allowed.
    /// - Complexity: O(length of the text).
    static func problem(in text: String, nodeLimit: Int, depthLimit: Int) -> YAMLProblem? {
        /// Expanded size of every anchor defined so far (a later anchor of the same name wins),
        /// and whether it is a list or map.
        var anchors: [String: (size: Int, isCollection: Bool)] = [:]
        /// Expanded size so far of each open list or map, with its anchor; for a map, whether
        /// its next child is a key.
        var open: [(size: Int, anchor: String?, isMap: Bool, expectsKey: Bool)] = []
        let tooLarge = "the document is too large once its aliases are expanded (more than \(groupedInteger(nodeLimit)) nodes)"
        var found: YAMLProblem?
        _ = YAMLEvents.forEach(in: text) { event in
            let line = Int(event.start_mark.line) + 1
            var completed: (size: Int, anchor: String?, isCollection: Bool)?
            switch event.type {
            case YAML_SCALAR_EVENT:
                completed = (1, YAMLEvents.name(event.data.scalar.anchor), false)
            case YAML_ALIAS_EVENT:
                let target = YAMLEvents.name(event.data.alias.anchor).flatMap { anchors[$0] }
                completed = (target?.size ?? 1, nil, target?.isCollection ?? false)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                // Keys are names in every scenario; a list or map as a key would make the
                // composer hash a whole expansion, so it is refused before it is built.
                if let parent = open.last, parent.isMap, parent.expectsKey {
                    found = YAMLProblem(message: complexKey, line: line)
                    return false
                }
                let isMap = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMap ? YAMLEvents.name(event.data.mapping_start.anchor) : YAMLEvents.name(event.data.sequence_start.anchor)
                open.append((1, anchor, isMap, true))
                if open.count > depthLimit {
                    found = YAMLProblem(message: "lists and maps are nested more than \(depthLimit) levels deep", line: line)
                    return false
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                completed = open.popLast().map { ($0.size, $0.anchor, true) }
            default:
                break
            }
            guard let node = completed else { return true }
            guard node.size <= nodeLimit else {
                found = YAMLProblem(message: tooLarge, line: line)
                return false
            }
            if let anchor = node.anchor { anchors[anchor] = (node.size, node.isCollection) }
            if let parent = open.last, parent.isMap {
                // An alias of an empty list or map has size 1 but is no name either.
                if parent.expectsKey && (node.size > 1 || node.isCollection) {
                    found = YAMLProblem(message: complexKey, line: line)
                    return false
                }
                open[open.count - 1].expectsKey.toggle()
            }
            if !open.isEmpty {
                // Both terms are at most `nodeLimit`, so the sum cannot overflow.
                open[open.count - 1].size += node.size
                if open[open.count - 1].size > nodeLimit {
                    found = YAMLProblem(message: tooLarge, line: line)
                    return false
                }
            }
            return true
        }
        return found
    }
}
