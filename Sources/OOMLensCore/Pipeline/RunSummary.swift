/// What a run read, found and met: printed on stderr at the end of every run.
public struct RunSummary: Sendable {
    public var files = 0
    public var compressedBytes: Int64 = 0
    public var bytes: Int64 = 0
    public var lines = 0
    public var truncatedLines = 0
    public var truncatedBytes: Int64 = 0
    public var events = 0
    public var eventsByKind: [String: Int] = [:]
    public var counters: [String: Int] = [:]
    public var errors: [PipelineError] = []
    public var warnings: [String] = []
    public var seconds: Double = 0

    public init() {}

    /// The summary as readable lines.
    public func render() -> String {
        var out = "oomlens: \(files) file(s), \(bytes) bytes (\(compressedBytes) on disk), \(lines) lines"
        if seconds > 0 {
            let mbps = Double(bytes) / 1e6 / seconds
            out += " in " + format(seconds, 2) + " s (" + format(mbps, 1) + " MB/s)"
        }
        out += "\n"
        let kinds = eventsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        out += "  events: \(events)" + (kinds.isEmpty ? "" : " (\(kinds))") + "\n"
        if truncatedLines > 0 {
            out += "  over-long lines cut: \(truncatedLines) (\(truncatedBytes) bytes skipped)\n"
        }
        for (k, v) in counters.sorted(by: { $0.key < $1.key }) where v != 0 {
            out += "  \(k): \(v)\n"
        }
        for w in warnings { out += "  warning: \(w)\n" }
        if !errors.isEmpty {
            out += "  errors: \(errors.count)\n"
            for e in errors { out += "  error: \(e)\n" }
        }
        return out
    }

    private func format(_ v: Double, _ digits: Int) -> String {
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        var s = "\(r)"
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        }
        return s
    }
}

/// Progress of a running pipeline, for the TTY progress line.
public struct ProgressSnapshot: Sendable {
    /// Bytes read from disk so far, and the total size of all inputs (0 when unknown, e.g. stdin).
    public var diskBytes: Int64
    public var diskTotal: Int64
    /// Decompressed bytes so far.
    public var bytes: Int64
    public var events: Int
    public var seconds: Double
}
