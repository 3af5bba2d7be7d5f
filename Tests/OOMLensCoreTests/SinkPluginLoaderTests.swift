import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// Sink plugins loaded with dlopen from the directories a config names: the example plugin end to end, and every
/// refusal (wrong API version, no version symbol, loose permissions, symbolic links out, relative paths).
struct SinkPluginLoaderTests {
    let example = "libExamplePluginSink.so"

    private func config(_ directories: [String], sinks: String) -> Data {
        let list = directories.map { "\"\($0)\"" }.joined(separator: ", ")
        return Data(#"{"plugin_directories": [\#(list)], "stages": [{"type": "tokenizer"}], "sinks": [\#(sinks)]}"#.utf8)
    }

    private func loadError(_ directory: String) -> String {
        do {
            let paths = try SinkPluginLoader.load(directory: directory, into: testRegistry())
            return "loaded \(paths)"
        } catch {
            return error.description
        }
    }

    @Test func examplePluginSinkWritesThroughTheHost() throws {
        let plugins = PluginDirectory.sharedExample
        let output = TemporaryDirectory()
        let out = output.path + "/kills.tsv"
        let registry = testRegistry()
        let cfg = try PipelineConfig.parse(config([plugins.path], sinks: #"{"type": "kill-log", "options": {"path": "\#(out)"}}"#),
                                           file: "test.json", registry: registry)
        #expect(cfg.plugins == [plugins.path + "/" + example])
        let descriptor = try #require(registry.descriptor(named: "kill-log"))
        #expect(descriptor.pluginPath == plugins.path + "/" + example)
        #expect(descriptor.targetOption == "path")
        #expect(descriptor.defaults["truncate"] == .bool(false))

        let context = SinkContext(writeStandardOutput: { _ in }, warn: { _ in })
        guard case .sink(let sink) = try descriptor.make(options: cfg.sinks[0].options, context: context) else {
            Issue.record("kill-log did not build a sink")
            return
        }
        var event = OOMEvent(id: "a1", kind: .oom, complete: true, source: .init(path: "syslog", first_line: 1, last_line: 9))
        event.host = "web-01"
        event.time = "2024-03-01T10:00:00Z"
        event.victim = OOMEvent.Victim(pid: 4242, comm: "java\tworker")
        event.victim?.anon_rss_kb = 1_048_576
        let other = OOMEvent(id: "b2", kind: .memoryDump, complete: false, source: .init(path: "syslog", first_line: 20, last_line: 30))
        try sink.write([event, other])
        try sink.write([event])  // an update of the same id is not written twice
        try sink.close()
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text == "2024-03-01T10:00:00Z\tweb-01\toom\tjava worker\t4242\t1048576\t-\n-\t-\tmemory-dump\t-\t-\t-\t-\n")
    }

    @Test func aSinkErrorThrownInThePluginIsTheHostsSinkError() throws {
        let plugins = PluginDirectory.sharedExample
        let registry = testRegistry()
        _ = try SinkPluginLoader.load(directory: plugins.path, into: registry)
        let descriptor = try #require(registry.descriptor(named: "kill-log"))
        let context = SinkContext(writeStandardOutput: { _ in }, warn: { _ in })
        do {
            _ = try descriptor.make(options: ["path": .string("/nonexistent-dir/kills.tsv")], context: context)
            Issue.record("the sink opened a file in a directory that does not exist")
        } catch let error as SinkError {
            #expect(error.sink == "kill-log")
            #expect(error.message.contains("/nonexistent-dir/kills.tsv"))
        }
    }

    @Test func pluginOfAnotherAPIVersionIsRefusedBeforeItsCodeRuns() throws {
        let plugins = PluginDirectory()
        let path = try plugins.install("libWrongVersionPlugin.so")
        // Its create function stops the process: reaching the next line shows the host never called it.
        let message = loadError(plugins.path)
        #expect(message.hasPrefix(path + ": "))
        #expect(message.contains("built for sink API version \(SinkPluginABI.version + 1), but this oomlens has version \(SinkPluginABI.version)"))
    }

    @Test func libraryWithoutTheVersionSymbolIsRefused() throws {
        // zlib, which this process has loaded: a real shared library, but not a plugin.
        let maps = String(decoding: try #require(FileHandle(forReadingAtPath: "/proc/self/maps")).readDataToEndOfFile(),
                          as: UTF8.self)
        let zlib = try #require(maps.split(separator: "\n").compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init)
        }.first { $0.hasPrefix("/") && $0.contains("/libz.so") })
        let plugins = PluginDirectory()
        let path = try plugins.install(file: zlib, as: "libz-copy.so")
        #expect(loadError(plugins.path) == "\(path): not an oomlens sink plugin: it has no oomlens_sink_api_version symbol")
    }

    @Test func pluginWritableByGroupIsRefused() throws {
        let plugins = PluginDirectory()
        let path = try plugins.install(example, mode: 0o664)
        #expect(loadError(plugins.path) == "\(path): refused: writable by group or others (mode 664)")
        chmod(path, 0o646)
        #expect(loadError(plugins.path) == "\(path): refused: writable by group or others (mode 646)")
    }

    @Test func pluginInAGroupWritableDirectoryIsRefused() throws {
        let plugins = PluginDirectory(mode: 0o775)
        try plugins.install(example)
        #expect(loadError(plugins.path) == "\(plugins.path): refused: writable by group or others (mode 775)")
    }

    @Test func pluginBelowAWritableDirectoryIsRefused() throws {
        let outer = PluginDirectory(mode: 0o777)
        let inner = outer.path + "/plugins"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
        chmod(inner, 0o755)
        try FileManager.default.copyItem(atPath: PluginDirectory.buildDirectory + "/" + example, toPath: inner + "/" + example)
        chmod(inner + "/" + example, 0o644)
        #expect(loadError(inner) == "\(outer.path): refused: writable by group or others (mode 777)")
    }

    @Test func symbolicLinkOutOfTheDirectoryIsRefused() throws {
        let plugins = PluginDirectory()
        let elsewhere = PluginDirectory()
        let target = try elsewhere.install(example)
        try FileManager.default.createSymbolicLink(atPath: plugins.path + "/" + example, withDestinationPath: target)
        #expect(loadError(plugins.path)
            == "\(plugins.path)/\(example): refused: a symbolic link that leads out of its directory, to \(target)")
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file to another user"))
    func pluginOwnedByAnotherUserIsRefused() throws {
        let plugins = PluginDirectory()
        let path = try plugins.install(example)
        try #require(chown(path, 54321, 54321) == 0)
        #expect(loadError(plugins.path) == "\(path): refused: owned by uid 54321, neither root nor the user running oomlens")
    }

    @Test func relativeOrMissingDirectoryIsRefused() throws {
        #expect(loadError("plugins") == "plugins: a plugin directory must be an absolute path")
        #expect(loadError("/nonexistent-oomlens-plugins") == "/nonexistent-oomlens-plugins: No such file or directory")
    }

    @Test func onlyTheConfiguredDirectoriesAreLoaded() throws {
        let plugins = PluginDirectory.sharedExample
        let registry = testRegistry()
        // No directory named: nothing is loaded, and the sink is unknown.
        let none = #"{"stages": [{"type": "tokenizer"}], "sinks": [{"type": "null"}]}"#
        let cfg = try PipelineConfig.parse(Data(none.utf8), file: "none.json", registry: registry)
        #expect(cfg.plugins.isEmpty)
        #expect(registry.descriptors.allSatisfy { $0.pluginPath == nil })
        // A config that loads the plugin, then one in the same process that does not name its directory.
        _ = try PipelineConfig.parse(config([plugins.path], sinks: #"{"type": "kill-log"}"#), file: "with.json", registry: registry)
        #expect { try PipelineConfig.parse(config([], sinks: #"{"type": "kill-log"}"#), file: "without.json", registry: registry) }
            throws: { "\($0)".contains("without.json: $.sinks[0].type: unknown component 'kill-log' (known: null)") }
    }

    @Test func pluginProblemsAreConfigIssuesWithTheirPath() throws {
        let plugins = PluginDirectory()
        let path = try plugins.install(example, mode: 0o666)
        let data = config(["relative", plugins.path], sinks: #"{"type": "null"}"#)
        #expect { try PipelineConfig.parse(data, file: "p.json", registry: testRegistry()) } throws: { error in
            let issues = (error as? ConfigError)?.issues.map(\.description) ?? []
            return issues == [
                "$.plugin_directories[0]: plugin not loaded: relative: a plugin directory must be an absolute path",
                "$.plugin_directories[1]: plugin not loaded: \(path): refused: writable by group or others (mode 666)",
            ]
        }
    }

    @Test func pluginSinkCannotTakeTheNameOfAnotherSink() throws {
        let registry = testRegistry()
        #expect(throws: SinkPluginError.self) {
            try registry.register(plugin: SinkPluginRegistration(sinks: [NullSink.self]), from: "/plugins/libnull.so")
        }
        try registry.register(plugin: SinkPluginRegistration(sinks: [RenamedSink.self]), from: "/plugins/a.so")
        try registry.register(plugin: SinkPluginRegistration(sinks: [RenamedSink.self]), from: "/plugins/a.so")
        #expect { try registry.register(plugin: SinkPluginRegistration(sinks: [RenamedSink.self]), from: "/plugins/b.so") }
            throws: { "\($0)" == "/plugins/b.so: its sink 'renamed' has the name of a sink of the plugin /plugins/a.so" }
    }
}
