import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `oomlens-bench follow-latency`: how long `oomlens follow` takes from the write of a report's last line (the
/// kill line) to the report's event on its JSONL output.
struct FollowLatencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow-latency",
        abstract: "Time oomlens follow from the append of a report's kill line to its JSONL event.",
        discussion: """
            Starts `oomlens follow --output jsonl` on a new file in a temporary directory, waits for its first \
            checkpoint, then appends --reports generated OOM reports one at a time: the lines before the kill \
            line, a pause of --settle-ms (as a kernel prints a report over a few milliseconds), then the kill \
            line, whose write(2) is timestamped. The latency ends when the follower's standard output holds \
            the JSON line of that report's victim. Reports are --gap-ms apart. Prints min, median, p95 and max, \
            then stops the follower with SIGTERM.
            """
    )

    @Option(name: .long, help: "The oomlens binary (default: the one next to this program).")
    var oomlens: String?

    @Option(name: .long, help: "Reports to append.")
    var reports = 50

    @Option(name: .long, help: "Pause between a report's other lines and its kill line, in ms.")
    var settleMs = 20

    @Option(name: .long, help: "Pause after each event before the next report, in ms.")
    var gapMs = 100

    @Option(name: .long, help: "Seconds to wait for one event before giving up.")
    var timeout = 30.0

    @Option(name: .long, help: "Extra arguments for oomlens follow, e.g. --poll (repeatable).")
    var followArgument: [String] = []

    func validate() throws {
        guard reports >= 1 else { throw ValidationError("--reports must be at least 1") }
        guard settleMs >= 0, gapMs >= 0, timeout > 0 else { throw ValidationError("pauses must not be negative") }
    }

    func run() throws {
        let oomlensPath = try OomlensLocator.resolve(oomlens)
        let directory = FileManager.default.temporaryDirectory.path + "/oomlens-latency-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/syslog"
        guard FileManager.default.createFile(atPath: log, contents: Data("Mar  1 00:00:00 h cron[1]: start\n".utf8))
        else { throw BenchError("cannot create \(log)") }

        print("oomlens-bench follow-latency: \(reports) reports, kill line \(settleMs) ms after the rest, \(gapMs) ms apart")
        print("machine: \(MachineDescription.current()), \(MachineDescription.now())")
        print("oomlens: \(oomlensPath)")
        let child = try ChildProcess(
            arguments: [oomlensPath, "follow", "--state", directory + "/state", "--output", "jsonl"] + followArgument
                + [log],
            standardInput: .discard, standardOutput: .pipe, standardError: .file(directory + "/stderr"))
        var stopped = false
        defer { if !stopped { kill(child.processID, SIGKILL); _ = try? child.finish(keepingOutput: false) } }
        try waitForFile(directory + "/state/checkpoint.json", child: child)

        let writer = open(log, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard writer >= 0 else { throw BenchError.systemCall("open \(log)", errno: errno) }
        defer { close(writer) }
        var random = SeededRandom(seed: 20_260_301, stream: 9)
        var clock = SyslogClock(startMilliseconds: 3_600_000, limitMilliseconds: SyslogClock.maximumSpanMilliseconds)
        var output: [UInt8] = []
        var latencies: [Double] = []
        for index in 0..<reports {
            let hostIndex = index % HostProfile.all.count
            let report = LatencyReport(host: HostProfile.all[hostIndex], hostIndex: hostIndex, clock: &clock,
                                       random: &random)
            try append(report.head, to: writer)
            usleep(useconds_t(settleMs * 1000))
            let written = MonotonicClock.nanoseconds()
            try append(report.killLine, to: writer)
            let arrived = try waitForEvent(victim: report.victimPID, in: &output, child: child)
            latencies.append(Double(arrived - written) / 1e9)
            usleep(useconds_t(gapMs * 1000))
        }

        kill(child.processID, SIGTERM)
        let outcome = try child.finish(keepingOutput: false)
        stopped = true
        guard outcome.exitCode == 0 else {
            let stderr = (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? ""
            throw BenchError("oomlens follow exited with \(outcome.exitCode.map(String.init) ?? "a signal"):\n\(stderr)")
        }
        let summary = LatencySummary(latencies)
        let ms = { (s: Double) in Format.fixed(s * 1000, 1) }
        print("latency from the kill line's write to its JSONL event, \(summary.count) reports:")
        print("  min \(ms(summary.minimum)) ms, median \(ms(summary.median)) ms, p95 \(ms(summary.p95)) ms, max \(ms(summary.maximum)) ms")
    }

    private func append(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { try FileDescriptorWriter.writeAll($0, to: descriptor, what: "the followed log") }
    }

    /// Waits until `path` exists (the follower's first checkpoint: it is reading at the end of the log).
    private func waitForFile(_ path: String, child: ChildProcess) throws {
        let deadline = MonotonicClock.nanoseconds() + UInt64(timeout * 1e9)
        while access(path, F_OK) != 0 {
            guard MonotonicClock.nanoseconds() < deadline else { throw BenchError("oomlens follow wrote no checkpoint in time") }
            guard try child.readStandardOutput(timeoutMilliseconds: 5) != nil else {
                throw BenchError("oomlens follow ended before it wrote its checkpoint")
            }
        }
    }

    /// Reads the follower's output until a whole line is the event of `victim`; returns when (monotonic
    /// nanoseconds) the read that completed that line returned. The lines read are dropped.
    private func waitForEvent(victim: Int, in output: inout [UInt8], child: ChildProcess) throws -> UInt64 {
        let deadline = MonotonicClock.nanoseconds() + UInt64(timeout * 1e9)
        var readAt = MonotonicClock.nanoseconds()
        while true {
            while let newline = output.firstIndex(of: 0x0A) {
                let line = Data(output[..<newline])
                output.removeSubrange(...newline)
                let event = try? JSONSerialization.jsonObject(with: line) as? [String: Any]
                if let pid = (event?["victim"] as? [String: Any])?["pid"] as? Int, pid == victim { return readAt }
            }
            guard MonotonicClock.nanoseconds() < deadline else { throw BenchError("no event within \(timeout) s") }
            guard let bytes = try child.readStandardOutput(timeoutMilliseconds: 100) else {
                throw BenchError("oomlens follow ended early")
            }
            readAt = MonotonicClock.nanoseconds()
            output += bytes
        }
    }
}
