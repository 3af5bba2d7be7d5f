import ArgumentParser
import OOMLensCore

/// `oomlens validate`: checks a pipeline config and names every problem with its JSON path.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline config: unknown stages or sinks, unknown options, wrong types, missing fields."
    )

    @Argument(help: "Config file (default: pipeline.json).")
    var file: String = "pipeline.json"

    func run() throws {
        let registry = Registrations.makeRegistry()
        do {
            let cfg = try PipelineConfig.load(path: file, registry: registry)
            let plugins = cfg.plugins.isEmpty ? "" : ", \(cfg.plugins.count) plugin(s) loaded"
            print("\(file): valid (\(cfg.stages.count) stage(s), \(cfg.sinks.count) sink(s)\(plugins))")
        } catch {
            StandardStreams.err("\(error)\n")
            throw ExitCode(1)
        }
    }
}
