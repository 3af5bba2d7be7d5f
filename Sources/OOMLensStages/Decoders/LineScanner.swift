/// A cursor over one kernel message, for the decoders' left-to-right parsing.
///
/// Every read either consumes what it returns or leaves the cursor where it was, so a decoder can try a form
/// and fall back to another. Nothing here traps on malformed input: a failed read returns `nil`. The cursor
/// moves over UTF-8 bytes; the literals it matches are ASCII.
struct LineScanner {
    /// The whole message.
    let text: Substring
    /// Where the next read starts.
    var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.position = text.startIndex
    }

    /// The part not read yet.
    var rest: Substring { text[position...] }

    private var bytes: Substring.UTF8View { text.utf8 }

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while position < bytes.endIndex, bytes[position] == 0x20 || bytes[position] == 0x09 {
            position = bytes.index(after: position)
        }
    }

    /// Consumes the ASCII `literal` when the rest starts with it.
    mutating func skip(_ literal: String) -> Bool {
        guard text[position...].hasBytePrefix(literal) else { return false }
        position = bytes.index(position, offsetBy: literal.utf8.count)
        return true
    }

    /// Reads a decimal integer with an optional leading `-`.
    mutating func readInteger() -> Int64? {
        var end = position
        if end < bytes.endIndex, bytes[end] == 0x2D { end = bytes.index(after: end) }
        let digitsStart = end
        while end < bytes.endIndex, bytes[end] >= 0x30, bytes[end] <= 0x39 { end = bytes.index(after: end) }
        guard end > digitsStart, let value = TextParsing.decimal(bytes[position..<end]) else { return nil }
        position = end
        return value
    }

    /// Reads `0x` followed by hex digits and returns them with the `0x`.
    mutating func readHexLiteral() -> Substring? {
        guard bytes[position...].starts(with: "0x".utf8) || bytes[position...].starts(with: "0X".utf8) else {
            return nil
        }
        var end = bytes.index(position, offsetBy: 2)
        let digitsStart = end
        while end < bytes.endIndex, Self.isHexDigit(bytes[end]) { end = bytes.index(after: end) }
        guard end > digitsStart else { return nil }
        defer { position = end }
        return text[position..<end]
    }

    /// Reads up to the first occurrence of the ASCII `literal` and consumes the literal too.
    mutating func readUntil(_ literal: String) -> Substring? {
        guard let range = TextParsing.range(of: literal, in: rest) else { return nil }
        let value = text[position..<range.lowerBound]
        position = range.upperBound
        return value
    }

    /// Reads up to the next space or tab (or the end).
    mutating func readToken() -> Substring {
        let start = position
        while position < bytes.endIndex, bytes[position] != 0x20, bytes[position] != 0x09 {
            position = bytes.index(after: position)
        }
        return text[start..<position]
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
}
