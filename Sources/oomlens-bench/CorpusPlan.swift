/// The files of a corpus to generate, worked out from the command-line options.
struct CorpusPlan: Sendable {
    /// Typical size of a generated noise line, used to spread timestamps over a file's time slot.
    static let typicalNoiseLineBytes: Int64 = 140
    /// Typical size of a generated OOM report, used to keep the total near the requested size.
    static let typicalReportBytes: Double = 9_500
    /// Each rotation file covers one day; many small files share the corpus's longest span.
    static let rotationSlotMilliseconds: Int64 = 86_400_000

    var layout: CorpusLayout
    var files: [CorpusFilePlan]

    /// Plans `fileCount` files totalling about `totalBytes`, the oldest `gzipCount` of them gzipped.
    init(totalBytes: Int64, fileCount: Int, gzipCount: Int?, layout requestedLayout: CorpusLayout,
         reportsPerGB: Double) throws
    {
        guard fileCount >= 1 else { throw BenchError("--files must be at least 1") }
        guard totalBytes >= Int64(fileCount) else {
            throw BenchError("--size must be at least one byte per file")
        }
        let resolvedLayout = requestedLayout.resolved(fileCount: fileCount)
        layout = resolvedLayout
        let gzipped = gzipCount ?? (resolvedLayout == .rotation ? max(fileCount - 2, 0) : 0)
        guard (0...fileCount).contains(gzipped) else { throw BenchError("--gz must be between 0 and --files") }

        // Reports come on top of the noise; shrink the noise so that the total stays near the request.
        let reportShare = min(max(reportsPerGB * Self.typicalReportBytes / 1e9, 0), 0.5)
        let noiseTotal = Int64(Double(totalBytes) * (1 - reportShare))
        let reportGap = reportsPerGB > 0 ? 1e9 / reportsPerGB * (1 - reportShare) : 0
        let slot = min(Self.rotationSlotMilliseconds, SyslogClock.maximumSpanMilliseconds / Int64(fileCount))
        let digits = max(5, String(fileCount).count)
        files = (0..<fileCount).map { index in
            let gzip = index < gzipped
            let name: String
            switch resolvedLayout {
            case .rotation, .auto:
                let age = fileCount - 1 - index
                name = (age == 0 ? "syslog" : "syslog.\(age)") + (gzip ? ".gz" : "")
            case .many:
                let number = String(index + 1)
                name = "app-" + String(repeating: "0", count: max(0, digits - number.count)) + number + ".log"
                    + (gzip ? ".gz" : "")
            }
            // Spread the remainder over the first files so that the budgets add up exactly.
            let budget = noiseTotal / Int64(fileCount) + (Int64(index) < noiseTotal % Int64(fileCount) ? 1 : 0)
            let expectedLines = max(budget / Self.typicalNoiseLineBytes, 1)
            return CorpusFilePlan(index: index, name: name, gzip: gzip, noiseBudget: budget,
                                  startMilliseconds: Int64(index) * slot, endMilliseconds: Int64(index + 1) * slot,
                                  meanMillisecondsPerLine: slot * 9 / 10 / expectedLines,
                                  meanNoiseBytesBetweenReports: reportGap)
        }
    }
}
