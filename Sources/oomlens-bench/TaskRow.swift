/// One row of an OOM report's task table, with the cgroup the process lives in.
struct TaskRow: Sendable {
    var pid: Int
    var uid: Int
    var totalVMPages: Int
    var residentAnonPages: Int
    var residentFilePages: Int
    var residentSharedPages: Int
    var pageTableBytes: Int
    var swapEntries: Int
    var oomScoreAdj: Int
    var name: String
    var cgroup: String

    var residentPages: Int { residentAnonPages + residentFilePages + residentSharedPages }

    /// The kernel's badness points (5.1+, §9.4): rss + swap + page tables, plus the adjustment scaled by the
    /// pages the OOM is about. Tasks with adjustment −1000 are never chosen.
    func badness(totalPages: Int) -> Int {
        if oomScoreAdj == -1000 { return Int.min }
        return residentPages + swapEntries + pageTableBytes / 4096 + oomScoreAdj * (totalPages / 1000)
    }

    /// Appends the row as the kernel prints it: `[%7d] %5d %5d %8lu %8lu …         %5hd %s`.
    func append(to text: inout TextBuffer, withRSSBreakdown: Bool) {
        text.append(byte: UInt8(ascii: "["))
        text.appendDecimal(pid, width: 7)
        text.append("] ")
        text.appendDecimal(uid, width: 5)
        text.append(byte: UInt8(ascii: " "))
        text.appendDecimal(pid, width: 5)
        text.append(byte: UInt8(ascii: " "))
        text.appendDecimal(totalVMPages, width: 8)
        text.append(byte: UInt8(ascii: " "))
        text.appendDecimal(residentPages, width: 8)
        if withRSSBreakdown {
            text.append(byte: UInt8(ascii: " "))
            text.appendDecimal(residentAnonPages, width: 8)
            text.append(byte: UInt8(ascii: " "))
            text.appendDecimal(residentFilePages, width: 8)
            text.append(byte: UInt8(ascii: " "))
            text.appendDecimal(residentSharedPages, width: 9)
        }
        text.append(byte: UInt8(ascii: " "))
        text.appendDecimal(pageTableBytes, width: 8)
        text.append(byte: UInt8(ascii: " "))
        text.appendDecimal(swapEntries, width: 8)
        text.append("         ")
        text.appendDecimal(oomScoreAdj, width: 5)
        text.append(byte: UInt8(ascii: " "))
        text.append(string: name)
    }
}
