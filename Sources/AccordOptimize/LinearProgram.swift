/// A linear program
///
///     maximize or minimize  c·x
///     subject to            rowLower_i ≤ Σ_j a_ij x_j ≤ rowUpper_i   (rows)
///                           columnLower_j ≤ x_j ≤ columnUpper_j       (columns)
///
/// built column by column and row by row, and solved by GLPK (`solve`, in
/// `LinearProgram+GLPK.swift`). Every number is validated when it enters (finite, bounds ordered,
/// column indices in range), so a `LinearProgram` value is always a valid GLPK input: GLPK
/// aborts the process on invalid calls, and these checks are what keeps it from ever seeing one.
///
/// - Complexity: building is O(columns + nonzeros); rows are stored sparse.
public struct LinearProgram: Sendable, Equatable {
    /// Maximize or minimize the objective.
    public enum Sense: Sendable, Equatable {
        case maximize, minimize
    }

    /// The bounds of a column or a row activity. Every stored number is finite and
    /// `lower ≤ upper` (checked by `validated()` when a column or row is added).
    public enum Bounds: Sendable, Equatable {
        /// No bound: `−∞ < v < ∞`.
        case free
        /// `v ≥ lower`.
        case lower(Double)
        /// `v ≤ upper`.
        case upper(Double)
        /// `lower ≤ v ≤ upper` (equal ends are the same as `fixed`).
        case double(Double, Double)
        /// `v = value`.
        case fixed(Double)

        /// The bounds `lower ≤ v ≤ upper`, where either end may be infinite (`−∞` or `+∞` means
        /// no bound on that side); `nil` for a NaN end, `lower > upper`, `lower = +∞` or
        /// `upper = −∞`.
        public init?(lower: Double, upper: Double) {
            guard !lower.isNaN, !upper.isNaN, lower <= upper, lower < .infinity, upper > -.infinity else {
                return nil
            }
            switch (lower.isFinite, upper.isFinite) {
            case (false, false): self = .free
            case (true, false): self = .lower(lower)
            case (false, true): self = .upper(upper)
            case (true, true): self = lower == upper ? .fixed(lower) : .double(lower, upper)
            }
        }

        /// The lower end, `−∞` when there is none.
        public var lowerValue: Double {
            switch self {
            case .free, .upper: -.infinity
            case .lower(let l), .double(let l, _), .fixed(let l): l
            }
        }

        /// The upper end, `+∞` when there is none.
        public var upperValue: Double {
            switch self {
            case .free, .lower: .infinity
            case .upper(let u), .double(_, let u), .fixed(let u): u
            }
        }

        /// `self` when every number is finite and the ends are ordered.
        func validated() throws(InputError) -> Bounds {
            let ok = switch self {
            case .free: true
            case .lower(let v), .upper(let v), .fixed(let v): v.isFinite
            case .double(let l, let u): l.isFinite && u.isFinite && l <= u
            }
            guard ok else { throw .invalidBounds(self) }
            return self
        }
    }

    /// One coefficient `a_ij` of a row, or `c_j` of an objective: `coefficient · x[column]`.
    public struct Term: Sendable, Equatable {
        public var column: Int
        public var coefficient: Double

        public init(_ column: Int, _ coefficient: Double) {
            self.column = column
            self.coefficient = coefficient
        }
    }

    /// A constraint `bounds.lower ≤ Σ terms ≤ bounds.upper`. Its terms are sorted by column,
    /// with repeated columns summed and zero coefficients dropped (the form GLPK requires).
    public struct Row: Sendable, Equatable {
        public let terms: [Term]
        public let bounds: Bounds
    }

