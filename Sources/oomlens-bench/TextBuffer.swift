/// A growing byte buffer that generated log text is appended to, without going through `String`.
///
/// The generator builds whole chunks of lines here and writes them out in one `write(2)` each.
struct TextBuffer {
    /// The bytes appended so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes in the buffer.
    var count: Int { bytes.count }

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    mutating func append(_ text: ArraySlice<UInt8>) {
        bytes.append(contentsOf: text)
    }

    mutating func append(string text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ other: TextBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends `count` copies of `byte`.
    mutating func append(repeating byte: UInt8, count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(byte, count: count)) }
    }

    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `value` in decimal.
    mutating func appendDecimal(_ value: Int) {
        appendDecimal(value, width: 0)
    }

    /// Appends `value` in decimal, right-aligned with spaces to at least `width` characters (like `%5d`).
    mutating func appendDecimal(_ value: Int, width: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch space
        withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var position = scratch.count
            repeat {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "-")
            }
            let length = scratch.count - position
            append(repeating: UInt8(ascii: " "), count: width - length)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[position...]))
        }
    }

    /// Appends `value` in decimal with leading zeros to exactly `digits` digits (`value` must fit).
    mutating func appendZeroPadded(_ value: Int, digits: Int) {
        var divisor = 1
        for _ in 1..<max(digits, 1) { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends `value` in lowercase hexadecimal with leading zeros to `digits` digits.
    mutating func appendHex(_ value: UInt64, digits: Int) {
        let alphabet: StaticString = "0123456789abcdef"
        alphabet.withUTF8Buffer { hex in
            var shift = (digits - 1) * 4
            while shift >= 0 {
                bytes.append(hex[Int((value >> UInt64(shift)) & 0xF)])
                shift -= 4
            }
        }
    }

    /// Appends `value` in lowercase hexadecimal without leading zeros.
    mutating func appendHex(_ value: UInt64) {
        var digits = 1
        while digits < 16 && (value >> UInt64(digits * 4)) != 0 { digits += 1 }
        appendHex(value, digits: digits)
    }
}
