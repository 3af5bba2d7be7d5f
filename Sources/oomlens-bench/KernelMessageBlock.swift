/// The kernel messages of one multi-line kernel event (an OOM report, a hung-task trace), before the syslog
/// prefix is added.
///
/// Each line is either a new printk record (it gets its own, slightly later `[uptime]` stamp) or a continuation
/// of the previous record (a multi-line printk such as the Mem-Info counters; same stamp, as rsyslog prints it).
struct KernelMessageBlock {
    /// The message text of all lines, without prefixes or newlines.
    private(set) var text = TextBuffer(capacity: 16 * 1024)
    /// Where each line ends in `text`, and whether it continues the previous record.
    private(set) var lines: [(end: Int, continuesRecord: Bool)] = []

    /// Adds a line that starts a new printk record; `write` appends its text.
    mutating func line(_ write: (inout TextBuffer) -> Void) {
        write(&text)
        lines.append((text.count, false))
    }

    /// Adds a line printed by the same printk call as the line before it.
    mutating func continuation(_ write: (inout TextBuffer) -> Void) {
        write(&text)
        lines.append((text.count, true))
    }

    /// Adds a fixed line that starts a new record.
    mutating func line(_ fixed: StaticString) {
        line { $0.append(fixed) }
    }

    /// Adds a fixed line that starts a new record.
    mutating func line(string fixed: String) {
        line { $0.append(string: fixed) }
    }

    /// The text of line `index`.
    func lineText(_ index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : lines[index - 1].end
        return text.bytes[start..<lines[index].end]
    }
}
