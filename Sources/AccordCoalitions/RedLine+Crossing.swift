import AccordModel

extension Scenario {
    /// Whether `package` crosses a red line of `party` (its own, not the others'): a forbidden
    /// option, a forbidden combination, or a bound on a continuous issue or on its own share of
    /// a divisible one. A coalition can adopt a package only if it crosses no member's red line.
    /// - Complexity: O(size of the party's red lines).
    public func crossesRedLine(_ package: [IssueValue], party: Int) -> Bool {
        preferences[party].redLines.contains { line in
            switch line {
            case .forbid(let issue, let options):
                return package[issue].option.map(options.contains) ?? false
            case .forbidCombination(let choices):
                return choices.allSatisfy { package[$0.issue].option == $0.option }
            case .bounds(let issue, let minimum, let maximum):
                let x: Double
                switch package[issue] {
                case .number(let value): x = value
                case .shares(let shares): x = shares[party]
                case .option: return false
                }
                return minimum.map { x < $0 } ?? false || maximum.map { x > $0 } ?? false
            }
        }
    }
}
