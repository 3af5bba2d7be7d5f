import OOMLensCore

/// Small parsers shared by the decoders: literal search, tokens, trimming, numbers with units.
///
/// Everything works on the UTF-8 bytes: the literals searched for are ASCII, so a byte match always starts
/// and ends on a character boundary, and it is many times faster than the `Character`-based search of the
/// standard library (which these decoders would otherwise run some twenty times per line).
enum TextParsing {
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09

    /// The range of the first occurrence of the ASCII `literal` in `text`.
    static func range(of literal: String, in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { hay in
            var lit = literal
            return lit.withUTF8 { needle in
                ByteMatch.firstIndex(of: needle, in: UnsafeRawBufferPointer(hay))
            }
        }
        if let found {
            guard let offset = found else { return nil }
            let lower = utf8.index(utf8.startIndex, offsetBy: offset)
            return lower..<utf8.index(lower, offsetBy: literal.utf8.count)
        }
        let needle = literal.utf8
        guard let first = needle.first else { return nil }
        var start = utf8.startIndex
        while let candidate = utf8[start...].firstIndex(of: first) {
            if utf8[candidate...].starts(with: needle) {
                return candidate..<utf8.index(candidate, offsetBy: needle.count)
            }
            start = utf8.index(after: candidate)
        }
        return nil
    }

    /// The range of the last occurrence of the ASCII `literal` in `text`.
    static func lastRange(of literal: String, in text: Substring) -> Range<Substring.Index>? {
        let needle = literal.utf8
        guard let first = needle.first else { return nil }
        let haystack = text.utf8
        var end = haystack.endIndex
        while let candidate = haystack[..<end].lastIndex(of: first) {
            if haystack[candidate...].starts(with: needle) {
                return candidate..<haystack.index(candidate, offsetBy: needle.count)
            }
            end = candidate
        }
        return nil
    }

    /// True when `text` holds the ASCII `literal`.
    static func contains(_ literal: String, in text: Substring) -> Bool {
        range(of: literal, in: text) != nil
    }

    /// The index of the first occurrence of the ASCII character `byte`.
    static func index(of byte: UInt8, in text: Substring) -> Substring.Index? {
        text.utf8.firstIndex(of: byte)
    }

    /// The pieces of `text` between occurrences of the ASCII `separator`, empty pieces left out.
    static func split(_ text: Substring, separator: String) -> [Substring] {
        var pieces: [Substring] = []
        var rest = text
        while let range = range(of: separator, in: rest) {
            if range.lowerBound > rest.startIndex { pieces.append(rest[..<range.lowerBound]) }
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(rest) }
        return pieces
    }

    /// The tokens of `text` between spaces and tabs (and `extraSeparator`, when given).
    static func tokens(_ text: Substring, extraSeparator: UInt8? = nil) -> [Substring] {
        var tokens: [Substring] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        var tokenStart: Substring.Index?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == space || byte == tab || byte == extraSeparator {
                if let start = tokenStart {
                    tokens.append(text[start..<index])
                    tokenStart = nil
                }
            } else if tokenStart == nil {
                tokenStart = index
            }
            index = bytes.index(after: index)
        }
        if let start = tokenStart { tokens.append(text[start..<bytes.endIndex]) }
        return tokens
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == space || bytes[start] == tab { start = bytes.index(after: start) }
        while end > start {
            let before = bytes.index(before: end)
            guard bytes[before] == space || bytes[before] == tab else { break }
            end = before
        }
        return text[start..<end]
    }

    /// `123kB` or `123KB` (or a bare `123` when `allowBare`): the number of kB; `nil` for anything else.
    static func kilobytes(_ token: Substring, allowBare: Bool = false) -> Int64? {
        let bytes = token.utf8
        if bytes.count > 2, bytes.last == UInt8(ascii: "B") {
            let k = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
            if k == UInt8(ascii: "k") || k == UInt8(ascii: "K") {
                return decimal(bytes[..<bytes.index(bytes.endIndex, offsetBy: -2)])
            }
        }
        return allowBare ? decimal(bytes[...]) : nil
    }

    /// A decimal integer token (optional sign), or `nil`.
    static func integer(_ token: Substring) -> Int64? {
        decimal(token.utf8[...])
    }

    /// The value of ASCII digits with an optional leading `+` or `-`, as `Int64(_:)` reads them; nil for
    /// anything else or a value that does not fit.
    static func decimal<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int64? {
        var index = bytes.startIndex
        guard index < bytes.endIndex else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
            guard index < bytes.endIndex else { return nil }
        }
        var magnitude: UInt64 = 0
        while index < bytes.endIndex {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            index = bytes.index(after: index)
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// True when the text is one or more ASCII digits.
    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// True when the first character is an ASCII digit.
    static func startsWithDigit(_ text: Substring) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first >= 0x30 && first <= 0x39
    }

    /// `Int(value)` when it fits, for fields the model keeps as `Int`.
    static func int(_ value: Int64?) -> Int? {
        guard let value else { return nil }
        return Int(exactly: value)
    }
}
