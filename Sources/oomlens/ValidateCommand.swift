import ArgumentParser
import OOMLensCore

/// `oomlens validate`: checks a pipeline config and names every problem with its JSON path.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline config: unknown stages or sinks, unknown options, wrong types, missing fields."
    )

    @Flag(name: .long, help: "Refuse a config file that group or others can write (without it: a warning).")
    var strict = false

    @Argument(help: "Config file (default: pipeline.json).")
    var file: String = "pipeline.json"

    func run() throws {
        let registry = Registrations.makeRegistry()
        do {
            let cfg = try DefaultConfig.loadFile(file, registry: registry, strict: strict)
            let plugins = cfg.plugins.isEmpty ? "" : ", \(cfg.plugins.count) plugin(s) loaded"
            print("\(file): valid (\(cfg.stages.count) stage(s), \(cfg.sinks.count) sink(s)\(plugins))")
        } catch {
            StandardStreams.err("\(error)\n")
            throw ExitCode(1)
        }
    }
}
