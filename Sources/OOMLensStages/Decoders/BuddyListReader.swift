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
        if token == "=" {
            awaitingTotal = true
            return
        }
        if token.hasBytePrefix("("), token.hasByteSuffix(")"), token.count > 2 {
            if !types.isEmpty {
                types[types.count - 1] = String(token.dropFirst().dropLast())
                sawTypes = true
            }
            return
        }
        guard let star = TextParsing.index(of: UInt8(ascii: "*"), in: token),
              let count = TextParsing.integer(token[..<star])
        else { return }
        let sizeText = token[token.index(after: star)...]
        if let size = TextParsing.kilobytes(sizeText) {
            add(count: count, size: size)
        } else if TextParsing.isDigits(sizeText) {
            brokenPair = (count, sizeText)
        }
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
