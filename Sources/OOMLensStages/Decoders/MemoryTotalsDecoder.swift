import OOMLensSinkAPI

/// Decodes the tail of the Mem-Info block: hugepages, page cache, swap and the `N pages X` totals
/// (kernel-oom-report-format.md §4.9).
enum MemoryTotalsDecoder {
    /// The text after the number of an `N …` totals line, and the key it gets in `OOMEvent.pages`.
    /// Generic show_mem (2.6.27+), the 2.6.18 x86 arch form and the ARM (≤3.19) form.
    private static let pageLineKeys: [Substring: String] = [
        "pages RAM": "ram",
        "pages of RAM": "ram",
        "pages HighMem/MovableOnly": "highmem",
        "pages HighMem": "highmem",
        "pages of HIGHMEM": "highmem",
        "pages reserved": "reserved",
        "reserved pages": "reserved",
        "pages cma reserved": "cma_reserved",
        "pages shared": "shared",
        "pages non-shared": "nonshared",
        "pages hwpoisoned": "hwpoisoned",
        "pages in pagetable cache": "pagetable_cache",
        "total pagecache pages": "pagecache",
        "pages swap cached": "swap_cached",
        "pages dirty": "dirty",
        "pages writeback": "writeback",
        "pages mapped": "mapped",
        "pages slab": "slab",
        "slab pages": "slab",
        "pages pagetables": "pagetables",
        "free pages": "free",
    ]

    /// `N <phrase>` lines: `N pages RAM`, `N total pagecache pages`, `N pages in swap cache`, …
    /// - Returns: true when `text` is one of them.
    static func decodeCountLine(_ text: Substring, into event: inout OOMEvent) -> Bool {
        var scanner = LineScanner(text)
        guard let count = scanner.readInteger(), scanner.skip(" ") else { return false }
        let phrase = TextParsing.trimmed(scanner.rest)
        if phrase == "pages in swap cache" {
            var swap = event.swap ?? OOMEvent.Swap()
            swap.cache_pages = count
            event.swap = swap
            return true
        }
        guard let key = pageLineKeys[phrase] else { return false }
        if event.pages == nil { event.pages = [:] }
        if event.pages?[key] == nil { event.pages?[key] = count }
        return true
    }

    /// `Free swap  = NkB`, `Total swap = NkB`, the 2.6.18 `Free swap:  NkB`, and the swap cache statistics
    /// (`Swap cache stats: …`, 2.6.18 `Swap cache: …`), which are recognised and skipped.
    /// - Returns: true when `text` is a swap line.
    static func decodeSwapLine(_ text: Substring, into event: inout OOMEvent) -> Bool {
        if text.hasBytePrefix("Swap cache") { return true }
        let isFree = text.hasBytePrefix("Free swap")
        guard isFree || text.hasBytePrefix("Total swap") else { return false }
        var scanner = LineScanner(text.dropFirst(isFree ? 9 : 10))
        scanner.skipSpaces()
        guard scanner.skip("=") || scanner.skip(":") else { return false }
        scanner.skipSpaces()
        let value = TextParsing.kilobytes(scanner.readToken())
        var swap = event.swap ?? OOMEvent.Swap()
        if isFree {
            swap.free_kb = swap.free_kb ?? value
        } else {
            swap.total_kb = swap.total_kb ?? value
        }
        event.swap = swap
        return true
    }

    /// `Node %d hugepages_total=%u hugepages_free=%u hugepages_surp=%u hugepages_size=%lukB`;
    /// `rest` is the text after `Node N `.
    /// - Returns: true when `rest` is a hugepages line.
    static func decodeHugePagesLine(node: Int, rest: Substring, into event: inout OOMEvent) -> Bool {
        guard rest.hasBytePrefix("hugepages_") else { return false }
        var line = OOMEvent.HugePages(node: node)
        for token in TextParsing.tokens(rest) {
            guard let equals = TextParsing.index(of: UInt8(ascii: "="), in: token) else { continue }
            let value = token[token.index(after: equals)...]
            switch token[..<equals] {
            case "hugepages_total": line.total = TextParsing.integer(value)
            case "hugepages_free": line.free = TextParsing.integer(value)
            case "hugepages_surp": line.surp = TextParsing.integer(value)
            case "hugepages_size": line.size_kb = TextParsing.kilobytes(value, allowBare: true)
            default: break
            }
        }
        if event.hugepages == nil { event.hugepages = [] }
        event.hugepages?.append(line)
        return true
    }
}
