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

    /// Reads the tokens of `text`.
    init(_ text: Substring) {
        let tokens = TextParsing.tokens(text)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "all_unreclaimable?" {
                if index < tokens.count, tokens[index] == "yes" || tokens[index] == "no" {
                    allUnreclaimable = tokens[index] == "yes"
                    index += 1
                } else {
                    unparsed += 1
                }
                continue
            }
            guard let colon = TextParsing.index(of: UInt8(ascii: ":"), in: token), colon > token.startIndex else {
                unparsed += 1
                continue
            }
            let key = String(token[..<colon])
            var value = token[token.index(after: colon)...]
            if value.isEmpty {
                if index < tokens.count, TextParsing.startsWithDigit(tokens[index]) {
                    value = tokens[index]
                    index += 1
                    spacedValues += 1
                } else if index == tokens.count {
                    danglingKey = key
                    continue
                }
            }
            add(key: key, value: value)
        }
    }

    /// Adds one value token for `key`; counts a token that is no number as unparsed.
    mutating func add(key: String, value: Substring) {
        if let kb = TextParsing.kilobytes(value) {
            kilobytes.append((key, kb))
        } else if let count = TextParsing.integer(value) {
            counts.append((key, count))
        } else {
            unparsed += 1
        }
    }
}
