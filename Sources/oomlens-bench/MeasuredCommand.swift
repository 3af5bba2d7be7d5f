/// One command the benchmark times: what it runs, what it reads, and how to read its answer.
struct MeasuredCommand: Sendable {
    /// What the output table calls the command.
    var label: String
    var arguments: [String]
    /// `.discard` for commands whose output is not needed, `.pipe` to capture it (grep counts).
    var standardOutput: ChildStream
    /// Uncompressed bytes and lines the command reads.
    var inputBytes: Int64
    var inputLines: Int64
    /// Exit codes that mean success (grep exits 1 when nothing matched).
    var successfulExitCodes: Set<Int32> = [0]
    /// Whether the command is one of the parts that together make up the `zcat | grep` baseline.
    var isBaselinePart = false
    /// Whether the command is an oomlens run (its failure ends the bench; the ratio line compares each).
    var isOomlens = false

    /// Runs the command once under a ``MeasuringLauncher`` and returns the command's own figures.
    func run() throws -> ChildOutcome {
        let launcher = try ChildProcess(arguments: MeasuringLauncher.wrap(arguments), standardInput: .discard,
                                        standardOutput: standardOutput, standardError: .pipe, reportPipe: true)
        let finished = try launcher.finish()
        guard let report = MeasuringLauncher.parse(finished.report) else {
            let errorText = String(decoding: finished.standardError.prefix(2000), as: UTF8.self)
            throw BenchError("the measuring launcher for `\(label)` ended with \(finished.statusDescription) "
                             + "without a report: \(errorText)")
        }
        var outcome = ChildOutcome(waitStatus: report.waitStatus, wallSeconds: Double(report.wallNanoseconds) / 1e9,
                                   userSeconds: Double(report.userMicroseconds) / 1e6,
                                   systemSeconds: Double(report.systemMicroseconds) / 1e6,
                                   maxResidentKiB: report.maxResidentKiB)
        outcome.standardOutput = finished.standardOutput
        outcome.standardError = finished.standardError
        return outcome
    }

    /// The sum of the numbers `grep -c` printed, one per line (`count` or `file:count`), or nil when the output
    /// holds none.
    static func grepCount(_ outcome: ChildOutcome) -> Int? {
        let text = String(decoding: outcome.standardOutput, as: UTF8.self)
        var total: Int?
        for line in text.split(separator: "\n") {
            let field = line.split(separator: ":").last.map(String.init) ?? String(line)
            if let count = Int(field) { total = (total ?? 0) + count }
        }
        return total
    }
}
