import OOMLensSinkAPI

/// Decodes the task table: the `Tasks state (memory values in pages):` preamble (4.19+), the header, and
/// the rows `[%5d] %5d %5d …  <name>`.
///
/// Columns come from the header actually seen, never from positions, and are split on white space, because
/// wide values overflow their printf widths (`[1833435]`). A row counts only when its pid is in brackets and
/// every column of the header holds an integer, so call-trace lines (`[<c0143fc9>] …`) and damaged rows are
/// dropped. The name is the rest of the line and may hold spaces, parentheses and colons.
enum TaskTableDecoder {
    /// The preamble or a header line.
    /// - Returns: true when `text` is one of them.
    static func decodeHeader(_ text: Substring, state: inout DecodingState) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "T") || first == UInt8(ascii: "[") else { return false }
        // A row (`[  340] …`) has a digit where a header has `pid`.
        if first == UInt8(ascii: "["), text.utf8.dropFirst().first(where: { $0 != 0x20 && $0 != 0x09 }) != UInt8(ascii: "p") {
            return false
        }
        if text.hasBytePrefix("Tasks state (memory values in pages)") {
            state.evidence.tasksStatePreamble = true
            return true
        }
        guard let layout = TaskTableLayout(header: text) else { return false }
        state.taskLayout = layout
        if layout.columns.contains(.pgtablesBytes) { state.evidence.pgtablesBytesColumn = true }
        if layout.columns.contains(.rssAnon) { state.evidence.rssSplitColumns = true }
        return true
    }

    /// A row, read with the columns of the last header.
    /// - Returns: true when `text` is a row.
    static func decodeRow(_ text: Substring, into event: inout OOMEvent, state: DecodingState) -> Bool {
        guard let layout = state.taskLayout else { return false }
        var values: [Int64] = []
        values.reserveCapacity(layout.columns.count)
        // `[pid]`, one integer per column, then the name (which may hold spaces), read from the UTF-8 bytes.
        let parsed: (pid: Int, nameStart: Int, nameEnd: Int)?? = text.utf8.withContiguousStorageIfAvailable { b in
            var i = 0
            func skipSpaces() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
            func token() -> Range<Int> {
                let start = i
                while i < b.count, b[i] != 0x20, b[i] != 0x09 { i += 1 }
                return start..<i
            }
            guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            skipSpaces()
            let pidStart = i
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
            guard i > pidStart, i < b.count, b[i] == UInt8(ascii: "]"),
                  let pidValue = TextParsing.decimal(b[pidStart..<i]), let pid = Int(exactly: pidValue)
            else { return nil }
            i += 1
            for _ in layout.columns {
                skipSpaces()
                guard let value = TextParsing.decimal(b[token()]) else { return nil }
                values.append(value)
            }
            skipSpaces()
            var end = b.count
            while end > i, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
            guard end > i else { return nil }
            return (pid, i, end)
        }
        // Text that is not contiguous UTF-8 (never the assembler's) is read from a native copy.
        guard let found = parsed else { return decodeRow(Substring(String(text)), into: &event, state: state) }
        guard let (pid, nameStart, nameEnd) = found else { return false }
        let utf8 = text.utf8
        let name = text[utf8.index(utf8.startIndex, offsetBy: nameStart)..<utf8.index(utf8.startIndex, offsetBy: nameEnd)]
        return append(pid: pid, name: name, values: values, layout: layout, into: &event)
    }

    /// Adds the row read as a task.
    private static func append(pid: Int, name: Substring, values: [Int64], layout: TaskTableLayout,
                               into event: inout OOMEvent) -> Bool
    {
        var task = OOMEvent.Task(pid: pid, name: String(name))
        for (column, value) in zip(layout.columns, values) {
            switch column {
            case .uid: task.uid = Int(exactly: value)
            case .tgid: task.tgid = Int(exactly: value)
            case .totalVM: task.total_vm_pages = value
            case .rss: task.rss_pages = value
            case .rssAnon: task.rss_anon_pages = value
            case .rssFile: task.rss_file_pages = value
            case .rssShmem: task.rss_shmem_pages = value
            case .nrPtes: task.nr_ptes = value
            case .nrPmds: task.nr_pmds = value
            case .pgtablesBytes: task.pgtables_bytes = value
            case .swapents: task.swapents = value
            case .oomScoreAdj: task.oom_score_adj = Int(exactly: value)
            case .oomAdj: task.oom_adj = Int(exactly: value)
            case .cpu: task.cpu = Int(exactly: value)
            case .other: break
            }
        }
        event.tasks.append(task)
        return true
    }
}
