import ArgumentParser
import Foundation

/// `oomlens-bench scaling`: generates rotation sets of growing size and sets of many small files, and times
/// oomlens and the `zcat | grep` baseline on each, to show that cost grows linearly and memory does not.
struct ScalingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Time oomlens and zcat | grep on rotation sets of several sizes and on many small files.",
        discussion: """
            Each corpus is generated under --work (kept and reused when its directory already holds one, so a \
            second run only measures) with the same seed and report density. oomlens is given the corpus \
            directory, as a user would give /var/log, so that 10,000 files are not 10,000 arguments. Every \
            figure is the median of --runs runs; peak RSS is the largest seen.
            """
    )

    @Option(name: .long, help: "Directory for the generated corpora.")
    var work: String

    @Option(name: .long, help: "Rotation-set sizes, comma-separated (KB, MB, GB = powers of 1000).")
    var sizes = "100MB,1GB,4GB"

    @Option(name: .customLong("small-files"), help: "File counts for the sets of small files (1 KB each), comma-separated.")
    var smallFiles = "1,10000"

    @Option(name: .long, help: "Timed runs per command.")
    var runs = 3

    @Option(name: .long, help: "oomlens --threads value.")
    var threads = 2

    @Option(name: .long, help: "The oomlens binary (default: the one next to this program).")
    var oomlens: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard threads == 1 || threads == 2 else { throw ValidationError("--threads takes 1 or 2") }
        guard !corpora.isEmpty else { throw ValidationError("nothing to measure: give --sizes or --small-files") }
    }

    func run() throws {
        let oomlensPath = try OomlensLocator.resolve(oomlens)
        print("oomlens-bench scaling   \(MachineDescription.now())")
        print("machine: \(MachineDescription.current())")
        print("oomlens: \(oomlensPath) run --output jsonl --threads \(threads) <directory>; median of \(runs) runs\n")
        var table = TextTable(
            headers: ["corpus", "files", "input MB", "oomlens s", "MB/s", "s per GB", "peak RSS MB", "events",
                      "zcat|grep s", "ratio"],
            rightAligned: [false, true, true, true, true, true, true, true, true, true])
        for corpus in corpora {
            let directory = try prepare(corpus)
            let inventory = try CorpusInventory.scan(directory: directory)
            let bytes = inventory.files.reduce(0) { $0 + $1.bytes }
            let lines = inventory.files.reduce(0) { $0 + $1.lines }
            let tool = MeasuredCommand(
                label: corpus.label,
                arguments: [oomlensPath, "run", "--output", "jsonl", "--threads", String(threads), directory],
                standardOutput: .discard, inputBytes: bytes, inputLines: lines, isOomlens: true)
            var toolSeries = MeasurementSeries(label: corpus.label, inputBytes: bytes, inputLines: lines)
            let baseline = BaselineCommands.parts(inventory)
            var baselineParts = baseline.map {
                MeasurementSeries(label: $0.label, inputBytes: $0.inputBytes, inputLines: $0.inputLines)
            }
            var events: Int?
            for _ in 1...runs {
                let outcome = try tool.run()
                guard outcome.exitCode == 0 else {
                    throw BenchError("oomlens exited with \(outcome.statusDescription) on \(directory): "
                                     + String(decoding: outcome.standardError.prefix(2000), as: UTF8.self))
                }
                events = Self.eventCount(summary: String(decoding: outcome.standardError, as: UTF8.self))
                toolSeries.record(outcome)
                for (index, command) in baseline.enumerated() { baselineParts[index].record(try command.run()) }
            }
            let baselineSeries = baselineParts.count == 1 ? baselineParts[0]
                : MeasurementSeries.sum(of: baselineParts, label: "baseline")
            let wall = toolSeries.medianWallSeconds
            table.add([corpus.label, String(inventory.files.count), Format.fixed(Double(bytes) / 1e6, 1),
                       Format.fixed(wall, 2), Format.fixed(toolSeries.megabytesPerSecond, 1),
                       Format.fixed(wall / (Double(bytes) / 1e9), 2), Format.fixed(toolSeries.maxResidentMB, 1),
                       events.map(String.init) ?? "?", Format.fixed(baselineSeries.medianWallSeconds, 2),
                       Format.fixed(wall / baselineSeries.medianWallSeconds, 2)])
        }
        print(table.render())
        print("\nratio: oomlens wall time over the baseline's (zcat <gz> | grep -c plus grep -c <plain>); below 1 is faster.")
    }

    /// The `events: N` figure of oomlens's run summary.
    static func eventCount(summary: String) -> Int? {
        for line in summary.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("events: ") {
                return Int(trimmed.dropFirst(8).prefix(while: { $0.isNumber }))
            }
        }
        return nil
    }

    /// One corpus to measure.
    private struct Corpus {
        var label: String
        var directoryName: String
        var generateArguments: [String]
    }

    private var corpora: [Corpus] {
        var list: [Corpus] = []
        for text in sizes.split(separator: ",") where !text.isEmpty {
            guard let size = ByteCount(argument: String(text)) else { continue }
            list.append(Corpus(label: "rotation set \(size.text)", directoryName: "rotation-\(size.text)",
                               generateArguments: ["--size", size.text]))
        }
        for text in smallFiles.split(separator: ",") {
            guard let count = Int(text), count > 0 else { continue }
            list.append(Corpus(label: "\(count) small file\(count == 1 ? "" : "s")", directoryName: "small-\(count)",
                               generateArguments: ["--size", "\(count)KB", "--files", String(count), "--layout", "many",
                                                   "--gz", "0"]))
        }
        return list
    }

    /// The corpus directory, generated unless it already holds a corpus.
    private func prepare(_ corpus: Corpus) throws -> String {
        let directory = (work as NSString).appendingPathComponent(corpus.directoryName)
        if CorpusManifest.read(fromDirectory: directory) != nil { return directory }
        print("generating \(corpus.label) in \(directory) …")
        let generate = try GenerateCommand.parse(["--out", directory] + corpus.generateArguments)
        try generate.run()
        print("")
        return directory
    }
}
