import ArgumentParser

/// A number of packages given on the command line (`--max-enumeration`): a whole number ≥ 1,
/// written as digits (`1000000`), in scientific notation (`1e9`, `2.5e6`) or as a power
/// (`10^9`). It is a `Double` because limits may exceed `Int` (`1e30`); any double above 2^53 is
/// whole.
struct PackageCount: ExpressibleByArgument, Equatable {
    var value: Double

    /// `value` must be finite, whole and ≥ 1; `nil` otherwise.
    init?(_ value: Double) {
        guard value.isFinite, value >= 1, value == value.rounded() else { return nil }
        self.value = value
    }

    /// A default taken from `SolverSettings`, whose documented defaults are in their domain.
    init(setting value: Double) {
        self.value = value
    }

    /// Parses `digits`, `digits[.digits]e[+]digits` or `digits^digits`; no sign, spaces, hex,
    /// `inf` or `nan`.
    init?(argument: String) {
        let parts = argument.split(separator: "^", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard Self.isDecimal(argument), let value = Double(argument) else { return nil }
            self.init(value)
        case 2:
            guard Self.isDigits(parts[0]), Self.isDigits(parts[1]), let base = Double(parts[0]), let exponent = Int(parts[1]) else {
                return nil
            }
            // Exponentiation by squaring: at most 64 steps, exact while every factor fits a
            // double's 53 bits (up to 10^22); an overflow gives infinity, which `init(_:)` refuses.
            var value = 1.0, power = base, remaining = exponent
            while remaining > 0 {
                if remaining & 1 == 1 { value *= power }
                power *= power
                remaining >>= 1
            }
            self.init(value)
        default:
            return nil
        }
    }

    /// Digits, then scientific notation when it is shorter: `1e9`, `2.5e6`, `123456`, `1e30`.
    var defaultValueDescription: String {
        let digits: String
        if value < 9_007_199_254_740_992 {
            digits = String(Int64(value))
        } else {
            // Above 2^53 Swift's shortest round-trip text is already scientific (`1e+30`).
            return value.description.replacingOccurrences(of: "e+", with: "e")
        }
        let significant = digits.reversed().drop { $0 == "0" }.reversed()
        let mantissa = significant.count == 1 ? String(significant) : "\(significant.first ?? "1")." + significant.dropFirst()
        let scientific = "\(mantissa)e\(digits.count - 1)"
        return scientific.count < digits.count ? scientific : digits
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `digits[.digits][(e|E)[+]digits]`.
    private static func isDecimal(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let pieces = lowered.split(separator: "e", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return false }
        let mantissa = pieces[0].split(separator: ".", omittingEmptySubsequences: false)
        guard mantissa.count <= 2, mantissa.allSatisfy(isDigits) else { return false }
        guard pieces.count == 2 else { return true }
        let exponent = pieces[1].hasPrefix("+") ? pieces[1].dropFirst() : pieces[1]
        return isDigits(exponent)
    }
}
