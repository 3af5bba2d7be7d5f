/// A byte buffer that JSON text is appended to: a `[UInt8]` (``JSONStreamWriter``) or ``JSONDirectWriter``.
protocol JSONByteSink {
    mutating func appendJSONByte(_ byte: UInt8)
    mutating func appendJSONBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    mutating func appendJSONByte(_ byte: UInt8) { append(byte) }

    @inline(__always)
    mutating func appendJSONBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// The JSON text of scalars, appended to a byte buffer: the one place both ``JSONStreamWriter`` and
/// ``JSONDirectWriter`` format numbers and escape strings, so the two write the same bytes.
extension JSONByteSink {
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
        if negative { appendJSONByte(UInt8(ascii: "-")) }
        if magnitude < 10 {
            appendJSONByte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        var divisor: UInt64 = 10
        while magnitude / divisor >= 10 { divisor &*= 10 }  // at most 10^19, the place of UInt64.max's first digit
        repeat {
            appendJSONByte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// Appends `value` as Swift prints it, without a trailing `.0`; a value that is not finite is an error.
    mutating func appendJSONNumber<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { appendJSONBytes($0) }
    }

    /// Appends `value` quoted, with `"`, `\` and the control characters escaped (and nothing else).
    mutating func appendJSONString(_ value: String) {
        appendJSONByte(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                appendJSONBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                appendJSONEscape(byte)
                runStart = i + 1
            }
            appendJSONBytes(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        appendJSONByte(UInt8(ascii: "\""))
    }

    private mutating func appendJSONEscape(_ byte: UInt8) {
        appendJSONByte(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: appendJSONByte(0x22)
        case 0x5C: appendJSONByte(0x5C)
        case 0x08: appendJSONByte(UInt8(ascii: "b"))
        case 0x0C: appendJSONByte(UInt8(ascii: "f"))
        case 0x0A: appendJSONByte(UInt8(ascii: "n"))
        case 0x0D: appendJSONByte(UInt8(ascii: "r"))
        case 0x09: appendJSONByte(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            appendJSONByte(UInt8(ascii: "u"))
            appendJSONByte(UInt8(ascii: "0"))
            appendJSONByte(UInt8(ascii: "0"))
            appendJSONByte(hex[Int(byte >> 4)])
            appendJSONByte(hex[Int(byte & 0x0F)])
        }
    }
}
