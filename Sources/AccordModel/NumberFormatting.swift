import Foundation

// Number formatting shared by every layer's messages and by the writers: one place, so that a
// number reads the same in an error, a report and a file.

/// Integral values below 2^53 print as integers; others in the shortest form that reads
/// back to the same double, cut to 15 significant digits when binary arithmetic left noise
/// behind (`0.7040000000000001` prints as `0.704`).
package func numberText(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
        return String(Int64(value))
    }
    let shortest = value.description
    var digits = 0
    var leading = true
    for byte in shortest.utf8 {
        if byte == UInt8(ascii: "e") { break }
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { continue }
        if leading && byte == UInt8(ascii: "0") { continue }
        leading = false
        digits += 1
    }
    return digits <= 15 ? shortest : String(format: "%.15g", value)
}

/// A number for messages: up to 6 significant digits.
package func formatNumber(_ value: Double) -> String {
    String(format: "%.6g", value)
}

/// 1234567 → "1,234,567".
package func groupedInteger(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return value < 0 ? "-" + result : result
}

/// Package counts: grouped digits below 10^15, scientific notation above.
package func formatCount(_ value: Double) -> String {
    value < 1e15 ? groupedInteger(Int(value)) : String(format: "%.3g", value)
}
