import AccordOptimize

/// The linear programs of the least core and of the nucleolus (Maschler, Peleg and Shapley
/// 1979), solved by constraint generation over the `2^n − 2` proper coalitions.
///
/// A stage is
///
///     maximize t  subject to  x(N) = v(N),
///                             x(S) = v(S) + t_S       for the fixed coalitions S (earlier stages),
///                             x(S) − t ≥ v(S)         for the other coalitions,
///                             x_i ≥ v({i})            (imputations only),
///
/// where `−t` is the largest excess `e(S, x) = v(S) − x(S)` over the coalitions not yet fixed.
/// Only a working set of the `x(S) − t ≥ v(S)` rows is in the LP: after each solve every
/// coalition's excess at the LP's `x` is scanned (O(2^n) by subset sums), the most violated
/// rows join, and the LP is solved again, until none is violated (then the optimum is the
/// full stage's). A coalition whose `1_S` is in the span of the fixed ones (and `1_N`) has a
/// constant excess on the stage's feasible set and is dropped.
struct ExcessProgram {
    enum Status: UInt8 { case free, working, fixed, dropped }

    let game: TransferableUtilityGame
    let n: Int
    let imputations: Bool
    let tolerance: Double
    var status: [Status]
    var working: [Int] = []
    var fixed: [(bits: Int, slack: Double)] = []
    var span: CoalitionSpan<Double>
    var linearPrograms = 0

    /// How many violated coalitions join the working set per scan.
    var batch: Int { 4 * n + 20 }

    init(_ game: TransferableUtilityGame, imputations: Bool) {
        self.game = game
        n = game.playerCount
        self.imputations = imputations
        tolerance = 1e-9 * game.valueScale
        let count = 1 << n
        status = [Status](repeating: .free, count: count)
        status[0] = .dropped
        status[count - 1] = .dropped
        span = CoalitionSpan(playerCount: n)
        span.add(game.grandCoalition)
        // Small games: every row from the start; larger: singletons and their complements.
        let start = n <= 10 ? Array(1..<(count - 1)) : (0..<n).flatMap { [1 << $0, (count - 1) ^ (1 << $0)] }
        for bits in start where status[bits] == .free {
            status[bits] = .working
            working.append(bits)
        }
    }

    struct StageOptimum {
        var t: Double
        var x: [Double]
        /// `|dual|` of each working row, in `working` order.
        var duals: [Double]
    }

    /// Builds and solves the stage LP over the current working set.
    mutating func solveWorkingSet(exact: Bool = false) -> Result<StageOptimum, GameSolverError> {
        var lp = LinearProgram(sense: .maximize)
        do {
            for i in 0..<n {
                let bounds: LinearProgram.Bounds = imputations ? .lower(game.value(Coalition(bits: 1 << UInt64(i)))) : .free
                try lp.addColumn(bounds)
            }
            let tColumn = try lp.addColumn(.free, objective: 1)
            func terms(_ bits: Int) -> [LinearProgram.Term] {
                Coalition(bits: UInt64(bits)).members.map { LinearProgram.Term($0, 1) }
            }
            try lp.addRow(terms((1 << n) - 1), .fixed(game.value(game.grandCoalition)))
            for (bits, slack) in fixed {
                try lp.addRow(terms(bits), .fixed(game.values[bits] + slack))
            }
            for bits in working {
                try lp.addRow(terms(bits) + [LinearProgram.Term(tColumn, -1)], .lower(game.values[bits]))
            }
        } catch {
            return .failure(.solver("the stage LP was refused: \(error)"))
        }
        var settings = LinearProgram.Settings()
        settings.exact = exact
        settings.method = .dual
        let solution = lp.solve(settings)
        linearPrograms += 1
        guard solution.status == .optimal, solution.x.count == n + 1, solution.rowDuals.count == lp.rowCount else {
            return .failure(.solver("a stage LP ended \(solution.status)"))
        }
        let first = 1 + fixed.count
        let duals = working.indices.map { abs(solution.rowDuals[first + $0]) }
        return .success(StageOptimum(t: solution.x[n], x: Array(solution.x[0..<n]), duals: duals))
    }

    /// One stage, with constraint generation until no free coalition is violated.
    mutating func solveStage() -> Result<StageOptimum, GameSolverError> {
        while true {
            let optimum: StageOptimum
            switch solveWorkingSet() {
            case .success(let o): optimum = o
            case .failure(let e): return .failure(e)
            }
            let sums = TransferableUtilityGame.coalitionSums(optimum.x)
            var violated: [(violation: Double, bits: Int)] = []
            let values = game.values
            for bits in 1..<(sums.count - 1) where status[bits] == .free {
                let violation = values[bits] - sums[bits] + optimum.t
                if violation > tolerance { violated.append((violation, bits)) }
            }
            if violated.isEmpty { return .success(optimum) }
            violated.sort { $0.violation > $1.violation }
            var added = 0
            for (_, bits) in violated {
                if added >= batch { break }
                if span.contains(Coalition(bits: UInt64(bits))) {
                    status[bits] = .dropped
                } else {
                    status[bits] = .working
                    working.append(bits)
                    added += 1
                }
            }
        }
    }

    /// Fixes the working coalitions with a nonzero dual at `optimum` (tight at every optimum, by
    /// complementary slackness) — at least the one of the largest dual — at slack `t`, drops those
    /// that became spanned, and makes sure every unspanned singleton is in the working set (which
    /// keeps the next stage bounded).
    mutating func fixTight(_ optimum: StageOptimum) {
        let order = optimum.duals.indices.sorted { optimum.duals[$0] > optimum.duals[$1] }
        var leaving = Set<Int>()
        for (rank, k) in order.enumerated() where rank == 0 || optimum.duals[k] > 1e-9 {
            let bits = working[k]
            leaving.insert(bits)
            if span.add(Coalition(bits: UInt64(bits))) {
                status[bits] = .fixed
                fixed.append((bits, optimum.t))
            } else {
                status[bits] = .dropped
            }
        }
        var kept: [Int] = []
        for bits in working where !leaving.contains(bits) {
            if span.contains(Coalition(bits: UInt64(bits))) { status[bits] = .dropped } else { kept.append(bits) }
        }
        working = kept
        for i in 0..<n where status[1 << i] == .free && !span.contains(Coalition(bits: 1 << UInt64(i))) {
            status[1 << i] = .working
            working.append(1 << i)
        }
    }
}

/// Why a nucleolus or core computation has no answer.
public enum GameSolverError: Error, Sendable, Equatable {
    /// `v(N) < Σ v({i})`: there is no imputation, so no nucleolus over imputations.
    case noImputation
    /// GLPK gave no optimum (numerical trouble); the text says what happened.
    case solver(String)
}
