import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `oomlens-bench run`: times `oomlens run` and the `zcat | grep` baseline side by side on the files of a
/// corpus directory and prints one aligned table.
struct BenchmarkRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Time oomlens against zcat | grep on the files of a directory.",
        discussion: """
            All files are read once before timing (this measures their uncompressed size and warms the page \
            cache), and oomlens runs once more untimed to show its own summary. Every figure is the median of \
            --runs runs, except peak RSS, the largest seen. MB/s counts 10^6 bytes of uncompressed input per \
            second. The baseline is `zcat <gz files> | grep -c 'invoked oom-killer'` plus \
            `grep -c 'invoked oom-killer' <plain files>`. Exits with status 1 when oomlens exits non-zero.
            """
    )

    static let pattern = BaselineCommands.pattern

    @Option(name: .long, help: "The oomlens binary (default: the one next to this program).")
    var oomlens: String?

    @Option(name: .long, help: "Timed runs per command; the table shows medians.")
    var runs = 3

    @Option(name: .long, help: "Run oomlens with --config FILE instead of --output jsonl (for example a tokenizer-only pipeline).")
    var config: String?

    @Option(name: .long, help: "oomlens --threads values to time, comma-separated (e.g. 1,2): one oomlens row each.")
    var threads = "2"

    @Option(name: .long, help: "A second oomlens binary to time beside the first (e.g. a build with --traits ISAL); its rows are labelled with --variant-label.")
    var variant: String?

    @Option(name: .long, help: "Label of the --variant rows.")
    var variantLabel = "ISA-L"

    @Argument(help: "Directory holding the corpus (for example from `oomlens-bench generate`).")
    var directory: String

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard !threadCounts.isEmpty, threadCounts.allSatisfy({ $0 == 1 || $0 == 2 }) else {
            throw ValidationError("--threads takes 1, 2 or 1,2")
        }
    }

    func run() throws {
        let oomlensPath = try resolveOomlens()
        let started = MonotonicClock.nanoseconds()
        let inventory = try CorpusInventory.scan(directory: directory)
        let warmUpSeconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
        guard !inventory.files.isEmpty else { throw ValidationError("\(directory) holds no files") }
        printHeader(inventory: inventory, oomlensPath: oomlensPath, warmUpSeconds: warmUpSeconds)

        let commands = makeCommands(inventory: inventory, oomlensPath: oomlensPath)
        try runOomlensSummary(inventory: inventory, oomlensPath: oomlensPath)

        var series = commands.map { MeasurementSeries(label: $0.label, inputBytes: $0.inputBytes,
                                                      inputLines: $0.inputLines) }
        for round in 1...runs {
            for (index, command) in commands.enumerated() {
                let outcome = try command.run()
                // Any failure of oomlens itself ends the bench.
                if command.isOomlens && outcome.exitCode != 0 {
                    throw oomlensFailure(outcome, round: round)
                }
                if let exitCode = outcome.exitCode, !command.successfulExitCodes.contains(exitCode) {
                    warn("`\(command.label)` exited with \(outcome.statusDescription) on run \(round): "
                         + String(decoding: outcome.standardError.prefix(2000), as: UTF8.self))
                } else if outcome.exitCode == nil {
                    warn("`\(command.label)` ended with \(outcome.statusDescription) on run \(round)")
                }
                series[index].record(outcome)
                if command.standardOutput.isCaptured {
                    series[index].matchCount = MeasuredCommand.grepCount(outcome)
                }
            }
        }
        printResults(commands: commands, series: series)
    }

    // MARK: commands

    private func makeCommands(inventory: CorpusInventory, oomlensPath: String) -> [MeasuredCommand] {
        let gzip = inventory.gzipFiles
        let plain = inventory.plainFiles
        let allBytes = inventory.files.reduce(0) { $0 + $1.bytes }
        let allLines = inventory.files.reduce(0) { $0 + $1.lines }
        let gzipBytes = gzip.reduce(0) { $0 + $1.bytes }
        let gzipLines = gzip.reduce(0) { $0 + $1.lines }
        let plainBytes = plain.reduce(0) { $0 + $1.bytes }
        let plainLines = plain.reduce(0) { $0 + $1.lines }
        let quotedPattern = "'\(Self.pattern)'"

        var binaries = [(label: "", path: oomlensPath)]
        if let variant { binaries.append((variantLabel + ": ", variant)) }
        var commands: [MeasuredCommand] = []
        for binary in binaries {
            for count in threadCounts {
                let options = oomlensOptions(quiet: true) + ["--threads", String(count)]
                commands.append(MeasuredCommand(
                    label: binary.label + "oomlens " + options.joined(separator: " ") + " <\(inventory.files.count) files>",
                    arguments: [binary.path] + options + inventory.files.map(\.path),
                    standardOutput: .discard, inputBytes: allBytes, inputLines: allLines, isOomlens: true))
            }
        }
        commands += BaselineCommands.parts(inventory)
        if !gzip.isEmpty {
            commands.append(MeasuredCommand(
                label: "zcat <\(gzip.count) gz> > /dev/null",
                arguments: ["zcat", "--"] + gzip.map(\.path),
                standardOutput: .discard, inputBytes: gzipBytes, inputLines: gzipLines))
        }
        if !plain.isEmpty {
            commands.append(MeasuredCommand(
                label: "cat <\(plain.count) plain> | grep -c \(quotedPattern)",
                arguments: ["/bin/sh", "-c", "cat -- \"$@\" | grep -c \(quotedPattern)", "sh"] + plain.map(\.path),
                standardOutput: .pipe, inputBytes: plainBytes, inputLines: plainLines, successfulExitCodes: [0, 1]))
        }
        return commands
    }

    /// The `--threads` values.
    private var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0) } }

    private func oomlensOptions(quiet: Bool) -> [String] {
        ["run"] + (quiet ? ["--quiet"] : []) + (config.map { ["--config", $0] } ?? ["--output", "jsonl"])
    }

    // MARK: oomlens

    /// `--oomlens`, else `oomlens` in the directory of this executable (the same `.build/<config>/`).
    private func resolveOomlens() throws -> String {
        try OomlensLocator.resolve(oomlens)
    }

    /// Runs oomlens once, untimed and without --quiet, and shows the summary it prints on stderr.
    private func runOomlensSummary(inventory: CorpusInventory, oomlensPath: String) throws {
        let command = MeasuredCommand(label: "oomlens", arguments: [oomlensPath] + oomlensOptions(quiet: false)
                                          + inventory.files.map(\.path),
                                      standardOutput: .discard, inputBytes: 0, inputLines: 0)
        let outcome = try command.run()
        if outcome.exitCode != 0 { throw oomlensFailure(outcome, round: 0) }
        let summary = String(decoding: outcome.standardError, as: UTF8.self)
        print("oomlens's own summary (untimed run without --quiet, \(Format.fixed(outcome.wallSeconds, 2)) s):")
        for line in summary.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            print("  " + line)
        }
        print("")
    }

    /// Prints why oomlens failed, with its stderr, and returns the exit status to end the bench with.
    private func oomlensFailure(_ outcome: ChildOutcome, round: Int) -> ExitCode {
        let run = round == 0 ? "the untimed run" : "timed run \(round)"
        var message = "oomlens-bench: FAILED: oomlens exited with \(outcome.statusDescription) on \(run) (expected 0)\n"
        let errorText = String(decoding: outcome.standardError.prefix(20_000), as: UTF8.self)
        message += errorText.isEmpty ? "oomlens wrote nothing on stderr\n" : "oomlens stderr:\n" + errorText + "\n"
        FileHandle.standardError.write(Data(message.utf8))
        return ExitCode(1)
    }

    private func warn(_ text: String) {
        FileHandle.standardError.write(Data("oomlens-bench: warning: \(text)\n".utf8))
    }

    // MARK: output

    private func printHeader(inventory: CorpusInventory, oomlensPath: String, warmUpSeconds: Double) {
        let bytes = inventory.files.reduce(0) { $0 + $1.bytes }
        let lines = inventory.files.reduce(0) { $0 + $1.lines }
        let disk = inventory.files.reduce(0) { $0 + $1.diskBytes }
        var header = [
            "oomlens-bench run \(directory)   \(MachineDescription.now())",
            "machine: \(MachineDescription.current())",
            "input: \(inventory.files.count) files (\(inventory.gzipFiles.count) gzip, \(inventory.plainFiles.count) plain), "
                + "\(Format.grouped(bytes)) bytes uncompressed, \(Format.fixed(Double(disk) / 1e6, 1)) MB on disk, "
                + "\(Format.grouped(lines)) lines (read once untimed in \(Format.fixed(warmUpSeconds, 1)) s to warm the page cache)",
        ]
        if let manifest = CorpusManifest.read(fromDirectory: directory) {
            header.append("corpus: generated with seed \(manifest.seed), \(manifest.reports) OOM-killer reports"
                          + (manifest.reportsEnabled ? "" : " (--no-reports)"))
        }
        let workingDirectory = FileManager.default.currentDirectoryPath
        let configNote: String
        if let config {
            configNote = "--config \(config)"
        } else if FileManager.default.fileExists(atPath: "pipeline.json") {
            configNote = "stages from \(workingDirectory)/pipeline.json, sinks replaced by --output jsonl"
        } else {
            configNote = "built-in default stages (no pipeline.json in \(workingDirectory)), sinks replaced by --output jsonl"
        }
        header.append("oomlens: \(oomlensPath); \(configNote)")
        let floor = (try? MeasuredCommand(label: "true", arguments: ["true"], standardOutput: .discard, inputBytes: 0,
                                          inputLines: 0).run().maxResidentMB).map { Format.fixed($0, 1) } ?? "?"
        header.append("each figure: median of \(runs) run\(runs == 1 ? "" : "s"); peak RSS: largest of the runs, "
                      + "from wait4 ru_maxrss (a pipeline: its largest process); floor \(floor) MB (what `true` measures)")
        print(header.joined(separator: "\n") + "\n")
    }

    private func printResults(commands: [MeasuredCommand], series: [MeasurementSeries]) {
        let oomlensRows = series.indices.filter { commands[$0].isOomlens }.map { series[$0] }
        let baselineParts = series.indices.filter { commands[$0].isBaselinePart }.map { series[$0] }
        let baseline = baselineParts.count == 1 ? baselineParts[0]
            : MeasurementSeries.sum(of: baselineParts, label: "baseline = sum of the two rows above")

        var table = TextTable(
            headers: ["command", "input MB", "wall s", "MB/s", "M lines/s", "CPU s", "peak RSS MB", "exit", "result"],
            rightAligned: [false, true, true, true, true, true, true, true, false])
        func add(_ row: MeasurementSeries) {
            table.add([row.label, Format.fixed(Double(row.inputBytes) / 1e6, 1), Format.fixed(row.medianWallSeconds, 2),
                       Format.fixed(row.megabytesPerSecond, 1), Format.fixed(row.millionLinesPerSecond, 2),
                       Format.fixed(row.medianCPUSeconds, 2), Format.fixed(row.maxResidentMB, 1), row.statusSummary,
                       row.matchCount.map { "\($0) matches" } ?? ""])
        }
        oomlensRows.forEach(add)
        baselineParts.forEach(add)
        if baselineParts.count > 1 { add(baseline) }
        for index in series.indices where !commands[index].isBaselinePart && !commands[index].isOomlens {
            add(series[index])
        }
        print(table.render())
        print("")
        for row in oomlensRows {
            let ratio = row.medianWallSeconds / baseline.medianWallSeconds
            let comparison = ratio <= 1 ? "\(Format.fixed(1 / ratio, 2))x faster" : "\(Format.fixed(ratio, 2))x slower"
            print("ratio to baseline, wall time: \(Format.fixed(ratio, 2)) (\(comparison)); "
                  + "CPU time: \(Format.fixed(row.medianCPUSeconds / baseline.medianCPUSeconds, 2))  [\(row.label)]")
        }
    }
}
