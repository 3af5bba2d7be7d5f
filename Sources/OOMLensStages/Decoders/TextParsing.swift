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
        let extra = extraSeparator ?? space
        let utf8 = text.utf8
        let found: [Substring]? = utf8.withContiguousStorageIfAvailable { bytes in
            var tokens: [Substring] = []
            var tokenStart = -1
            var offset = 0
            var index = utf8.startIndex
            func take(_ end: Int) {
                let lower = utf8.index(index, offsetBy: tokenStart - offset)
                let upper = utf8.index(lower, offsetBy: end - tokenStart)
                tokens.append(text[lower..<upper])
                index = upper
                offset = end
            }
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte == space || byte == tab || byte == extra {
                    if tokenStart >= 0 {
                        take(i)
                        tokenStart = -1
                    }
                } else if tokenStart < 0 {
                    tokenStart = i
                }
            }
            if tokenStart >= 0 { take(bytes.count) }
            return tokens
        }
        if let found { return found }
        var tokens: [Substring] = []
        var index = utf8.startIndex
        var tokenStart: Substring.Index?
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == space || byte == tab || byte == extra {
                if let start = tokenStart {
                    tokens.append(text[start..<index])
                    tokenStart = nil
                }
            } else if tokenStart == nil {
                tokenStart = index
            }
            index = utf8.index(after: index)
        }
        if let start = tokenStart { tokens.append(text[start..<utf8.endIndex]) }
        return tokens
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        let cut: (lead: Int, trail: Int)? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
            while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
            return (start, bytes.count - end)
        }
        if let cut {
            if cut.lead == 0 && cut.trail == 0 { return text }
            let lower = utf8.index(utf8.startIndex, offsetBy: cut.lead)
            let upper = utf8.index(utf8.endIndex, offsetBy: -cut.trail)
            return text[lower..<upper]
        }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == space || utf8[start] == tab { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == space || utf8[before] == tab else { break }
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
