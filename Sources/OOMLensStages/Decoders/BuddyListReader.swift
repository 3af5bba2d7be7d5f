import OOMLensSinkAPI

/// Reads the tokens of a buddy list (`<count>*<size>kB[ (<letters>)] … = <total>kB`) incrementally, so that
/// fragments printed on lines of their own continue where the line before stopped.
struct BuddyListReader {
    /// What has been read so far.
    private(set) var buddy = OOMEvent.Buddy()
    private var types: [String?] = []
    private var sawTypes = false
    /// Σ count × size, or `nil` after an overflow.
    private var sum: Int64? = 0
    /// True after `=` whose total is still to come.
    private var awaitingTotal = false
    /// A `count*` pair whose size was cut off by a stray space (`4*5 12kB`): the count and the size digits.
    private var brokenPair: (count: Int64, sizeDigits: Substring)?

    /// True when at least one pair was read.
    var hasPairs: Bool { !buddy.counts.isEmpty }

    /// The buddy as read so far, with types and the total check filled in.
    var result: OOMEvent.Buddy {
        var result = buddy
        if sawTypes { result.types = types }
        if let total = result.total_kb, let sum, total != sum { result.total_mismatch = true }
        return result
    }

    /// Reads the tokens of `text`.
    mutating func read(_ text: Substring) {
        for token in TextParsing.tokens(text) {
            read(token: token)
        }
    }

    private mutating func read(token: Substring) {
        if let pair = brokenPair {
            brokenPair = nil
            if let size = TextParsing.kilobytes(Substring(String(pair.sizeDigits) + token)) {
                add(count: pair.count, size: size)
                return
            }
        }
        if awaitingTotal {
            awaitingTotal = false
            if let total = TextParsing.kilobytes(token) {
                buddy.total_kb = total
                return
            }
        }
        let utf8 = token.utf8
        let shape: TokenShape? = utf8.withContiguousStorageIfAvailable { Self.shape(of: $0) }
        switch shape ?? Self.shape(of: Array(utf8)) {
        case .equals:
            awaitingTotal = true
        case .types:
            // More than two characters, as the kernel prints them (a combining mark can join the bracket).
            guard utf8.allSatisfy({ $0 < 0x80 }) || token.count > 2 else { return }
            if !types.isEmpty {
                types[types.count - 1] = String(token.dropFirst().dropLast())
                sawTypes = true
            }
        case .pair(let count, let size):
            add(count: count, size: size)
        case .brokenPair(let count, let sizeStart):
            brokenPair = (count, token[utf8.index(utf8.startIndex, offsetBy: sizeStart)...])
        case .other:
            break
        }
    }

    /// What one token of a buddy list is.
    private enum TokenShape {
        case equals
        case types
        case pair(count: Int64, size: Int64)
        /// `count*digits` with the unit cut off; the digits start at this byte offset.
        case brokenPair(count: Int64, sizeStart: Int)
        case other
    }

    private static func shape<Bytes: RandomAccessCollection<UInt8>>(of b: Bytes) -> TokenShape where Bytes.Index == Int {
        let n = b.count
        guard n > 0 else { return .other }
        let first = b[b.startIndex]
        let last = b[b.startIndex + n - 1]
        if n == 1, first == UInt8(ascii: "=") { return .equals }
        if n > 2, first == UInt8(ascii: "("), last == UInt8(ascii: ")") { return .types }
        guard let star = b.firstIndex(of: UInt8(ascii: "*")),
              let count = TextParsing.decimal(b[b.startIndex..<star])
        else { return .other }
        let size = b[(star + 1)...]
        if size.count > 2, last == UInt8(ascii: "B"),
           b[b.endIndex - 2] == UInt8(ascii: "k") || b[b.endIndex - 2] == UInt8(ascii: "K")
        {
            if let kb = TextParsing.decimal(size.dropLast(2)) { return .pair(count: count, size: kb) }
            return .other
        }
        if !size.isEmpty, size.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .brokenPair(count: count, sizeStart: star + 1 - b.startIndex)
        }
        return .other
    }

    private mutating func add(count: Int64, size: Int64) {
        buddy.counts.append(count)
        types.append(nil)
        if buddy.page_kb == nil { buddy.page_kb = size }
        sum = sum.flatMap { partial in
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            let (total, overflowSum) = partial.addingReportingOverflow(product)
            return overflowSum ? nil : total
        }
    }
}
