import ArgumentParser
import OOMLensCore
import OOMLensSinkAPI

/// `oomlens run`: reads logs once, start to end, and writes every report found.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read logs (files, directories, globs, or - for stdin) and report every OOM event.",
        discussion: """
            Rotation sets (syslog.2.gz, syslog.1, syslog) are read oldest first as one stream. Gzip is \
            recognised by content. Progress and the run summary go to stderr; with --output jsonl, stdout \
            carries only events. The exit status is 1 when an input could not be read completely.
            """
    )

    @Option(name: .long, help: "Pipeline config (default: ./pipeline.json if present, else built in).")
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Replace the configured sinks: 'jsonl' (JSON Lines on stdout), 'text' (readable reports on stdout), or NAME:TARGET.", valueName: "jsonl|text|NAME[:TARGET]"))
    var output: [String] = []

    @Option(name: .long, help: "2 (default): decompress ahead on a thread of its own and decode and write events on another, beside framing and tokenizing; 1: one thread. The output is the same.")
    var threads: Int = 2

    @Flag(name: .long, help: "Refuse a config file that group or others can write (without it: a warning).")
    var strict = false

    @Flag(name: .long, help: "No progress line and no summary on stderr.")
    var quiet = false

    @Argument(help: "Inputs; paths in the config's files source are used when none are given.")
    var paths: [String] = []

    func run() throws {
        let registry = Registrations.makeRegistry()
        var cfg: PipelineConfig
        do { cfg = try DefaultConfig.load(config, registry: registry, strict: strict) } catch {
            StandardStreams.err("\(error)\n")
            throw ExitCode(2)
        }
        if !output.isEmpty {
            do { cfg.sinks = try OutputOption.sinks(output, registry: registry) } catch {
                StandardStreams.err("oomlens: \(error)\n")
                throw ExitCode(2)
            }
        }
        let built: PipelineBuilder.Built
        guard threads == 1 || threads == 2 else {
            StandardStreams.err("oomlens: --threads must be 1 or 2\n")
            throw ExitCode(2)
        }
        do { built = try PipelineBuilder.build(cfg, registry: registry, deliveryThread: threads == 2) } catch {
            StandardStreams.err("oomlens: \(error)\n")
            throw ExitCode(2)
        }
        let inputs = paths.isEmpty ? built.sourcePaths : paths
        if inputs.isEmpty {
            StandardStreams.err("oomlens: no input: give paths, or - for standard input\n")
            throw ExitCode(2)
        }
        let (files, resolveErrors) = InputResolver.resolve(inputs)
        let showProgress = !quiet && StandardStreams.stderrIsTerminal
        var progress: ((ProgressSnapshot) -> Void)?
        if showProgress { progress = { ProgressLine.show($0) } }
        let summary = built.pipeline.run(files, initialErrors: resolveErrors, progress: progress)
        if showProgress { ProgressLine.clear() }
        if !quiet || !summary.errors.isEmpty { StandardStreams.err(summary.render()) }
        if !summary.errors.isEmpty { throw ExitCode(1) }
    }
}
