/// Saturating arithmetic for sizes and counts computed from user-controlled numbers (option
/// counts, package counts, frontier sizes): a result that does not fit in `Int` becomes the
/// nearest representable value instead of trapping. Use it where a count is a measure (progress,
/// size estimates); where an exact value is needed, check with `multipliedReportingOverflow`.
extension Int {
    /// `self · other`, or `Int.max` / `Int.min` (the sign of the exact product) when it does not fit.
    @inlinable
    package func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }

    /// `self + other`, or `Int.max` / `Int.min` (the sign of `other`) when it does not fit.
    @inlinable
    package func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `x` rounded toward zero and clamped to `Int.min...Int.max`; NaN becomes 0.
    @inlinable
    package init(saturating x: Double) {
        if x.isNaN {
            self = 0
        } else if x >= 0x1p63 {
            self = .max
        } else if x < -0x1p63 {
            self = .min
        } else {
            self = Int(x)
        }
    }
}
