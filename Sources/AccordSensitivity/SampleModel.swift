import AccordGenerate
import AccordModel
import AccordOptimize
import AccordSolutions
import AccordSpace
import Foundation

/// The scenario as `MonteCarlo` evaluates it: the candidate packages, their one-hot features,
/// the numbers as given, and how a draw changes them.
struct SampleModel: Sendable {
    /// The fixed point of the summed Nash products: 2^-60.
    static let fixedPointUnit = 0x1p-60

    let scenario: Scenario
    let n: Int
    /// Every package that crosses no red line, in package (lexicographic) order; with more than
    /// `MonteCarlo.candidateLimit` of them, the packages on the frontiers of the numbers as given
    /// and of the first `pilotDraws` draws (`sufficient` false).
    let candidates: [[Int]]
    let sufficient: Bool
    /// Draws whose frontiers are the candidates where the packages are too many to take all.
    static let pilotDraws = 64
    /// Feature columns: one per issue and option (`offsets[j] + o`), then one per party's
    /// interaction (`interactionColumns[i][k]`).
    let offsets: [Int]
    let interactionColumns: [[Int]]
    let featureCount: Int
    /// `phi[f * P + p]`: 1 where candidate `p` has feature `f`.
    let phi: [Double]
    /// The status quo's features, where it is the disagreement point.
    let statusQuoFeatures: [Int]?
    let noise: Double?

    init(scenario: Scenario, noise: Double?, seed: UInt64) throws(SensitivityError) {
        for issue in scenario.issues where issue.options == nil {
            throw SensitivityError("Monte Carlo samples discrete scenarios; issue \(quoted(issue.id)) is \(issue.domain.kindName) (use --vary or --tornado, which solve it)")
        }
        guard !scenario.normalize else {
            throw SensitivityError("Monte Carlo does not sample 'normalize: true' scenarios, where every draw rescales the utilities over the whole space")
        }
        for entry in scenario.uncertainty {
            if let (key, message) = Uncertainty.problem(with: entry.distribution, for: entry.parameter) {
                throw SensitivityError("uncertainty.\(entry.parameter.path).\(key): \(message)")
            }
        }
        self.scenario = scenario
        self.noise = noise
        n = scenario.parties.count
        if let every = try Self.candidates(of: scenario) {
            candidates = every
            sufficient = true
        } else {
            // Too many to take all: the frontiers of the numbers as given and of the pilot draws.
            var scenarios = [scenario.withoutReservations]
            for k in 0..<Self.pilotDraws {
                scenarios.append(Self.drawnScenario(scenario, try Self.draw(scenario, noise: noise, seed: seed, sample: k)).withoutReservations)
            }
            candidates = try Crossovers.frontierPackages(of: scenarios, settings: SolverSettings())
            guard candidates.count <= MonteCarlo.candidateLimit else {
                throw SensitivityError("the frontiers of the first \(Self.pilotDraws) draws hold \(candidates.count) packages; Monte Carlo evaluates up to \(MonteCarlo.candidateLimit)")
            }
            sufficient = false
        }
        var offsets: [Int] = [], column = 0
        for issue in scenario.issues {
            offsets.append(column)
            column += issue.options?.count ?? 0
        }
        var interactionColumns: [[Int]] = []
        for preference in scenario.preferences {
            interactionColumns.append(preference.interactions.indices.map { column + $0 })
            column += preference.interactions.count
        }
        self.offsets = offsets
        self.interactionColumns = interactionColumns
        featureCount = column
        let count = candidates.count
        // The feature matrix (features × candidates) and one draw's utilities (parties ×
        // candidates) in memory: up to 2^25 and 2^24 doubles (256 and 128 MB).
        let (features, overflowF) = column.multipliedReportingOverflow(by: count)
        let (utilities, overflowU) = n.multipliedReportingOverflow(by: count)
        guard !overflowF, !overflowU, features <= 1 << 25, utilities <= 1 << 24 else {
            throw SensitivityError("Monte Carlo would hold \(count) candidate packages × \(column) features and × \(n) parties in memory, more than it takes (2^25 and 2^24 numbers); fewer options or red lines that exclude packages bring it within reach")
        }
        var phi = [Double](repeating: 0, count: column * count)
        for (p, package) in candidates.enumerated() {
            for (f, _) in Self.features(of: package, offsets: offsets, interactionColumns: interactionColumns, scenario: scenario) { phi[f * count + p] = 1 }
        }
        self.phi = phi
        statusQuoFeatures = scenario.disagreement == .statusQuo
            ? Self.features(of: scenario.issues.map { $0.statusQuo?.option ?? 0 }, offsets: offsets, interactionColumns: interactionColumns, scenario: scenario).map(\.0)
            : nil
    }

