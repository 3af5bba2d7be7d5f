import OOMLensSinkAPI

/// Decodes the memory-cgroup block of a memcg OOM, cgroup v1 and v2 (kernel-oom-report-format.md §3).
///
/// - `Task in %s killed as a result of limit of %s` (2.6.30–4.20), `Memory limit reached of cgroup %s`
/// - `memory: usage %llukB, limit %llukB, failcnt %llu`, and the same shape for `memory+swap:` (→ `memsw`),
///   `kmem:` and `swap:` (v2, 5.3+)
/// - `Memory cgroup stats for %s: cache:NKB rss:NKB …` (3.9–5.2, one line per cgroup of the subtree; each
///   line holds that cgroup's own counters, so they are summed as `name_kb`)
/// - `Memory cgroup stats for %s:` then one `key value` per line (5.3+; the values as printed)
enum MemcgDecoder {
    private static let taskInPrefix = "Task in "
    private static let limitSeparator = " killed as a result of limit of "
    private static let limitReachedPrefix = "Memory limit reached of cgroup "
    private static let statsPrefix = "Memory cgroup stats for "

    /// - Returns: true when `text` is a line of the memcg block (not the stat list that follows the opener).
    static func decode(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        if text.hasBytePrefix(taskInPrefix), let separator = TextParsing.range(of: limitSeparator, in: text) {
            var memcg = event.memcg ?? OOMEvent.Memcg()
            // `Task in  killed as …` (an empty name): the separator's space is the prefix's own.
            let taskStart = text.index(text.startIndex, offsetBy: taskInPrefix.count)
            let task = text[taskStart..<max(taskStart, separator.lowerBound)]
            memcg.task_cgroup = memcg.task_cgroup ?? String(task)
            memcg.oom_cgroup = memcg.oom_cgroup ?? String(TextParsing.trimmed(text[separator.upperBound...]))
            event.memcg = memcg
            return true
        }
        if text.hasBytePrefix(limitReachedPrefix) {
            var memcg = event.memcg ?? OOMEvent.Memcg()
            let cgroup = TextParsing.trimmed(text.dropFirst(limitReachedPrefix.count))
            memcg.oom_cgroup = memcg.oom_cgroup ?? String(cgroup)
            event.memcg = memcg
            return true
        }
        if text.hasBytePrefix(statsPrefix) {
            decodeStatsOpener(text.dropFirst(statsPrefix.count), into: &event, state: &state)
            return true
        }
        return decodeCounter(text, into: &event)
    }

    /// A `key value` line of the memory.stat list (5.3+).
    /// - Returns: true when `text` is one; false ends the list.
    static func decodeStatLine(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        let tokens = TextParsing.tokens(text)
        guard tokens.count == 2, isStatKey(tokens[0]), let value = TextParsing.integer(tokens[1]) else {
            state.inMemcgStatList = false
            return false
        }
        // Taking the value out of the event keeps the dictionary uniquely referenced, so it changes in place.
        var memcg = event.memcg ?? OOMEvent.Memcg()
        if memcg.stats == nil { memcg.stats = [:] }
        event.memcg = nil
        if memcg.stats?[String(tokens[0])] == nil { memcg.stats?[String(tokens[0])] = value }
        event.memcg = memcg
        return true
    }

    /// `usage NkB, limit NkB, failcnt N` after `memory:`, `memory+swap:`, `kmem:` or `swap:`.
    private static func decodeCounter(_ text: Substring, into event: inout OOMEvent) -> Bool {
        guard let colon = TextParsing.index(of: UInt8(ascii: ":"), in: text) else { return false }
        let name = text[..<colon]
        guard name == "memory" || name == "memory+swap" || name == "kmem" || name == "swap" else { return false }
        var scanner = LineScanner(text[text.index(after: colon)...])
        guard scanner.skip(" usage "), let usage = scanner.readInteger(), scanner.skip("kB, limit "),
              let limit = scanner.readInteger(), scanner.skip("kB, failcnt "), let failcnt = scanner.readInteger()
        else { return false }
        var memcg = event.memcg ?? OOMEvent.Memcg()
        let counter = OOMEvent.CounterUsage(usage_kb: usage, limit_kb: limit, failcnt: failcnt)
        switch name {
        case "memory":
            if memcg.usage_kb == nil {
                memcg.usage_kb = usage
                memcg.limit_kb = limit
                memcg.failcnt = failcnt
            }
        case "memory+swap": memcg.memsw = memcg.memsw ?? counter
        case "kmem": memcg.kmem = memcg.kmem ?? counter
        default: memcg.swap = memcg.swap ?? counter
        }
        event.memcg = memcg
        return true
    }

    /// The text after `Memory cgroup stats for `: `<cgroup>:` opens the memory.stat list; `<cgroup>: k:NKB …`
    /// is a one-line v1 record, added to the sums.
    private static func decodeStatsOpener(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) {
        var memcg = event.memcg ?? OOMEvent.Memcg()
        if memcg.stats == nil { memcg.stats = [:] }
        event.memcg = nil  // see decodeStatLine
        if TextParsing.trimmed(text).hasByteSuffix(":") {
            state.inMemcgStatList = true
        } else if let separator = TextParsing.range(of: ": ", in: text) {
            for token in TextParsing.tokens(text[separator.upperBound...]) {
                guard let colon = TextParsing.index(of: UInt8(ascii: ":"), in: token),
                      let kb = TextParsing.kilobytes(token[token.index(after: colon)...])
                else { continue }
                let key = String(token[..<colon]) + "_kb"
                let (sum, overflow) = (memcg.stats?[key] ?? 0).addingReportingOverflow(kb)
                memcg.stats?[key] = overflow ? Int64.max : sum
            }
        }
        event.memcg = memcg
    }

    /// memory.stat keys are lower-case words joined by `_` (`anon`, `workingset_refault_file`, `thp_fault_alloc`).
    private static func isStatKey(_ token: Substring) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || (byte >= 0x30 && byte <= 0x39)
        }
    }
}
