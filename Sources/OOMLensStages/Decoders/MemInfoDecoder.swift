import OOMLensSinkAPI

/// Decodes the head of the Mem-Info block: the opener, the per-CPU pageset lines (recognised and skipped),
/// the global counters and the per-node lines (kernel-oom-report-format.md §4.1–4.4).
enum MemInfoDecoder {
    /// `Mem-info:` (arch show_mem, up to 2.6.26 on x86) or `Mem-Info:` (generic).
    /// - Returns: true when `text` opens the block.
    static func decodeOpener(_ text: Substring, state: inout DecodingState) -> Bool {
        guard text.hasBytePrefix("Mem-Info:") || text.hasBytePrefix("Mem-info:") else { return false }
        state.inMemInfo = true
        return true
    }

    /// A per-CPU pageset line, which carries nothing the analysis uses:
    /// `CPU %4d: hi:%5d, btch:%4d usd:%4d` (2.6.25–3.19), `CPU %4d: Hot: hi:… Cold: hi:…` (2.6.19–2.6.24),
    /// `cpu %d hot: high %d, batch %d used:%d` and `cpu %d cold: …` (2.6.18).
    static func isPerCPULine(_ text: Substring) -> Bool {
        if text.hasBytePrefix("CPU ") {
            var scanner = LineScanner(text.dropFirst(4))
            scanner.skipSpaces()
            return scanner.readInteger() != nil && scanner.skip(":") && TextParsing.contains("hi:", in: text)
        }
        if text.hasBytePrefix("cpu ") {
            return TextParsing.contains(" hot: ", in: text) || TextParsing.contains(" cold: ", in: text)
        }
        return false
    }

    /// The global counters, `key:N` in pages, possibly over several lines (`active_anon:N inactive_anon:N …`,
    /// 2.6.18 `Active:N inactive:N …`). A line counts only when every token is `key:N` with the number
    /// attached, which keeps register dumps (`R13: 0000…`) out; a single-token line (`free_cma:0`) only
    /// after `Mem-Info:`. The first value of a key wins.
    /// - Returns: true when `text` is a counter line.
    static func decodeCounters(_ text: Substring, into event: inout OOMEvent, state: DecodingState) -> Bool {
        let bag = KeyValueBag(text)
        guard bag.unparsed == 0, bag.spacedValues == 0, bag.kilobytes.isEmpty, bag.allUnreclaimable == nil,
              bag.danglingKey == nil, !bag.counts.isEmpty, state.inMemInfo || bag.counts.count >= 2
        else { return false }
        if event.meminfo == nil { event.meminfo = [:] }
        for (key, value) in bag.counts where event.meminfo?[key] == nil {
            event.meminfo?[key] = value
        }
        return true
    }

    /// A node line `Node %d active_anon:%lukB … all_unreclaimable? %s` (4.8+); `rest` is the text after
    /// `Node N `. A second line for the same node is ignored.
    /// - Returns: true when `rest` holds node counters.
    static func decodeNodeLine(node: Int, rest: Substring, into event: inout OOMEvent,
                               state: inout DecodingState) -> Bool
    {
        let bag = KeyValueBag(rest)
        guard !bag.isEmpty else { return false }
        guard state.nodesSeen.insert(node).inserted else { return true }
        if event.nodes == nil { event.nodes = [] }
        var stats = OOMEvent.NodeStats(node: node)
        apply(bag, to: &stats)
        event.nodes?.append(stats)
        state.previous = .node
        if let key = bag.danglingKey { state.pendingKey = (.node(index: (event.nodes?.count ?? 1) - 1), key) }
        return true
    }

    /// Adds the values of `bag` to `stats` (also used for the second half of a line broken in two).
    static func apply(_ bag: KeyValueBag, to stats: inout OOMEvent.NodeStats) {
        for (key, value) in bag.kilobytes { stats.fields_kb[key] = value }
        if !bag.counts.isEmpty {
            var fields = stats.fields ?? [:]
            for (key, value) in bag.counts { fields[key] = value }
            stats.fields = fields
        }
        if let flag = bag.allUnreclaimable { stats.all_unreclaimable = flag }
    }
}
