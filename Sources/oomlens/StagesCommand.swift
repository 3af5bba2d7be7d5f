import ArgumentParser
import OOMLensCore

/// `oomlens stages`: lists every source, stage and sink with its options and defaults.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List every source, stage and sink with its options and their defaults.",
        discussion: "With --config, the sinks of the plugins in that config's plugin_directories are listed too."
    )

    @Option(name: .long, help: "A pipeline config whose sink plugins are loaded and listed as well.")
    var config: String?

    func run() throws {
        let registry = Registrations.makeRegistry()
        if let config {
            do { _ = try PipelineConfig.load(path: config, registry: registry) } catch {
                StandardStreams.err("\(error)\n")
                throw ExitCode(1)
            }
        }
        var out = ""
        for role in [ComponentDescriptor.Role.source, .lineStage, .eventStage, .sink] {
            let ds = registry.descriptors.filter { $0.role == role }
            if ds.isEmpty { continue }
            out += "\(role.rawValue)s:\n"
            for d in ds {
                out += "  \(d.name): \(d.summary)\n"
                if let plugin = d.pluginPath { out += "    (plugin \(plugin))\n" }
                for key in d.defaults.keys.sorted() {
                    let def = d.defaults[key]!
                    out += "    \(key) (\(def.typeName), default \(Self.render(def)))"
                    if let doc = d.documentation[key] { out += ": \(doc)" }
                    out += "\n"
                }
            }
        }
        print(out, terminator: "")
    }

    static func render(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(render).joined(separator: ", ") + "]"
        case .object: "{…}"
        }
    }
}
