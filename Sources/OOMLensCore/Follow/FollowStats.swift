/// The follower's own counters and per-file progress: what `--stats` prints and the sinks receive at the end.
public struct FollowStats: Sendable {
    public var lines = 0
    public var bytes: Int64 = 0
    public var truncatedLines = 0
    public var truncatedBytes: Int64 = 0
    public var events = 0
    public var eventsByKind: [String: Int] = [:]
    /// Events each stage made (line stages, added up over the followed paths) or passed on (event stages), in
    /// chain order.
    public var eventsByStage: [(stage: String, events: Int)] = []
    /// The stages' named counters and the follower's own (rotations, truncations, checkpoints, …).
    public var counters: [String: Int] = [:]
    public var files: [FollowFileProgress] = []
    public var seconds: Double = 0

    public init() {}

    /// Everything as flat counters (for ``OOMLensSinkAPI/EventSink/runFinished(counters:)``).
    public var flatCounters: [String: Int] {
        var out = counters
        out["lines"] = lines
        out["bytes"] = Int(bytes)
        out["events"] = events
        out["over-long lines cut"] = truncatedLines
        return out
    }

    /// The statistics as readable lines.
    public func render() -> String {
        var out = "oomlens follow: \(lines) lines, \(bytes) bytes in \(Int(seconds)) s\n"
        let kinds = eventsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        out += "  events: \(events)" + (kinds.isEmpty ? "" : " (\(kinds))") + "\n"
        if !eventsByStage.isEmpty {
            out += "  events by stage: " + eventsByStage.map { "\($0.stage) \($0.events)" }.joined(separator: ", ") + "\n"
        }
        if truncatedLines > 0 { out += "  over-long lines cut: \(truncatedLines) (\(truncatedBytes) bytes skipped)\n" }
        for (k, v) in counters.sorted(by: { $0.key < $1.key }) where v != 0 { out += "  \(k): \(v)\n" }
        for f in files {
            if f.waiting && f.diskSize == 0 {
                out += "  \(f.stream): waiting for the file\n"
                continue
            }
            let percent = f.diskSize > 0 ? Double(f.diskOffset) * 100 / Double(f.diskSize) : 100
            out += "  \(f.path): \(f.diskOffset) of \(f.diskSize) bytes on disk (\(Int(percent.rounded(.down)))%)"
            if f.gzip { out += ", \(f.offset) decompressed" }
            out += f.caughtUp ? ", caught up" : ", \(f.lagBytes) bytes behind the writer for \(Int(f.lagSeconds)) s"
            if f.queuedFiles > 0 { out += ", \(f.queuedFiles) rotated file(s) still to read" }
            out += "\n"
        }
        return out
    }

    /// The statistics as one line, for the periodic `--stats-interval` report: counters, then per path the bytes
    /// read against the size on disk, and the lag behind the writer.
    public func compactLine() -> String {
        var out = "oomlens stats: \(Int(seconds)) s, \(lines) lines, \(bytes) bytes, \(events) events"
        if !eventsByStage.isEmpty {
            out += " (" + eventsByStage.map { "\($0.stage) \($0.events)" }.joined(separator: ", ") + ")"
        }
        out += ", \(truncatedLines) lines cut"
        for f in files {
            out += "; \(f.stream): "
            if f.waiting && f.diskSize == 0 {
                out += "waiting for the file"
                continue
            }
            out += "\(f.diskOffset)/\(f.diskSize) bytes"
            out += f.caughtUp ? ", caught up" : ", \(f.lagBytes) bytes behind for \(Int(f.lagSeconds)) s"
            if let idle = f.secondsSinceRead { out += ", last read \(Int(idle)) s ago" }
        }
        return out + "\n"
    }
}
