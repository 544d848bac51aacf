extension DocumentTree {
    /// The value of a scalar written as a plain decimal (`plainDecimal(_:)`), read from its
    /// bytes; `nil` for any other node or text, which `Field.number()` then reads (and refuses).
    var plainNumber: Double? {
        withScalarBytes(Self.plainDecimal) ?? nil
    }

    /// The points of a piecewise-linear value function written the plain way, a list of
    /// `[x, value]` pairs of plain decimals (`[[0, 0], [1, 0.5]]`), read node by node without a
    /// `Field` for each; `nil` for anything else, which the decoder then reads field by field,
    /// with its messages. Either way the points are the same.
    /// - Complexity: O(size of the list).
    var plainPoints: [ValueFunction.Breakpoint]? {
        let list = storage.nodes[index]
        guard list.kind == .list else { return nil }
        var points: [ValueFunction.Breakpoint] = []
        points.reserveCapacity(Int(list.count))
        for item in Int(list.start)..<Int(list.start + list.count) {
            let pair = storage.nodes[item]
            guard pair.kind == .list, pair.count == 2,
                  let x = DocumentTree(storage: storage, index: Int(pair.start)).plainNumber,
                  let value = DocumentTree(storage: storage, index: Int(pair.start) + 1).plainNumber else { return nil }
            points.append(ValueFunction.Breakpoint(x: x, value: value))
        }
        return points
    }

    /// The value of a UTF-8 text when it is `-?[0-9]+(\.[0-9]+)?` with at most 19 digits, which
    /// read as one integer `m` of at most 2^53, and at most 22 of them after the point: `m` and
    /// `10^k` are then exact doubles, and `±m / 10^k` is one correctly rounded division, the
    /// double nearest the text, as `Double(_:)` reads it (Clinger's fast path). `nil` for any
    /// other text.
    /// - Complexity: O(length of the text).
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var position = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { position = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        /// Where the digits after the point begin, once there is a point.
        var fraction = -1
        while position < bytes.count {
            let digit = bytes[position] &- UInt8(ascii: "0")
            if digit < 10 {
                digits += 1
                // 19 digits stay below 2^64.
                guard digits <= 19 else { return nil }
                mantissa = mantissa * 10 + UInt64(digit)
            } else if bytes[position] == UInt8(ascii: "."), fraction < 0, digits > 0 {
                fraction = position + 1
            } else {
                return nil
            }
            position += 1
        }
        let scale = fraction < 0 ? 0 : bytes.count - fraction
        guard digits > 0, fraction < bytes.count, mantissa <= 1 << 53, scale < exactPowersOfTen.count else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[scale]
        return negative ? -value : value
    }

    /// 10^0 ... 10^22, every power of ten that a double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
