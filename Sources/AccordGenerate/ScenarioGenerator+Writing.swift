import AccordModel

/// Writes a generated scenario piece by piece, in the layout of the scenario renderers
/// (`Scenario.yaml`: block style with flow maps and lists of scalars; `jsonDocument.rendered()`:
/// two-space indentation, lists of scalars on one line), so that streaming and `generate()`
/// give the same bytes. The generator's names (`p1`, `i1`, `o1`, `t1`, `Generated …`) are plain
/// YAML scalars and JSON strings without escapes, so no quoting is needed.
struct Emitter {
    let format: DocumentFormat

    init(format: DocumentFormat) {
        self.format = format
    }

    private var json: Bool { format == .json }

    func writeHeader<Target: TextOutputStream>(title: String, parties: [Party], to output: inout Target) {
        if json {
            output.write("{\n  \"accord\": \(Scenario.formatVersion),\n  \"name\": \"\(title)\",\n  \"disagreement\": \"reservation\",\n  \"parties\": [\n")
            for (index, party) in parties.enumerated() {
                output.write("    {\n      \"id\": \"\(party.id)\",\n      \"reservation\": \(numberText(party.reservation)),\n      \"power\": \(numberText(party.power))\n    }")
                output.write(index + 1 < parties.count ? ",\n" : "\n")
            }
            output.write("  ],\n")
        } else {
            output.write("accord: \(Scenario.formatVersion)\nname: \(title)\ndisagreement: reservation\nparties:\n")
            for party in parties {
                output.write("  - {id: \(party.id), reservation: \(numberText(party.reservation)), power: \(numberText(party.power))}\n")
            }
        }
    }

    func writeIssues<Target: TextOutputStream>(count: Int, options: Int, track: (Int) -> String, to output: inout Target) {
        let names = (0..<options).map { "o\($0 + 1)" }
        if json {
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            output.write("  \"issues\": [\n")
            for issue in 0..<count {
                output.write("    {\n      \"id\": \"i\(issue + 1)\",\n      \"track\": \"\(track(issue))\",\n      \"options\": [\(list)],\n      \"status_quo\": \"o1\"\n    }")
                output.write(issue + 1 < count ? ",\n" : "\n")
            }
            output.write("  ],\n")
        } else {
            let list = names.joined(separator: ", ")
            output.write("issues:\n")
            for issue in 0..<count {
                output.write("  - id: i\(issue + 1)\n    track: \(track(issue))\n    options: [\(list)]\n    status_quo: o1\n")
            }
        }
    }

    func beginPreferences<Target: TextOutputStream>(to output: inout Target) {
        output.write(json ? "  \"preferences\": {\n" : "preferences:\n")
    }

    func beginPreference<Target: TextOutputStream>(id: String, to output: inout Target) {
        output.write(json ? "    \"\(id)\": {\n" : "  \(id):\n")
    }

    func writeWeights<Target: TextOutputStream>(_ weights: [Double], to output: inout Target) {
        if json {
            output.write("      \"weights\": {\n")
            for (issue, weight) in weights.enumerated() {
                output.write("        \"i\(issue + 1)\": \(numberText(weight))" + (issue + 1 < weights.count ? ",\n" : "\n"))
            }
            output.write("      },\n      \"values\": {\n")
        } else {
            output.write("    weights: {" + weights.enumerated().map { "i\($0 + 1): \(numberText($1))" }.joined(separator: ", ") + "}\n    values:\n")
        }
    }

    func writeTable<Target: TextOutputStream>(issue: Int, values: [Double], last: Bool, to output: inout Target) {
        if json {
            output.write("        \"i\(issue + 1)\": {\n")
            for (option, value) in values.enumerated() {
                output.write("          \"o\(option + 1)\": \(numberText(value))" + (option + 1 < values.count ? ",\n" : "\n"))
            }
            output.write(last ? "        }\n" : "        },\n")
        } else {
            output.write("      i\(issue + 1): {" + values.enumerated().map { "o\($0 + 1): \(numberText($1))" }.joined(separator: ", ") + "}\n")
        }
    }

    /// Closes `values`; a JSON comma follows when interactions or red lines come next, which
    /// `writeInteractions`/`writeRedLines` write before their key.
    func endValues<Target: TextOutputStream>(to output: inout Target) {
        if json { output.write("      }") }
    }

    func writeInteractions<Target: TextOutputStream>(_ terms: [Interaction], to output: inout Target) {
        guard !terms.isEmpty else { return }
        if json {
            output.write(",\n      \"interactions\": [\n")
            for (index, term) in terms.enumerated() {
                output.write("        {\n          \"when\": {\n")
                write(choicesJSON: term.when, indent: "            ", to: &output)
                output.write("          },\n          \"value\": \(numberText(term.value))\n        }" + (index + 1 < terms.count ? ",\n" : "\n"))
            }
            output.write("      ]")
        } else {
            output.write("    interactions:\n")
            for term in terms {
                output.write("      - when: \(choicesYAML(term.when))\n        value: \(numberText(term.value))\n")
            }
        }
    }

    func writeRedLines<Target: TextOutputStream>(_ redLines: [RedLine], to output: inout Target) {
        guard !redLines.isEmpty else { return }
        if json {
            output.write(",\n      \"red_lines\": [\n")
            for (index, redLine) in redLines.enumerated() {
                switch redLine {
                case .forbid(let issue, let options):
                    let list = options.map { "\"o\($0 + 1)\"" }.joined(separator: ", ")
                    output.write("        {\n          \"issue\": \"i\(issue + 1)\",\n          \"forbid\": [\(list)]\n        }")
                case .forbidCombination(let choices):
                    output.write("        {\n          \"forbid_combination\": {\n")
                    write(choicesJSON: choices, indent: "            ", to: &output)
                    output.write("          }\n        }")
                case .bounds:
                    break  // the generator makes discrete issues only
                }
                output.write(index + 1 < redLines.count ? ",\n" : "\n")
            }
            output.write("      ]")
        } else {
            output.write("    red_lines:\n")
            for redLine in redLines {
                switch redLine {
                case .forbid(let issue, let options):
                    output.write("      - issue: i\(issue + 1)\n        forbid: [" + options.map { "o\($0 + 1)" }.joined(separator: ", ") + "]\n")
                case .forbidCombination(let choices):
                    output.write("      - forbid_combination: \(choicesYAML(choices))\n")
                case .bounds:
                    break  // the generator makes discrete issues only
                }
            }
        }
    }

    func endPreference<Target: TextOutputStream>(last: Bool, to output: inout Target) {
        if json { output.write(last ? "\n    }\n" : "\n    },\n") }
    }

    func end<Target: TextOutputStream>(to output: inout Target) {
        if json { output.write("  }\n}\n") }
    }

    private func choicesYAML(_ choices: [OptionChoice]) -> String {
        "{" + choices.map { "i\($0.issue + 1): o\($0.option + 1)" }.joined(separator: ", ") + "}"
    }

    private func write<Target: TextOutputStream>(choicesJSON choices: [OptionChoice], indent: String, to output: inout Target) {
        for (index, choice) in choices.enumerated() {
            output.write("\(indent)\"i\(choice.issue + 1)\": \"o\(choice.option + 1)\"" + (index + 1 < choices.count ? ",\n" : "\n"))
        }
    }
}
