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
    return digits <= 15 ? shortest : (printfRounded15(shortest) ?? String(format: "%.15g", value))
}

/// The significant digits of a decimal text as Swift prints a double (`-0.0125`, `1e-05`,
/// `1.2345e+20`): `value = ±0.d₁d₂…dₙ × 10^exponent`, `d₁ ≠ 0` (no digits for zero).
struct DecimalDigits {
    var digits: [UInt8] = []
    var exponent = 0
    var negative = false

    /// `nil` for text that is not such a decimal.
    init?(_ text: String) {
        var seenPoint = false
        var utf8 = Array(text.utf8)[...]
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: utf8[(index + 1)...], as: UTF8.self)) else { return nil }
                exponent += e
                break
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                if digits.isEmpty && digit == 0 {
                    if seenPoint { exponent -= 1 }
                } else {
                    digits.append(digit)
                    if !seenPoint { exponent += 1 }
                }
            }
            index += 1
        }
    }
}

/// `String(format: "%.15g", value)` computed from the shortest representation `shortest`
/// (`value.description`; 4× faster than Foundation's formatting, which dominated writing
/// answers with 250,000 shares), or `nil`
/// where that representation has at most 15 digits or the rounding is a decimal tie: a dropped
/// tail of exactly `5` (the binary value may lie on either side of it; printf decides). Outside
/// ties the two agree: if the rounding boundary lay between the shortest representation `S` and
/// the value, the boundary (16 digits) would itself read back to the value and be nearer to it
/// than `S`, which the shortest-nearest choice excludes.
private func printfRounded15(_ shortest: String) -> String? {
    guard let decimal = DecimalDigits(shortest) else { return nil }
    let (digits, negative) = (decimal.digits, decimal.negative)
    var exponent = decimal.exponent
    guard digits.count > 15 else { return nil }
    // Round to 15 digits; a dropped tail of exactly 5 is a tie in the decimal string but not
    // necessarily in the binary value: left to printf.
    let tail = digits[15...]
    guard let first = tail.first, !(first == 5 && tail.dropFirst().allSatisfy({ $0 == 0 })) else { return nil }
    var kept = Array(digits[..<15])
    if first >= 5 {
        var k = 14
        while k >= 0 {
            guard kept[k] == 9 else {
                kept[k] += 1
                break
            }
            kept[k] = 0
            k -= 1
        }
        if k < 0 {  // 999…9 rounded up to 1000…0
            kept.insert(1, at: 0)
            kept.removeLast()
            exponent += 1
        }
    }
    while kept.count > 1 && kept.last == 0 { kept.removeLast() }
    // %g: scientific when the exponent X (value = d.ddd × 10^X) is < −4 or ≥ 15.
    let x = exponent - 1
    var out: [UInt8] = []
    out.reserveCapacity(24)
    if negative { out.append(UInt8(ascii: "-")) }
    let zero = UInt8(ascii: "0")
    if x < -4 || x >= 15 {
        out.append(zero + kept[0])
        if kept.count > 1 {
            out.append(UInt8(ascii: "."))
            for d in kept[1...] { out.append(zero + d) }
        }
        out.append(UInt8(ascii: "e"))
        out.append(x < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = abs(x)
        if magnitude >= 100 { out.append(zero + UInt8(magnitude / 100)) }
        out.append(zero + UInt8(magnitude / 10 % 10))
        out.append(zero + UInt8(magnitude % 10))
    } else if x < 0 {
        out.append(zero)
        out.append(UInt8(ascii: "."))
        for _ in 0..<(-x - 1) { out.append(zero) }
        for d in kept { out.append(zero + d) }
    } else {
        for (k, d) in kept.enumerated() {
            if k == x + 1 { out.append(UInt8(ascii: ".")) }
            out.append(zero + d)
        }
        if kept.count < x + 1 { for _ in kept.count..<(x + 1) { out.append(zero) } }
    }
    return String(decoding: out, as: UTF8.self)
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

/// How a scenario file writes `value`: a text that reads back as exactly `value`, and so as the
/// same exact fraction (`ExactFraction` depends on the double alone). `p/q` (`isFraction`) for a
/// fraction whose denominator, at most 10^6, has a prime factor other than 2 and 5 (`2/7`, where
/// a decimal would need 16 digits); otherwise `numberText(value)` where it reads back as `value`,
/// else the shortest decimal that does (`value.description`, up to 17 digits).
package func scenarioNumberText(_ value: Double) -> (text: String, isFraction: Bool) {
    if let fraction = ExactFraction(value), fraction.denominator <= 1_000_000 {
        var rest = fraction.denominator
        for prime: Int64 in [2, 5] { while rest % prime == 0 { rest /= prime } }
        if rest > 1 { return ("\(fraction.numerator)/\(fraction.denominator)", true) }
    }
    let short = numberText(value)
    return (Double(short) == value || !value.isFinite ? short : value.description, false)
}
