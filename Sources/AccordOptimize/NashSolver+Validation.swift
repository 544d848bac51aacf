extension ConcaveProgram {
    /// Checks counts and numbers before any arithmetic: `parties ≥ 1`, one power, disagreement and
    /// constant per party, every number finite, powers `> 0`, every function with `K ≥ 2` points
    /// and strictly increasing `x`; and the settings (positive finite tolerances, `maxIterations ≥ 0`).
    ///
    /// Bounds that admit no point (`lower > upper`, shares that cannot sum to 1) are not errors:
    /// they are the `infeasible` status.
    /// - Complexity: O(size of the program).
    func validateForNash(settings: NashSettings) throws {
        func check(_ condition: Bool, _ field: @autoclosure () -> String, _ reason: @autoclosure () -> String) throws {
            if !condition { throw NashInputError(field: field(), reason: reason()) }
        }
        try check(settings.gapTolerance.isFinite && settings.gapTolerance > 0, "settings.gapTolerance", "must be a positive number")
        try check(
            settings.feasibilityTolerance.isFinite && settings.feasibilityTolerance > 0, "settings.feasibilityTolerance",
            "must be a positive number")
        try check(settings.maxIterations >= 0, "settings.maxIterations", "must be at least 0")
        try check(parties >= 1, "parties", "must be at least 1 (got \(parties))")
        for (name, list) in [("power", power), ("disagreement", disagreement), ("constant", constant)] {
            try check(list.count == parties, name, "has \(list.count) entries for \(parties) parties")
            for (i, v) in list.enumerated() { try check(v.isFinite, "\(name)[\(i)]", "must be a finite number") }
        }
        for (i, v) in power.enumerated() { try check(v > 0, "power[\(i)]", "must be positive (got \(v))") }
        for (k, good) in goods.enumerated() {
            let path = "goods[\(k)]"
            for (name, list) in [("lower", good.lower), ("upper", good.upper)] {
                try check(list.count == parties, "\(path).\(name)", "has \(list.count) entries for \(parties) parties")
                for (i, v) in list.enumerated() { try check(v.isFinite, "\(path).\(name)[\(i)]", "must be a finite number") }
            }
            try check(good.value.count == parties, "\(path).value", "has \(good.value.count) entries for \(parties) parties")
            for (i, f) in good.value.enumerated() { if let f { try f.validate("\(path).value[\(i)]") } }
        }
        for (r, range) in ranges.enumerated() {
            let path = "ranges[\(r)]"
            try check(range.lower.isFinite, "\(path).lower", "must be a finite number")
            try check(range.upper.isFinite, "\(path).upper", "must be a finite number")
            try check(range.value.count == parties, "\(path).value", "has \(range.value.count) entries for \(parties) parties")
            for (i, f) in range.value.enumerated() { if let f { try f.validate("\(path).value[\(i)]") } }
        }
    }
}

extension PiecewiseLinear {
    /// `K ≥ 2` points, `x` and `y` of equal length, finite, `x` strictly increasing.
    func validate(_ path: @autoclosure () -> String) throws {
        // Fast path: nothing to report (the common case; `path` is only built for an error).
        if x.count == y.count, x.count >= 2, x.allSatisfy({ $0.isFinite }), y.allSatisfy({ $0.isFinite }),
            (1..<x.count).allSatisfy({ x[$0] > x[$0 - 1] && slope($0 - 1).isFinite })
        {
            return
        }
        let path = path()
        guard x.count == y.count else {
            throw NashInputError(field: path, reason: "has \(x.count) x and \(y.count) y values")
        }
        guard x.count >= 2 else { throw NashInputError(field: "\(path).x", reason: "needs at least 2 points") }
        for (s, v) in x.enumerated() where !v.isFinite {
            throw NashInputError(field: "\(path).x[\(s)]", reason: "must be a finite number")
        }
        for (s, v) in y.enumerated() where !v.isFinite {
            throw NashInputError(field: "\(path).y[\(s)]", reason: "must be a finite number")
        }
        for s in 1..<x.count where !(x[s] > x[s - 1]) {
            throw NashInputError(field: "\(path).x[\(s)]", reason: "must be greater than x[\(s - 1)] (x strictly increasing)")
        }
        for s in 0..<(x.count - 1) where !slope(s).isFinite {
            throw NashInputError(field: "\(path).x[\(s + 1)]", reason: "is too close to x[\(s)] (infinite slope)")
        }
    }
}
