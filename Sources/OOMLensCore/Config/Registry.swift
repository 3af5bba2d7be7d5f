import OOMLensSinkAPI

/// Maps the names used in `pipeline.json` to stage, sink and source types. The command-line tool fills it
/// with one registration line per component; the core itself registers only its file source.
public final class Registry: @unchecked Sendable {
    public private(set) var descriptors: [ComponentDescriptor] = []

    public init() {
        register(source: "files", summary: "Files, directories, globs or - (stdin); rotation sets oldest first",
                 options: FileSourceOptions.self)
    }

    public func register<S: RegisteredLineStage>(stage: S.Type) {
        add(ComponentDescriptor(name: S.name, summary: S.summary, role: .lineStage, options: S.Options.self) { o, _ in
            .lineStage(try S(options: o))
        })
    }

    public func register<S: RegisteredEventStage>(stage: S.Type) {
        add(ComponentDescriptor(name: S.name, summary: S.summary, role: .eventStage, options: S.Options.self) { o, _ in
            .eventStage(try S(options: o))
        })
    }

    public func register<S: RegisteredSink>(sink: S.Type) {
        register(sink: S.self, pluginPath: nil)
    }

    /// Registers the sinks of a plugin loaded from `path`. Loading the same plugin again replaces its entries.
    /// - Throws: ``SinkPluginError`` when a sink's name is taken by a built-in sink or another plugin's.
    public func register(plugin: SinkPluginRegistration, from path: String) throws(SinkPluginError) {
        for sink in plugin.sinks {
            if let taken = descriptor(named: sink.name), taken.pluginPath != path {
                let owner = taken.pluginPath.map { "the plugin \($0)" } ?? "oomlens itself"
                throw SinkPluginError(path: path, reason: "its sink '\(sink.name)' has the name of a \(taken.role.word) of \(owner)")
            }
        }
        for sink in plugin.sinks { register(sink: sink, pluginPath: path) }
    }

    private func register<S: RegisteredSink>(sink: S.Type, pluginPath: String?) {
        add(ComponentDescriptor(name: S.name, summary: S.summary, role: .sink, options: S.Options.self,
                                targetOption: S.targetOption, pluginPath: pluginPath) { o, ctx in
            .sink(try S(options: o, context: ctx))
        })
    }

    public func register<O: ComponentOptions>(source name: String, summary: String, options: O.Type) {
        add(ComponentDescriptor(name: name, summary: summary, role: .source, options: O.self) { o, _ in .source(o) })
    }

    private func add(_ d: ComponentDescriptor) {
        descriptors.removeAll { $0.name == d.name }
        descriptors.append(d)
    }

    public func descriptor(named name: String) -> ComponentDescriptor? {
        descriptors.first { $0.name == name }
    }

    /// Names of the components with `role` (stages of both kinds when `role` is nil).
    public func names(role: ComponentDescriptor.Role?) -> [String] {
        descriptors.filter { d in
            guard let role else { return d.role == .lineStage || d.role == .eventStage }
            return d.role == role
        }.map(\.name)
    }
}

/// Options of the `files` source.
public struct FileSourceOptions: ComponentOptions {
    /// Files, directories or globs; `-` is standard input. Command-line paths replace these.
    public var paths: [String] = []
    /// Longest line kept; longer lines are cut there and counted.
    public var maxLineBytes: Int = 1 << 20
    /// Bytes read (or inflated) at a time.
    public var readBytes: Int = 1 << 20
    /// Lines handed from stage to stage at a time: the queue depth between the reader and the stages.
    public var batchLines: Int = 1024
    public init() {}
    public static var documentation: [String: String] {
        [
            "paths": "Files, directories or glob patterns to read; '-' is standard input. Paths on the command line replace them.",
            "max_line_bytes": "Longest line kept, in bytes; a longer line is cut there and counted in the summary.",
            "read_bytes": "Bytes read or inflated at a time.",
            "batch_lines": "Lines handed from the reader to the stages at a time (the queue depth between them): reading waits while a batch goes through the stages and sinks, so memory does not grow with the input. Full batches are counted.",
        ]
    }
}
