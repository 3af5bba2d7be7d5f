import OOMLensCore

/// What a kernel message means to the block assembler.
enum ReportLineRole: UInt8 {
    /// Not a line that starts or ends a report (it may still belong to an open one).
    case other
    /// `… invoked oom-killer: …` or the old `oom-killer: gfp_mask=…`.
    case header
    /// `…: page allocation failure: order:N …`.
    case allocationFailure
    /// `Mem-Info:`, `SysRq : Show Memory`, or a zone line: a Mem-Info dump begins.
    case dumpStart
    /// `…: Kill process N (x) score S …`: the selection line (up to 5.0).
    case killSelection
    /// `[…: ]Killed process N (x) …`: the victim line, which ends a report.
    case killed
    /// `oom-kill:constraint=…`: the 5.0+ summary line.
    case summary
    /// `oom_reaper: …`: joins the report of the process it reaped.
    case reaper
    /// `Tasks in … are going to be killed due to memory.oom.group set`.
    case groupKill
    /// A report that ends without a victim: no killable processes, panic, victim already exiting.
    case terminal

    /// Byte strings one of which every message that ``classify(_:)`` does not call `.other` holds: `oom` (the
    /// header, `oom-kill:`, `oom_reaper:`, `memory.oom.group`, `panic_on_oom`), `emory` (`Out of memory`,
    /// `Out of Memory`, `Memory cgroup out of memory`, `No available memory`, `SysRq : Show Memory`, a panic
    /// about memory), `Mem-`, `illed process`, `free:` (zone lines), `failure` and `already exiting`.
    /// Each is found by its rarest pair of bytes in ordinary syslog text (bigram counts of the benchmark's noise).
    static let keywords = [
        LineKeyword("emory", anchor: 3), LineKeyword("oom"), LineKeyword("Mem-", anchor: 2),
        LineKeyword("illed process", anchor: 6), LineKeyword("free:", anchor: 2), LineKeyword("failure", anchor: 3),
        LineKeyword("already exiting", anchor: 1),
    ]

    /// Classifies a kernel message (prefix already removed).
    static func classify(_ m: UnsafeRawBufferPointer) -> ReportLineRole {
        guard m.count >= 8 else { return .other }
        switch m[0] {
        case 0x4F:  // O
            if ByteMatch.hasPrefix(m, "Out of memory and no killable") { return .terminal }
            if ByteMatch.hasPrefix(m, "Out of memory") || ByteMatch.hasPrefix(m, "Out of Memory") { return killKind(m) }
        case 0x4D:  // M
            if ByteMatch.hasPrefix(m, "Memory cgroup out of memory") { return killKind(m) }
            if ByteMatch.hasPrefix(m, "Mem-Info:") || ByteMatch.hasPrefix(m, "Mem-info:") { return .dumpStart }
        case 0x4B:  // K
            if ByteMatch.hasPrefix(m, "Killed process ") { return .killed }
            if ByteMatch.hasPrefix(m, "Kernel panic - not syncing: ") {
                if ByteMatch.contains(m, "memory") || ByteMatch.contains(m, "panic_on_oom") { return .terminal }
                return .other
            }
        case 0x4E:  // N
            if ByteMatch.hasPrefix(m, "No available memory") { return killKind(m) }
            if ByteMatch.hasPrefix(m, "Node "), isZoneLine(m, from: nodeZoneStart(m)) { return .dumpStart }
        case 0x6F:  // o
            if ByteMatch.hasPrefix(m, "oom-kill:") { return .summary }
            if ByteMatch.hasPrefix(m, "oom_reaper: ") { return .reaper }
            if ByteMatch.hasPrefix(m, "oom-killer: gfp_mask=") { return .header }
        case 0x54:  // T
            if ByteMatch.hasPrefix(m, "Tasks in "), ByteMatch.contains(m, "memory.oom.group") { return .groupKill }
        case 0x53:  // S
            if ByteMatch.hasPrefix(m, "SysRq : Show Memory") || ByteMatch.hasPrefix(m, "SysRq : Show memory") {
                return .dumpStart
            }
        case 0x44, 0x48:  // D, H
            if isZoneLine(m, from: 0) { return .dumpStart }
        default:
            break
        }
        // The trigger's comm comes first, so these can be anywhere in the line.
        if let dash = ByteMatch.firstIndex(of: "oom-killer: ", in: m), dash >= 9,
           ByteMatch.matches(m, at: dash - 9, " invoked ")
        {
            return .header
        }
        if ByteMatch.contains(m, "page allocation failure") { return .allocationFailure }
        if ByteMatch.contains(m, "is already exiting. Skip killing") { return .terminal }
        return .other
    }

    /// `<message>: Kill process`, `<message>: kill process`, `<message>: Killed process`, or neither.
    private static func killKind(_ m: UnsafeRawBufferPointer) -> ReportLineRole {
        if ByteMatch.contains(m, ": Killed process ") { return .killed }
        if ByteMatch.contains(m, ": Kill process ") || ByteMatch.contains(m, ": kill process ") { return .killSelection }
        if ByteMatch.contains(m, "panic_on_oom") { return .terminal }
        return .other
    }

    /// Offset after `Node N `.
    private static func nodeZoneStart(_ m: UnsafeRawBufferPointer) -> Int {
        var i = 5
        while i < m.count, m[i] >= 0x30, m[i] <= 0x39 { i += 1 }
        if i < m.count, m[i] == 0x20 { i += 1 }
        return i
    }

    /// `DMA free:`, `DMA32 free:`, `Normal free:`, `HighMem free:`, `Movable free:` at `start`.
    static func isZoneLine(_ m: UnsafeRawBufferPointer, from start: Int) -> Bool {
        ByteMatch.matches(m, at: start, "DMA free:") || ByteMatch.matches(m, at: start, "DMA32 free:")
            || ByteMatch.matches(m, at: start, "Normal free:") || ByteMatch.matches(m, at: start, "HighMem free:")
            || ByteMatch.matches(m, at: start, "Movable free:")
    }
}
