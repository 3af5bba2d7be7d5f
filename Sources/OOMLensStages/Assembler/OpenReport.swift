import OOMLensCore
import OOMLensSinkAPI

/// A report being assembled for one host: its lines so far and what has been seen of it.
final class OpenReport {
    /// Where the report stands.
    enum Phase {
        /// Header (or dump) seen; the body is being collected.
        case collecting
        /// The kill line (or a terminal line) was seen; an `oom_reaper:` line may still join.
        case ended
    }

    var kind: OOMEvent.Kind
    let hasHeader: Bool
    var phase = Phase.collecting
    /// After `Tasks in … memory.oom.group set`, further `Killed process` lines belong to this report.
    var groupKill = false
    /// A headerless report that began at a kill line: it takes only kill-related lines.
    let killOnly: Bool
    /// The messages kept for decoding (none in find-only mode).
    var text = ReportText()
    var raw: [String]?
    let path: String
    let host: String?
    let time: PackedTime
    let uptimeMicros: Int64
    let firstLine: Int
    var lastLine: Int
    var droppedLines = 0
    /// Bytes of text kept so far (messages, and raw lines when kept), against the per-event byte limit.
    private(set) var keptBytes = 0
    /// Task-table rows the last ``makeEvent(decode:maxTaskRows:)`` dropped over the limit.
    private(set) var droppedTaskRows = 0
    /// Order of the last update, to close the stalest report when too many are open.
    var touched: Int
    /// Identity hash over the lines up to the end of the report (reaper lines excluded).
    var identity = StableHash()

    /// False in find-only mode: the lines are counted and hashed but not kept for decoding.
    let keepLines: Bool
    private var lineCount = 0

    /// Where the report's first line starts: a follow checkpoint stays at or before it while the report is open.
    let firstPosition: LinePosition?
    /// Messages added so far (kept or not); tells whether the report changed since it was last emitted.
    private(set) var updates = 0
    /// Its number in the order reports were started (set by the assembler).
    var serial = 0
    /// `updates` when the report was last emitted (live mode emits before the report closes), or nil.
    var emittedAtUpdate: Int?
    /// The assembler's line count when the kill line was read, for closing a finished report in live mode.
    var endedAtLine = 0

    init(kind: OOMEvent.Kind, hasHeader: Bool, killOnly: Bool, path: String, host: String?, time: PackedTime,
         uptimeMicros: Int64, line: Int, keepRaw: Bool, keepLines: Bool, touched: Int,
         firstPosition: LinePosition? = nil) {
        self.keepLines = keepLines
        self.firstPosition = firstPosition
        self.kind = kind
        self.hasHeader = hasHeader
        self.killOnly = killOnly
        self.path = path
        self.host = host
        self.time = time
        self.uptimeMicros = uptimeMicros
        firstLine = line
        lastLine = line
        raw = keepRaw ? [] : nil
        self.touched = touched
        if let host { identity.add(host) }
    }

    /// Adds a message, unless the report already holds `limit` lines or `byteLimit` bytes of text (the line is
    /// then only counted and hashed). `newLine` is false for the second and later messages that `#012` split off
    /// the same log line.
    func append(message: UnsafeRawBufferPointer, fullLine: UnsafeRawBufferPointer, lineNumber: Int, continuation: Bool,
                limit: Int, byteLimit: Int = .max, newLine: Bool, hashed: Bool) -> ReportAppendResult {
        lastLine = lineNumber
        updates += 1
        if hashed && newLine { identity.add(fullLine) }
        guard lineCount < limit else {
            droppedLines += 1
            return .overLineLimit
        }
        let bytes = message.count + (raw != nil && newLine ? fullLine.count : 0)
        guard bytes <= byteLimit &- keptBytes else {
            droppedLines += 1
            return .overByteLimit
        }
        keptBytes += bytes
        lineCount += 1
        if keepLines {
            text.append(message, lineNumber: lineNumber, continuation: continuation)
        }
        if newLine { raw?.append(String(decoding: fullLine, as: UTF8.self)) }
        return .kept
    }

    /// True when the report was emitted and nothing was added since: emitting it again would repeat it.
    var unchangedSinceEmitted: Bool { emittedAtUpdate == updates }

    /// The event for this report, decoded unless `decode` is false.
    func makeEvent(decode: Bool = true, maxTaskRows: Int = .max) -> OOMEvent {
        let complete = hasHeader && phase == .ended && kind == .oom
        var e = OOMEvent(id: identity.hex, kind: kind, complete: complete,
                         source: OOMEvent.Source(path: path, first_line: firstLine, last_line: lastLine))
        e.host = host
        e.time = LogTimeFormatter.rfc3339(time)
        if uptimeMicros >= 0 { e.uptime_s = Double(uptimeMicros) / 1_000_000 }
        droppedTaskRows = 0
        if decode && keepLines { droppedTaskRows = ReportDecoder.decode(text.lines(), into: &e, maxTaskRows: maxTaskRows) }
        e.raw = raw
        return e
    }
}

/// 64-bit FNV-1a over bytes: the stable event id (same input, same id; no per-process seed).
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes {
            value ^= UInt64(b)
            value &*= 0x100_0000_01b3
        }
        value ^= 0x0A
        value &*= 0x100_0000_01b3
    }

    mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
