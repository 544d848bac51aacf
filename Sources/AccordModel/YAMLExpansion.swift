import CYaml

/// What a YAML text stands for once its aliases are expanded, measured from libyaml's event
/// stream before any tree is built.
///
/// An alias repeats the node of its anchor, so a few hundred bytes can stand for 10^9 nodes
/// ("billion laughs"). Yams builds its tree with shared nodes, but it hashes every mapping key to
/// find duplicates, which walks a key's whole expansion: a bomb used as a key hangs it. Measuring
/// first, in O(events) time and O(depth + anchors) memory, refuses such a text before Yams sees it.
enum YAMLExpansion {
    /// Why the text is refused, or `nil` when it is within both limits (or is not valid YAML,
    /// which the parser then reports with its own message and line).
    ///
    /// - Parameters:
    ///   - nodeLimit: the most nodes (scalars, lists and maps, each alias counted as its
    ///     anchor's whole node) the expanded document may have.
    ///   - depthLimit: the deepest nesting of lists and maps allowed.
    /// - Complexity: O(length of the text).
    static func problem(in text: String, nodeLimit: Int, depthLimit: Int) -> (message: String, line: Int?)? {
        var text = text
        return text.withUTF8 { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            /// Expanded size of every anchor defined so far (a later anchor of the same name wins).
            var anchors: [String: Int] = [:]
            /// Expanded size so far of each open list or map, with its anchor; for a map, whether
            /// its next child is a key.
            var open: [(size: Int, anchor: String?, isMap: Bool, expectsKey: Bool)] = []
            let complexKey = "a mapping key must be a single value (a name), not a list or map"
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                var completed: (size: Int, anchor: String?)?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    completed = (1, Self.name(event.data.scalar.anchor))
                case YAML_ALIAS_EVENT:
                    completed = (Self.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1, nil)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    // Keys are names in every scenario; a list or map as a key is what makes Yams
                    // walk a whole expansion to hash it, so it is refused before it is built.
                    if let parent = open.last, parent.isMap, parent.expectsKey { return (complexKey, line) }
                    let isMap = event.type == YAML_MAPPING_START_EVENT
                    let anchor = isMap ? Self.name(event.data.mapping_start.anchor) : Self.name(event.data.sequence_start.anchor)
                    open.append((1, anchor, isMap, true))
                    if open.count > depthLimit {
                        return ("lists and maps are nested more than \(depthLimit) levels deep", line)
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    completed = open.popLast().map { ($0.size, $0.anchor) }
                default:
                    break
                }
                guard let node = completed else { continue }
                guard node.size <= nodeLimit else {
                    return ("the document is too large once its aliases are expanded (more than \(groupedInteger(nodeLimit)) nodes)", line)
                }
                if let anchor = node.anchor { anchors[anchor] = node.size }
                if let parent = open.last, parent.isMap {
                    if parent.expectsKey && node.size > 1 { return (complexKey, line) }
                    open[open.count - 1].expectsKey.toggle()
                }
                if !open.isEmpty {
                    // Both terms are at most `nodeLimit`, so the sum cannot overflow.
                    open[open.count - 1].size += node.size
                    if open[open.count - 1].size > nodeLimit {
                        return ("the document is too large once its aliases are expanded (more than \(groupedInteger(nodeLimit)) nodes)", line)
                    }
                }
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
