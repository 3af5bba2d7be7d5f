#if canImport(Glibc)
import Glibc
#endif

/// Generates the text of one corpus file: noise lines until the file's noise budget is spent, with kernel
/// OOM-killer reports placed among them at the requested rate.
///
/// Noise and reports come from separate random streams of the seed, and report lines do not move the clock,
/// so a file generated with `--no-reports` is exactly the same file with the report lines taken out.
enum CorpusFileWriter {
    /// Bytes collected before each write to the file or to gzip.
    static let chunkBytes = 4 << 20
    /// Chance that a line from another program lands between two lines of a report.
    static let interleaveChance = 0.02

    static func write(_ plan: CorpusFilePlan, seed: UInt64, reportsEnabled: Bool, directory: String) throws
        -> CorpusFileStats
    {
        let path = directory + "/" + plan.name
        let output = try CorpusFileOutput(path: path, gzip: plan.gzip)
        var noise = NoiseLineWriter(random: SeededRandom(seed: seed, stream: UInt64(plan.index) * 4 + 1),
                                    meanMillisecondsPerLine: plan.meanMillisecondsPerLine)
        var reportRandom = SeededRandom(seed: seed, stream: UInt64(plan.index) * 4 + 2)
        var clock = SyslogClock(startMilliseconds: plan.startMilliseconds,
                                limitMilliseconds: plan.endMilliseconds - 1)
        var buffer = TextBuffer(capacity: chunkBytes + 256 * 1024)
        var noiseBytes: Int64 = 0
        var reports = 0
        let meanGap = reportsEnabled && plan.meanNoiseBytesBetweenReports > 0 ? plan.meanNoiseBytesBetweenReports : nil
        var nextReportAt = meanGap.map { Int64(reportRandom.unit() * 2 * $0) }

        while noiseBytes < plan.noiseBudget {
            if let gap = meanGap, let due = nextReportAt, noiseBytes >= due {
                let hostIndex = reportRandom.weightedIndex(HostProfile.reportWeights)
                let host = HostProfile.all[hostIndex]
                let block = OOMReportWriter.makeReport(host: host, hostIndex: hostIndex, random: &reportRandom)
                var uptime = SyslogPrefix.uptimeMicroseconds(host: host, clock: clock, random: &reportRandom)
                for index in block.lines.indices {
                    if index > 0 && noiseBytes < plan.noiseBudget && reportRandom.chance(interleaveChance) {
                        let before = buffer.count
                        noise.writeNext(into: &buffer, clock: &clock)
                        noiseBytes += Int64(buffer.count - before)
                    }
                    if index > 0 && !block.lines[index].continuesRecord {
                        uptime += Int64(reportRandom.inRange(3...600))
                    }
                    SyslogPrefix.appendKernel(to: &buffer, clock: &clock, host: host, uptimeMicroseconds: uptime)
                    buffer.append(block.lineText(index))
                    buffer.newline()
                }
                reports += 1
                nextReportAt = noiseBytes + Int64((0.1 + reportRandom.unit() * 1.8) * gap)
            }
            let before = buffer.count
            noise.writeNext(into: &buffer, clock: &clock)
            noiseBytes += Int64(buffer.count - before)
            if buffer.count >= chunkBytes { try output.flush(&buffer) }
        }
        try output.flush(&buffer)
        try output.close()
        var status = stat()
        let diskBytes = stat(path, &status) == 0 ? Int64(status.st_size) : 0
        return CorpusFileStats(name: plan.name, gzip: plan.gzip, bytes: output.bytesWritten,
                               lines: output.linesWritten, reports: reports, diskBytes: diskBytes)
    }
}
