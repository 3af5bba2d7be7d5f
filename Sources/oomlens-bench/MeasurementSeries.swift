/// The outcomes of the timed runs of one command (or the per-run sums of several), reduced to the figures
/// the table prints: median wall and CPU time, the largest peak RSS, and the statuses seen.
struct MeasurementSeries: Sendable {
    var label: String
    var inputBytes: Int64
    var inputLines: Int64
    var wallSeconds: [Double] = []
    var cpuSeconds: [Double] = []
    var maxResidentMB: Double = 0
    var statuses: [String] = []
    /// What a `grep -c` command answered: the number of matching lines.
    var matchCount: Int?

    init(label: String, inputBytes: Int64, inputLines: Int64) {
        self.label = label
        self.inputBytes = inputBytes
        self.inputLines = inputLines
    }

    mutating func record(_ outcome: ChildOutcome) {
        wallSeconds.append(outcome.wallSeconds)
        cpuSeconds.append(outcome.cpuSeconds)
        maxResidentMB = max(maxResidentMB, outcome.maxResidentMB)
        statuses.append(outcome.statusDescription)
    }

    /// Adds run `index` of each series into one (for commands that together do one job).
    static func sum(of parts: [MeasurementSeries], label: String) -> MeasurementSeries {
        var total = MeasurementSeries(label: label, inputBytes: parts.reduce(0) { $0 + $1.inputBytes },
                                      inputLines: parts.reduce(0) { $0 + $1.inputLines })
        let runs = parts.map(\.wallSeconds.count).min() ?? 0
        for run in 0..<runs {
            total.wallSeconds.append(parts.reduce(0) { $0 + $1.wallSeconds[run] })
            total.cpuSeconds.append(parts.reduce(0) { $0 + $1.cpuSeconds[run] })
        }
        total.maxResidentMB = parts.map(\.maxResidentMB).max() ?? 0
        total.statuses = parts.flatMap(\.statuses)
        let counts = parts.compactMap(\.matchCount)
        total.matchCount = counts.isEmpty ? nil : counts.reduce(0, +)
        return total
    }

    var medianWallSeconds: Double { Self.median(wallSeconds) }
    var medianCPUSeconds: Double { Self.median(cpuSeconds) }

    /// Megabytes (10^6 bytes) of uncompressed input per second of median wall time.
    var megabytesPerSecond: Double { Double(inputBytes) / 1e6 / medianWallSeconds }
    /// Millions of input lines per second of median wall time.
    var millionLinesPerSecond: Double { Double(inputLines) / 1e6 / medianWallSeconds }

    /// The distinct statuses seen, in order (`0`, or `0, 1` when they differed between runs).
    var statusSummary: String {
        var seen: [String] = []
        for status in statuses where !seen.contains(status) { seen.append(status) }
        return seen.joined(separator: ", ")
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
