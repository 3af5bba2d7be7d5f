/// The JSON text of scalars, appended to a byte buffer: the one place both ``JSONStreamWriter`` and
/// ``JSONDirectWriter`` format numbers and escape strings, so the two write the same bytes.
extension Array where Element == UInt8 {
    /// Appends the decimal digits of `value`.
    @inline(__always)
    mutating func appendJSONInteger(_ value: Int64) {
        appendJSONInteger(magnitude: value.magnitude, negative: value < 0)
    }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    mutating func appendJSONInteger(_ value: UInt64) {
        appendJSONInteger(magnitude: value, negative: false)
    }

    /// Appends the decimal digits of `magnitude`, after a `-` when `negative`.
    mutating func appendJSONInteger(magnitude: UInt64, negative: Bool) {
        if negative { append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        var count = 0
        Swift.withUnsafeMutableBytes(of: &digits) { out in
            var rest = magnitude
            repeat {
                count += 1
                out[24 - count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: out[(24 - count)...]))
        }
    }

    /// Appends `value` as Swift prints it, without a trailing `.0`; a value that is not finite is an error.
    mutating func appendJSONNumber<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        append(contentsOf: text.utf8)
    }

    /// Appends `value` quoted, with `"`, `\` and the control characters escaped (and nothing else).
    mutating func appendJSONString(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                appendJSONEscape(byte)
                runStart = i + 1
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        append(UInt8(ascii: "\""))
    }

    private mutating func appendJSONEscape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: append(0x22)
        case 0x5C: append(0x5C)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            append(contentsOf: "u00".utf8)
            append(hex[Int(byte >> 4)])
            append(hex[Int(byte & 0x0F)])
        }
    }
}