    /// What `addColumn`, `addRow` or `setObjective` refused; the program is left unchanged.
    public enum InputError: Error, Sendable, Equatable {
        /// A NaN or infinite end, or `lower > upper`.
        case invalidBounds(Bounds)
        /// A NaN or infinite coefficient (a row's term, or an objective coefficient) on a column.
        case nonFiniteCoefficient(column: Int)
        /// A term names a column that does not exist (yet).
        case columnOutOfRange(Int)
        /// More columns, rows or nonzeros than GLPK accepts (`LinearProgram.maximumSize`).
        case tooLarge
    }

    /// GLPK's limits: at most 100 000 000 rows, 100 000 000 columns and 500 000 000 nonzeros.
    public static let maximumSize = (rows: 100_000_000, columns: 100_000_000, nonzeros: 500_000_000)

    public let sense: Sense
    /// `columnBounds[j]`: the bounds of `x_j`.
    public private(set) var columnBounds: [Bounds] = []
    /// `objective[j]`: `c_j` (0 unless set).
    public private(set) var objective: [Double] = []
    /// `integer[j]`: whether `x_j` must take an integer value (`solveInteger`; `solve` ignores it).
    public private(set) var integer: [Bool] = []
    public private(set) var rows: [Row] = []
    /// The number of stored coefficients over all rows.
    public private(set) var nonzeros = 0

    public init(sense: Sense) {
        self.sense = sense
    }

    public var columnCount: Int { columnBounds.count }
    public var rowCount: Int { rows.count }

    /// Adds a column `x_j` with `bounds` and objective coefficient `objective`; returns `j`.
    @discardableResult
    public mutating func addColumn(_ bounds: Bounds, objective coefficient: Double = 0, integer: Bool = false) throws(InputError) -> Int {
        let checked = try bounds.validated()
        guard coefficient.isFinite else { throw .nonFiniteCoefficient(column: columnCount) }
        guard columnCount < Self.maximumSize.columns else { throw .tooLarge }
        columnBounds.append(checked)
        objective.append(coefficient)
        self.integer.append(integer)
        return columnCount - 1
    }

    /// Adds the row `bounds.lower ≤ Σ terms ≤ bounds.upper`; returns its index. Terms on the same
    /// column are summed.
    ///
    /// - Complexity: O(t log t) for t terms.
    @discardableResult
    public mutating func addRow(_ terms: [Term], _ bounds: Bounds) throws(InputError) -> Int {
        let checked = try bounds.validated()
        let merged = try Self.merged(terms, columns: columnCount)
        let (total, overflow) = nonzeros.addingReportingOverflow(merged.count)
        guard !overflow, total <= Self.maximumSize.nonzeros, rowCount < Self.maximumSize.rows else {
            throw .tooLarge
        }
        rows.append(Row(terms: merged, bounds: checked))
        nonzeros = total
        return rowCount - 1
    }

    /// Sets the objective coefficient `c_column`.
    public mutating func setObjective(_ column: Int, _ coefficient: Double) throws(InputError) {
        guard objective.indices.contains(column) else { throw .columnOutOfRange(column) }
        guard coefficient.isFinite else { throw .nonFiniteCoefficient(column: column) }
        objective[column] = coefficient
    }

    /// `terms` checked against `columns`, sorted by column, repeated columns summed, zeros dropped.
    static func merged(_ terms: [Term], columns: Int) throws(InputError) -> [Term] {
        for term in terms {
            guard (0..<columns).contains(term.column) else { throw .columnOutOfRange(term.column) }
            guard term.coefficient.isFinite else { throw .nonFiniteCoefficient(column: term.column) }
        }
        var result: [Term] = []
        result.reserveCapacity(terms.count)
        for term in terms.sorted(by: { $0.column < $1.column }) {
            if let last = result.last, last.column == term.column {
                result[result.count - 1].coefficient += term.coefficient
            } else {
                result.append(term)
            }
        }
        // A sum of finite numbers can overflow to ±∞.
        for term in result where !term.coefficient.isFinite { throw .nonFiniteCoefficient(column: term.column) }
        return result.filter { $0.coefficient != 0 }
    }
}
