extension Preference {
    /// The option values of every issue, in issue order: a discrete issue's table, empty for an
    /// issue without one (weight 0, or continuous).
    package var tables: [[Double]] {
        values.map { function in
            if case .table(let values)? = function { return values }
            return []
        }
    }
}
