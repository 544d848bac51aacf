/// Reading the `uncertainty:` section (part of `ScenarioDecoder`): a map from parameter paths to
/// distributions, resolved against the scenario already read and checked as it is read.
extension ScenarioDecoder {
    func decodeUncertainty(_ field: Field?, _ scenario: Scenario) -> [Uncertainty] {
        guard let field, let entries = log.attempt({ try field.entries() }) else { return [] }
        var result: [Uncertainty] = []
        for (path, entry) in entries {
            let decoded = log.attempt { () throws -> Uncertainty in
                let parameter: SensitivityParameter
                do {
                    parameter = try SensitivityParameter(path, in: scenario)
                } catch let error as SensitivityError {
                    throw entry.problem(error.description)
                }
                let map = try entry.map(allowed: ["distribution", "min", "max", "mode", "mean", "sd"])
                let kindField = try map.required("distribution", hint: " (uniform, normal or triangular)")
                let given = parameter.value(in: scenario)
                let distribution: Uncertainty.Distribution
                let kind = try kindField.string()
                func refuse(_ keys: [String]) throws {
                    for key in keys { if let extra = map.optional(key) { throw extra.problem("a \(kind) distribution takes no \(key)") } }
                }
                switch kind {
                case "uniform":
                    try refuse(["mode", "mean", "sd"])
                    distribution = .uniform(min: try map.required("min").number(), max: try map.required("max").number())
                case "normal":
                    try refuse(["mode"])
                    distribution = .normal(
                        mean: try map.optional("mean")?.number() ?? given, sd: try map.required("sd").number(),
                        min: try map.optional("min")?.number(), max: try map.optional("max")?.number())
                case "triangular":
                    try refuse(["mean", "sd"])
                    distribution = .triangular(
                        min: try map.required("min").number(), mode: try map.optional("mode")?.number() ?? given, max: try map.required("max").number())
                default:
                    throw kindField.problem("unknown distribution \(quoted(kind)); use uniform, normal or triangular")
                }
                if let (key, message) = Uncertainty.problem(with: distribution, for: parameter) {
                    throw (map.optional(key) ?? entry).problem(message)
                }
                return Uncertainty(parameter: parameter, distribution: distribution)
            }
            if let decoded { result.append(decoded) }
        }
        return result
    }
}
