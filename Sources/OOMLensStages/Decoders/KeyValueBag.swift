/// The `key:value` tokens of a Mem-Info line (global counters, node line, zone line), read as a bag.
///
/// Rules (kernel-oom-report-format.md §4.4): tokens are separated by white space; the value may follow the
/// colon after one space (`shmem_thp: 0kB`); `kB` and `KB` both mean KiB; a value without a unit is a count
/// (pages or events); `all_unreclaimable? yes|no` is a special token; keys may hold parentheses
/// (`isolated(anon)`). Tokens that fit none of this are counted in `unparsed` and otherwise ignored.
struct KeyValueBag {
    /// `key:NkB` values, in line order.
    var kilobytes: [(key: String, value: Int64)] = []
    /// `key:N` values without a unit, in line order.
    var counts: [(key: String, value: Int64)] = []
    /// The `all_unreclaimable? yes|no` flag, when present.
    var allUnreclaimable: Bool?
    /// A last `key:` with its value cut off by the end of the line (a line broken in two by the transport).
    var danglingKey: String?
    /// The number of tokens that were not `key:value`.
    var unparsed = 0
    /// The number of values written after a space (`shmem_thp: 0kB`).
    var spacedValues = 0

    /// True when nothing was read.
    var isEmpty: Bool { kilobytes.isEmpty && counts.isEmpty && allUnreclaimable == nil }

    /// Reads the tokens of `text`, straight from its UTF-8 bytes.
    init(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ read($0) }) != nil { return }
        var copy = String(text)
        copy.withUTF8 { read($0) }
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        var tokens: [Range<Int>] = []
        tokens.reserveCapacity(32)
        var start = -1
        for i in 0..<bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 {
                if start >= 0 { tokens.append(start..<i) }
                start = -1
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { tokens.append(start..<bytes.count) }

        func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
            range.count == literal.utf8CodeUnitCount
                && zip(bytes[range], UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
                    .allSatisfy { $0 == $1 }
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if equals(token, "all_unreclaimable?") {
                if index < tokens.count, equals(tokens[index], "yes") || equals(tokens[index], "no") {
                    allUnreclaimable = equals(tokens[index], "yes")
                    index += 1
                } else {
                    unparsed += 1
                }
                continue
            }
            guard let colon = bytes[token].firstIndex(of: UInt8(ascii: ":")), colon > token.lowerBound else {
                unparsed += 1
                continue
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.lowerBound..<colon]), as: UTF8.self)
            var value = (colon + 1)..<token.upperBound
            if value.isEmpty {
                if index < tokens.count, bytes[tokens[index].lowerBound] &- 0x30 < 10 {
                    value = tokens[index]
                    index += 1
                    spacedValues += 1
                } else if index == tokens.count {
                    danglingKey = key
                    continue
                }
            }
            add(key: key, value: UnsafeBufferPointer(rebasing: bytes[value]))
        }
    }

    /// Adds one value token for `key`; counts a token that is no number as unparsed.
    mutating func add(key: String, value: UnsafeBufferPointer<UInt8>) {
        if value.count > 2, value[value.count - 1] == UInt8(ascii: "B"),
           value[value.count - 2] == UInt8(ascii: "k") || value[value.count - 2] == UInt8(ascii: "K"),
           let kb = TextParsing.decimal(UnsafeBufferPointer(rebasing: value[..<(value.count - 2)]))
        {
            kilobytes.append((key, kb))
        } else if let count = TextParsing.decimal(value) {
            counts.append((key, count))
        } else {
            unparsed += 1
        }
    }
}
