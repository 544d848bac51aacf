import Accord
import AccordModel
import Foundation
import Testing

/// `numberText` against Foundation's `%.15g` (the independent oracle) wherever the shortest
/// representation needs more than 15 digits, and the shortest form everywhere else.
@Suite struct NumberFormattingTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func longDigitStringsMatchPrintfRounding(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var compared = 0
        for draw in 0..<60_000 {
            let value: Double
            switch draw % 3 {
            case 0: value = Double(bitPattern: generator.next())  // any exponent, NaN and ∞ included
            case 1: value = (Double(generator.next() >> 11) / 9_007_199_254_740_992 - 0.5) * 2_000
            default:
                let scale = pow(10, Double(Int(generator.next() % 41) - 20))
                value = Double(generator.next() >> 11) / 9_007_199_254_740_992 * scale
            }
            guard value.isFinite, value != value.rounded() || abs(value) >= 9_007_199_254_740_992 else { continue }
            let digits = value.description.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }.count
            let expected = digits <= 15 ? value.description : String(format: "%.15g", value)
            #expect(numberText(value) == expected, "seed \(seed), value \(value.bitPattern)")
            if digits > 15 { compared += 1 }
        }
        #expect(compared > 20_000)
    }

    @Test func roundingCarriesAndTies() {
        // 0.99999999999999989 (16 nines and more) rounds up to 1 at 15 digits; printf agrees.
        for value in [0.9999999999999999, 9.999999999999999e22, 1.0000000000000002, 0.1 + 0.2, 1e-7 / 3, 123456789012345.67] {
            #expect(numberText(value) == String(format: "%.15g", value), "\(value)")
        }
    }

    /// JSON output writes whole numbers digit by digit: the text must be `String(Int64(value))`
    /// (the oracle: Swift's integer printing) around every power of ten and sign, and
    /// `numberText` elsewhere (fractions, ≥ 10^15, non-finite → null).
    @Test func jsonWritesWholeNumbersAsIntegers() {
        var wholes: [Double] = [0, -0.0, 1, 9]
        var power = 10.0
        while power <= 1e16 {
            wholes += [power - 1, power, power + 1, -(power - 1), -power]
            power *= 10
        }
        for value in wholes {
            let expected = abs(value) < 9_007_199_254_740_992 ? String(Int64(value)) : numberText(value)
            #expect(JSONValue.number(value).rendered() == expected + "\n", "\(value)")
        }
        for value in [0.5, -2.25, 1e-300, 123456789012345.67, 1e15 + 0.5, .nan, .infinity] {
            #expect(JSONValue.number(value).rendered() == numberText(value) + "\n", "\(value)")
        }
    }
}