    /// The feature columns a package has, each with the party whose interaction it is (`nil`
    /// for an option).
    private static func features(of package: [Int], offsets: [Int], interactionColumns: [[Int]], scenario: Scenario) -> [(Int, Int?)] {
        var result = package.indices.map { (offsets[$0] + package[$0], Int?.none) }
        for (i, preference) in scenario.preferences.enumerated() {
            for (k, interaction) in preference.interactions.enumerated() where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
                result.append((interactionColumns[i][k], i))
            }
        }
        return result
    }

    /// The packages that cross no red line of any party, in lexicographic order; `nil` when
    /// there are more than `MonteCarlo.candidateLimit`.
    private static func candidates(of scenario: Scenario) throws(SensitivityError) -> [[Int]]? {
        var allowed = scenario.issues.map { Set(0..<($0.options?.count ?? 0)) }
        var combinations: [[OptionChoice]] = []
        for preference in scenario.preferences {
            for redLine in preference.redLines {
                switch redLine {
                case .forbid(let issue, let options): allowed[issue].subtract(options)
                case .forbidCombination(let choices): combinations.append(choices)
                case .bounds: break
                }
            }
        }
        let lists = allowed.map { $0.sorted() }
        var bound = 1
        for list in lists {
            let (product, overflow) = bound.multipliedReportingOverflow(by: list.count)
            guard !overflow, product <= 4 * MonteCarlo.candidateLimit else { return nil }
            bound = product
        }
        guard bound > 0 else { return [] }
        var result: [[Int]] = []
        var digits = [Int](repeating: 0, count: lists.count)
        while true {
            let package = digits.indices.map { lists[$0][digits[$0]] }
            if !combinations.contains(where: { $0.allSatisfy { package[$0.issue] == $0.option } }) {
                result.append(package)
                guard result.count <= MonteCarlo.candidateLimit else { return nil }
            }
            var j = lists.count - 1
            while j >= 0 {
                digits[j] += 1
                if digits[j] < lists[j].count { break }
                digits[j] = 0
                j -= 1
            }
            if j < 0 { return result }
        }
    }

    // MARK: Draws

    /// Draw `k`'s generator: seeded by the run's seed and `k` alone.
    static func generator(seed: UInt64, sample k: Int) -> SeededGenerator {
        var mixer = SeededGenerator(seed: UInt64(truncatingIfNeeded: k))
        return SeededGenerator(seed: seed ^ mixer.next())
    }

    /// Draw `k`: a value for each uncertain number (in the section's order), then with noise one
    /// normal deviate per option value (party, issue, option order).
    func draw(seed: UInt64, sample k: Int) throws(SensitivityError) -> (values: [Double], noise: [Double]) {
        try Self.draw(scenario, noise: noise, seed: seed, sample: k)
    }

    private static func draw(_ scenario: Scenario, noise: Double?, seed: UInt64, sample k: Int) throws(SensitivityError) -> (values: [Double], noise: [Double]) {
        var generator = Self.generator(seed: seed, sample: k)
        var values: [Double] = []
        for entry in scenario.uncertainty {
            values.append(try draw(entry, using: &generator))
        }
        var deviates: [Double] = []
        if let noise {
            for preference in scenario.preferences {
                for value in preference.values {
                    guard case .table(let table)? = value else { continue }
                    for _ in table { deviates.append(noise * standardNormal(&generator)) }
                }
            }
        }
        return (values, deviates)
    }

    private static func draw(_ entry: Uncertainty, using generator: inout SeededGenerator) throws(SensitivityError) -> Double {
        switch entry.distribution {
        case .uniform(let min, let max):
            return min + (max - min) * generator.unit()
        case .triangular(let min, let mode, let max):
            let u = generator.unit(), split = (mode - min) / (max - min)
            return u < split ? min + ((max - min) * (mode - min) * u).squareRoot() : max - ((max - min) * (max - mode) * (1 - u)).squareRoot()
        case .normal(let mean, let sd, let min, let max):
            for _ in 0..<10_000 {
                let x = mean + sd * standardNormal(&generator)
                if x >= (min ?? -.infinity), x <= (max ?? .infinity), entry.parameter.problem(with: x) == nil { return x }
            }
            throw SensitivityError("uncertainty.\(entry.parameter.path): 10,000 draws of the normal distribution all fell outside the number's domain or bounds")
        }
    }

    /// A standard normal deviate (Box–Muller, the cosine branch: two uniforms per deviate).
    private static func standardNormal(_ generator: inout SeededGenerator) -> Double {
        let u1 = 1 - generator.unit(), u2 = generator.unit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// The scenario with draw `k`'s numbers (the scalar path, and reports).
    func drawnScenario(_ draw: (values: [Double], noise: [Double])) -> Scenario { Self.drawnScenario(scenario, draw) }

    private static func drawnScenario(_ scenario: Scenario, _ draw: (values: [Double], noise: [Double])) -> Scenario {
        var result = scenario
        for (entry, value) in zip(scenario.uncertainty, draw.values) { result = entry.parameter.applied(value, to: result) }
        var next = 0
        for i in result.preferences.indices {
            for j in result.preferences[i].values.indices {
                guard case .table(var table)? = result.preferences[i].values[j], next + table.count <= draw.noise.count else { continue }
                for o in table.indices { table[o] += draw.noise[next + o] }
                next += table.count
                result.preferences[i].values[j] = .table(table)
            }
        }
        return result
    }

    /// Party `i`'s coefficients of draw `draw` into `row` (`featureCount` long): `w_ij · v_ijo` per
    /// option, the interaction values; and its disagreement utility and power.
    private func coefficients(_ draw: (values: [Double], noise: [Double]), into rows: UnsafeMutableBufferPointer<Double>, at start: Int,
                              disagreement: inout [Double], power: inout [Double], at slot: Int) {
        var weights = scenario.preferences.map(\.weights)
        var tables = scenario.preferences.map { preference in
            preference.values.map { value -> [Double] in
                if case .table(let table)? = value { return table }
                return []
            }
        }
        var reservation = scenario.parties.map(\.reservation), powers = scenario.parties.map(\.power)
        var interactions = scenario.preferences.map { $0.interactions.map(\.value) }
        for (entry, value) in zip(scenario.uncertainty, draw.values) {
            let i = entry.parameter.party
            switch entry.parameter.kind {
            case .reservation: reservation[i] = value
            case .power: powers[i] = value
            case .discount: break
            case .weight(let j): weights[i][j] = value
            case .value(let j, let o): if o < tables[i][j].count { tables[i][j][o] = value }
            case .interaction(let k): if k < interactions[i].count { interactions[i][k] = value }
            }
        }
        var next = 0
        for i in tables.indices {
            for j in tables[i].indices where !tables[i][j].isEmpty && next + tables[i][j].count <= draw.noise.count {
                for o in tables[i][j].indices { tables[i][j][o] += draw.noise[next + o] }
                next += tables[i][j].count
            }
        }
        for i in 0..<n {
            let row = start + i * featureCount
            for j in scenario.issues.indices {
                for o in tables[i][j].indices { rows[row + offsets[j] + o] = weights[i][j] * tables[i][j][o] }
            }
            for (k, value) in interactions[i].enumerated() { rows[row + interactionColumns[i][k]] = value }
            if let statusQuoFeatures {
                disagreement[slot * n + i] = statusQuoFeatures.reduce(0) { $0 + rows[row + $1] }
            } else {
                disagreement[slot * n + i] = reservation[i]
            }
            power[slot * n + i] = powers[i]
        }
    }

    // MARK: Evaluation

    /// Draws `range` (draw indices), their utilities for every candidate, and each draw's
    /// solutions into `totals`.
    func evaluate(_ range: [Int], seed: UInt64, evaluation: MonteCarlo.Evaluation, into totals: inout MonteCarloTotals) throws(SensitivityError) {
        let count = candidates.count, rows = range.count * n
        var draws: [(values: [Double], noise: [Double])] = []
        for k in range { draws.append(try draw(seed: seed, sample: k)) }
        var disagreement = [Double](repeating: 0, count: rows), power = disagreement
        var utilities = [Double](repeating: 0, count: rows * count)
        switch evaluation {
        case .matrix:
            var coefficients = [Double](repeating: 0, count: rows * featureCount)
            coefficients.withUnsafeMutableBufferPointer { c in
                for (slot, draw) in draws.enumerated() {
                    self.coefficients(draw, into: c, at: slot * n * featureCount, disagreement: &disagreement, power: &power, at: slot)
                }
            }
            if count > 0 {
                let done = coefficients.withUnsafeBufferPointer { c in
                    phi.withUnsafeBufferPointer { f in
                        utilities.withUnsafeMutableBufferPointer { u in
                            LinearAlgebra.multiply(c, f, into: u, rows: rows, inner: featureCount, columns: count)
                        }
                    }
                }
                guard done || featureCount == 0 else { throw SensitivityError("the draws' utilities are too large a matrix for BLAS (\(rows) × \(count))") }
            }
        case .scalar:
            // Package by package from the drawn scenario's own weights and tables (not the
            // features and coefficients of the matrix path).
            let statusQuo = scenario.issues.map { $0.statusQuo?.option ?? 0 }
            for (slot, draw) in draws.enumerated() {
                let drawn = drawnScenario(draw)
                for i in 0..<n {
                    let preference = drawn.preferences[i]
                    let tables = preference.values.map { value -> [Double] in
                        if case .table(let table)? = value { return table }
                        return []
                    }
                    func utility(_ package: [Int]) -> Double {
                        var total = 0.0
                        for j in package.indices where !tables[j].isEmpty { total += preference.weights[j] * tables[j][package[j]] }
                        for interaction in preference.interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
                            total += interaction.value
                        }
                        return total
                    }
                    for (p, package) in candidates.enumerated() { utilities[(slot * n + i) * count + p] = utility(package) }
                    disagreement[slot * n + i] = scenario.disagreement == .statusQuo ? utility(statusQuo) : drawn.parties[i].reservation
                    power[slot * n + i] = drawn.parties[i].power
                }
            }
        }
        for (slot, k) in range.enumerated() {
            let d = Array(disagreement[(slot * n)..<((slot + 1) * n)]), p = Array(power[(slot * n)..<((slot + 1) * n)])
            utilities.withUnsafeBufferPointer { u in
                select(sample: k, utilities: UnsafeBufferPointer(rebasing: u[(slot * n * count)..<((slot + 1) * n * count)]), disagreement: d, power: p, into: &totals)
            }
        }
    }

    /// Draw `k`'s Nash and Kalai–Smorodinsky solutions from its utilities (`u[i * P + p]`).
    ///
    /// The Nash objective `Σ p_i log g_i` is ranked by the Nash product itself, `Π g_i^p_i`, which
    /// the expected product needs anyway: the gains of parties with power 1 multiplied, the others
    /// through one `exp` of their `p_i log g_i` (no logarithm at all when every power is 1).
    /// With equal powers `p` the key is `Π g_i` (the product is its `p`-th power). A tie within
    /// `tieTolerance` on the objective is a key within the factor `exp(−tolerance / p)` of the
    /// best. With more than `productParties` parties products can leave the range of a double:
    /// the key is then the objective, logarithms summed.
    private func select(sample k: Int, utilities u: UnsafeBufferPointer<Double>, disagreement d: [Double], power: [Double], into totals: inout MonteCarloTotals) {
        let count = candidates.count
        let tolerance = SolverSettings().tieTolerance
        var nashKey = [Double](repeating: -.infinity, count: count)
        var span = [Double](repeating: -.infinity, count: n)
        var anyAcceptable = false
        let logarithms = n > Self.productParties
        let equalPowers = !logarithms && power.allSatisfy { $0 == power[0] }, unitPowers = equalPowers && power[0] == 1
        let powered = (0..<n).filter { power[$0] != 1 }
        for p in 0..<count {
            var acceptable = true, eligible = true, product = 1.0
            for i in 0..<n {
                let gain = u[i * count + p] - d[i]
                if gain < 0 { acceptable = false }
                if !(gain > 0) { eligible = false }
                product *= gain
            }
            guard acceptable else { continue }
            anyAcceptable = true
            totals.acceptable[p] += 1
            for i in 0..<n { span[i] = max(span[i], u[i * count + p] - d[i]) }
            guard eligible else { continue }
            if logarithms {
                var score = 0.0
                for i in 0..<n { score += power[i] * Foundation.log(u[i * count + p] - d[i]) }
                nashKey[p] = score
                totals.products[p] &+= Self.fixedPoint(Foundation.exp(score), capped: &totals.productsCapped)
            } else if equalPowers {
                nashKey[p] = product
                totals.products[p] &+= Self.fixedPoint(unitPowers ? product : Foundation.pow(product, power[0]), capped: &totals.productsCapped)
            } else {
                var unit = 1.0, exponent = 0.0
                for i in 0..<n where power[i] == 1 { unit *= u[i * count + p] - d[i] }
                for i in powered { exponent += power[i] * Foundation.log(u[i * count + p] - d[i]) }
                let nashProduct = unit * Foundation.exp(exponent)
                nashKey[p] = nashProduct
                totals.products[p] &+= Self.fixedPoint(nashProduct, capped: &totals.productsCapped)
            }
        }
        if anyAcceptable { totals.agreementZones += 1 }
        let bestNash = nashKey.max() ?? -.infinity
        let threshold = logarithms ? bestNash - tolerance : bestNash * Foundation.exp(-tolerance / (equalPowers ? power[0] : 1))
        let nash = choose(.nash, keys: nashKey, from: threshold, utilities: u, disagreement: d, power: power)
        var ksKey = [Double](repeating: -.infinity, count: count)
        if anyAcceptable {
            for p in 0..<count {
                var acceptable = true, score = Double.infinity
                for i in 0..<n {
                    let gain = u[i * count + p] - d[i]
                    if gain < 0 { acceptable = false; break }
                    score = min(score, span[i] > 0 ? gain / span[i] : 1)
                }
                if acceptable { ksKey[p] = score }
            }
        }
        let bestKS = ksKey.max() ?? -.infinity
        let ks = choose(.kalaiSmorodinsky, keys: ksKey, from: bestKS - tolerance * abs(bestKS), utilities: u, disagreement: d,
                        power: power, ideal: zip(d, span).map { $0 + $1 })
        if let nash { totals.nash[nash] += 1 }
        if let ks { totals.ks[ks] += 1 }
        totals.samples.append(k)
        for i in 0..<n { totals.utilities.append(nash.map { u[i * count + $0] } ?? d[i]) }
        totals.nashChoice.append(Int32(nash ?? -1))
        totals.ksChoice.append(Int32(ks ?? -1))
    }

    /// Up to this many parties the Nash key is a product (see `select`).
    static let productParties = 8

    /// A Nash product in fixed point (units of 2^-60), at most 2^100 (a product of 2^40): with up
    /// to 10^7 draws the sums stay below 2^124. Larger products are capped (`capped`).
    static func fixedPoint(_ product: Double, capped: inout Bool) -> UInt128 {
        let scaled = product / fixedPointUnit
        guard scaled.isFinite, scaled < 0x1p100 else {
            capped = true
            return UInt128(1) << 100
        }
        guard scaled > 0 else { return 0 }
        // UInt64's conversion is one instruction; UInt128's a generic routine (13% of a run).
        if scaled < 0x1p64 { return UInt128(UInt64(scaled)) }
        // scaled ≥ 2^64 has a unit in the last place of 2^12 or more: both parts are exact.
        let high = (scaled * 0x1p-64).rounded(.down)
        return UInt128(UInt64(high)) << 64 | UInt128(UInt64(scaled - high * 0x1p64))
    }

    /// The candidate `concept` selects among those whose key (an objective, or with equal Nash
    /// powers the product of gains) is at least `threshold` — the best within the tie tolerance —
    /// by Accord's selection rule on them (`SolutionSelector`); `nil` when none has a key.
    private func choose(_ concept: SolutionConcept, keys: [Double], from threshold: Double, utilities u: UnsafeBufferPointer<Double>,
                        disagreement d: [Double], power: [Double], ideal: [Double]? = nil) -> Int? {
        guard let best = keys.max(), best > -.infinity else { return nil }
        let tied = keys.indices.filter { keys[$0] >= min(threshold, best) }
        guard tied.count > 1 else { return tied.first }
        let count = candidates.count
        let selector = SolutionSelector(
            utilities: tied.flatMap { p in (0..<n).map { u[$0 * count + p] } }, disagreement: d, power: power) { tied[$0] < tied[$1] }
        return selector.select(concept, ideal: ideal).map { tied[$0] }
    }
}
