import ArgumentParser
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `oomlens-bench generate`: writes a deterministic, realistic syslog corpus with kernel OOM-killer reports,
/// OOM-looking decoys and everyday noise.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic syslog rotation set (or many small logs) with embedded OOM-killer reports.",
        discussion: """
            The default writes syslog.7.gz … syslog.2.gz (gzip -6), syslog.1 and syslog, about 1 GB of text in \
            all, from five hosts running kernels 5.4 to 6.12. The same seed always gives the same bytes. With \
            --no-reports the noise is exactly the same and only the report lines are left out. A hidden \
            \(CorpusManifest.fileName) records what was written.
            """
    )

    @Option(name: .long, help: "Directory to write to (created if needed; must hold no other files).")
    var out: String

    @Option(name: .long, help: "Approximate total of uncompressed text (KB, MB, GB = powers of 1000; KiB, MiB, GiB).")
    var size = ByteCount(bytes: 1_000_000_000, text: "1GB")

    @Option(name: .long, help: "Number of files.")
    var files = 8

    @Option(name: .long, help: "How many of the oldest files to gzip (default: all but the two newest of a rotation set, none of many small files).")
    var gz: Int?

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: .customLong("reports-per-gb"), help: "Kernel OOM-killer reports per 10^9 bytes of text.")
    var reportsPerGB: Double = 5000

    @Flag(name: .customLong("no-reports"), help: "Write the same noise without any OOM-killer reports.")
    var noReports = false

    @Option(name: .long, help: "File naming: rotation (syslog.N.gz … syslog), many (app-00001.log …), or auto (rotation up to 100 files).")
    var layout: CorpusLayout = .auto

    func validate() throws {
        guard reportsPerGB >= 0 else { throw ValidationError("--reports-per-gb must not be negative") }
    }

    func run() throws {
        let plan: CorpusPlan
        do {
            plan = try CorpusPlan(totalBytes: size.bytes, fileCount: files, gzipCount: gz, layout: layout,
                                  reportsPerGB: reportsPerGB)
            try prepareDirectory(plannedNames: Set(plan.files.map(\.name)))
        } catch let error as BenchError {
            throw ValidationError(error.description)
        }
        signal(SIGPIPE, SIG_IGN)

        let started = MonotonicClock.nanoseconds()
        let directory = out
        let seed = seed
        let reportsEnabled = !noReports
        let filePlans = plan.files
        let results = Mutex<[CorpusFileStats?]>(Array(repeating: nil, count: filePlans.count))
        let firstError = Mutex<String?>(nil)
        // One worker per core; each gzipped file adds a gzip process that compresses while its worker
        // generates, so both cores stay busy.
        DispatchQueue.concurrentPerform(iterations: filePlans.count) { index in
            if firstError.withLock({ $0 != nil }) { return }
            do {
                let stats = try CorpusFileWriter.write(filePlans[index], seed: seed, reportsEnabled: reportsEnabled,
                                                       directory: directory)
                results.withLock { $0[index] = stats }
            } catch {
                firstError.withLock { if $0 == nil { $0 = "\(error)" } }
            }
        }
        if let message = firstError.withLock({ $0 }) {
            FileHandle.standardError.write(Data("oomlens-bench: \(message)\n".utf8))
            throw ExitCode.failure
        }
        let written = results.withLock { $0.compactMap { $0 } }
        let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9

        let manifest = CorpusManifest(
            seed: seed, requestedSize: size.text, layout: plan.layout, reportsPerGB: reportsPerGB,
            reportsEnabled: reportsEnabled, bytes: written.reduce(0) { $0 + $1.bytes },
            lines: written.reduce(0) { $0 + $1.lines }, reports: written.reduce(0) { $0 + $1.reports },
            diskBytes: written.reduce(0) { $0 + $1.diskBytes }, files: written)
        try manifest.write(toDirectory: directory)
        printSummary(manifest, seconds: seconds)
    }

    /// Creates the output directory, and refuses to mix the corpus with files it would not overwrite.
    private func prepareDirectory(plannedNames: Set<String>) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BenchError("\(out) exists and is not a directory") }
            let strangers = try manager.contentsOfDirectory(atPath: out)
                .filter { !$0.hasPrefix(".") && !plannedNames.contains($0) }
            if !strangers.isEmpty {
                let examples = strangers.sorted().prefix(3).joined(separator: ", ")
                throw BenchError("\(out) holds \(strangers.count) other file(s) (\(examples)); `run` would read them too. Use an empty directory.")
            }
        } else {
            try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        }
    }

    private func printSummary(_ manifest: CorpusManifest, seconds: Double) {
        var lines: [String] = []
        if manifest.files.count <= 20 {
            var table = TextTable(headers: ["file", "MB", "lines", "reports", "MB on disk"],
                                  rightAligned: [false, true, true, true, true])
            for file in manifest.files {
                table.add([file.name, Format.fixed(Double(file.bytes) / 1e6, 1), Format.grouped(file.lines),
                           Format.grouped(Int64(file.reports)), Format.fixed(Double(file.diskBytes) / 1e6, 1)])
            }
            lines.append(table.render())
        }
        let gzipCount = manifest.files.filter(\.gzip).count
        lines.append("""
            wrote \(manifest.files.count) file(s) (\(gzipCount) gzipped) to \(out) in \(Format.fixed(seconds, 1)) s: \
            \(Format.grouped(manifest.bytes)) bytes of text, \(Format.grouped(manifest.lines)) lines, \
            \(manifest.reports) OOM-killer reports, \(Format.fixed(Double(manifest.diskBytes) / 1e6, 1)) MB on disk \
            (seed \(manifest.seed))
            """)
        print(lines.joined(separator: "\n"))
    }
}
