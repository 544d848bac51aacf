import Foundation

/// Numbers as scenario files hold them.
enum ScenarioNumber {
    /// `x` rounded to 15 significant digits, the precision scenario files are written with
    /// (`numberText`): an imported scenario and its YAML then hold the same numbers, and
    /// the binary noise of `0.7 / 0.9` or `0.1 · 3` is gone (`0.3`, not `0.30000000000000004`).
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        return Double(String(format: "%.15g", x)) ?? x
    }
}
