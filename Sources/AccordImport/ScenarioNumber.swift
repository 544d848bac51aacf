import AccordModel
import Foundation

/// Numbers as scenario files hold them.
enum ScenarioNumber {
    /// `x` rounded to 15 significant digits, the precision answers are printed with
    /// (`numberText`): for the breakpoints of a real-valued evaluator, computed in binary, so that
    /// the binary noise of `0.7 / 0.9` or `0.1 · 3` is gone (`0.3`, not `0.30000000000000004`).
    /// Discrete values are exact instead (`quotient`, `affine`).
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        return Double(String(format: "%.15g", x)) ?? x
    }

    /// `a / b` for the fractions `a` and `b` stand for (`ExactFraction`; GENIUS's
    /// `evaluation / max`): the double nearest the exact quotient, which reads back as that
    /// fraction; the binary quotient where a fraction does not fit in 64 bits.
    static func quotient(_ a: Double, _ b: Double) -> Double {
        guard let x = ExactFraction(a), let y = ExactFraction(b), y.numerator != 0 else { return a / b }
        return nearest(Int128(x.numerator) * Int128(y.denominator), Int128(x.denominator) * Int128(y.numerator)) ?? a / b
    }

    /// `offset + slope · t` for the fractions the three stand for (GENIUS's linear evaluator of an
    /// integer issue), the double nearest the exact value; binary where a fraction does not fit.
    static func affine(offset: Double, slope: Double, at t: Int) -> Double {
        guard let c = ExactFraction(offset), let m = ExactFraction(slope) else { return offset + slope * Double(t) }
        // c + m·t = (c.n · m.d + m.n · t · c.d) / (c.d · m.d); every factor below 2^63, t below 2^31.
        let (product, overflow) = (Int128(m.numerator) * Int128(t)).multipliedReportingOverflow(by: Int128(c.denominator))
        let (numerator, sumOverflow) = (Int128(c.numerator) * Int128(m.denominator)).addingReportingOverflow(product)
        guard !overflow, !sumOverflow else { return offset + slope * Double(t) }
        return nearest(numerator, Int128(c.denominator) * Int128(m.denominator)) ?? offset + slope * Double(t)
    }

    /// The double nearest `p / q` (`q ≠ 0`), reduced first, when both then fit in 53 bits (one
    /// correctly rounded division of exact doubles); `nil` otherwise.
    private static func nearest(_ p: Int128, _ q: Int128) -> Double? {
        let divisor = Int128(ExactFraction.gcd(p.magnitude, q.magnitude))
        guard divisor > 0 else { return nil }
        var (p, q) = (p / divisor, q / divisor)
        if q < 0 { (p, q) = (-p, -q) }
        let limit = Int128(1) << 53
        guard p.magnitude <= UInt128(limit), q <= limit else { return nil }
        return Double(Int64(p)) / Double(Int64(q))
    }
}
