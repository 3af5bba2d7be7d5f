import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// The built `oomlens` loading sink plugins from the directories its config names.
struct PluginCommandTests {
    let seed = OOMLensBinary.peerCases + "/seeds/seed-3.14-i686-lowmem.log"

    /// Writes a config that loads `directories` and sends events to `sinks` (JSON objects); returns its path.
    private func writeConfig(in dir: TemporaryDirectory, _ directories: [String], sinks: String) -> String {
        let list = directories.map { "\"\($0)\"" }.joined(separator: ", ")
        return dir.write("pipeline.json", """
            {
              "version": 1,
              "plugin_directories": [\(list)],
              "stages": [{ "type": "tokenizer" }, { "type": "oom-assembler" }, { "type": "diagnosis" }],
              "sinks": [\(sinks)]
            }
            """)
    }

    @Test func runWritesEveryEventThroughThePluginSink() throws {
        let plugins = PluginDirectory()
        try plugins.install("libExamplePluginSink.so")
        let work = TemporaryDirectory()
        let out = work.path + "/kills.tsv"
        let config = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "kill-log", "options": { "path": "\#(out)" } }"#)
        let r = try OOMLensBinary.run(["run", "--quiet", "--config", config, seed])
        #expect(r.status == 0, "\(r.stderr)")

        let jsonl = try OOMLensBinary.run(["run", "--quiet", "--output", "jsonl", seed])
        let event = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdoutLines[0].utf8)) as? [String: Any])
        let victim = try #require(event["victim"] as? [String: Any])
        let diagnosis = try #require(event["diagnosis"] as? [String: Any])
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 1)
        let fields = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(fields == [
            event["time"] as? String ?? "-", event["host"] as? String ?? "-", "oom", victim["comm"] as? String ?? "?",
            "\(victim["pid"] as? Int ?? -1)", (victim["anon_rss_kb"] as? Int).map { "\($0)" } ?? "-",
            diagnosis["cause"] as? String ?? "?",
        ])
    }

    @Test func outputOptionNamesAPluginSinkOfTheConfig() throws {
        let plugins = PluginDirectory()
        try plugins.install("libExamplePluginSink.so")
        let work = TemporaryDirectory()
        let config = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "console" }"#)
        let r = try OOMLensBinary.run(["run", "--quiet", "--config", config, "--output", "kill-log:-", seed])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1)
        #expect(r.stdout.split(separator: "\t").count == 7)
    }

    @Test func stagesAndValidateSeeThePluginSink() throws {
        let plugins = PluginDirectory()
        let library = try plugins.install("libExamplePluginSink.so")
        let work = TemporaryDirectory()
        let config = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "kill-log", "options": { "truncat": true } }"#)
        let stages = try OOMLensBinary.run(["stages", "--config", config])
        #expect(stages.status == 1)
        #expect(stages.stderr.contains("$.sinks[0].options.truncat: unknown option of 'kill-log' (known: path, truncate)"))

        let good = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "kill-log", "options": { "truncate": true } }"#)
        let valid = try OOMLensBinary.run(["validate", good])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.contains("valid (3 stage(s), 1 sink(s), 1 plugin(s) loaded)"))
        let listed = try OOMLensBinary.run(["stages", "--config", good])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("  kill-log: One tab-separated line per event"))
        #expect(listed.stdout.contains("    (plugin \(library))"))
        #expect(listed.stdout.contains("    truncate (boolean, default false)"))
        // Without the config, the plugin is not loaded.
        #expect(!(try OOMLensBinary.run(["stages"])).stdout.contains("kill-log"))
    }

    @Test func groupWritablePluginIsAConfigError() throws {
        let plugins = PluginDirectory()
        let library = try plugins.install("libExamplePluginSink.so", mode: 0o664)
        let work = TemporaryDirectory()
        let config = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "kill-log" }"#)
        let r = try OOMLensBinary.run(["validate", config])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(config): $.plugin_directories[0]: plugin not loaded: \(library): refused: writable by group or others (mode 664)"))
        let run = try OOMLensBinary.run(["run", "--config", config, seed])
        #expect(run.status == 2)
        #expect(run.stderr.contains("refused: writable by group or others"))
    }

    @Test func pluginOfAnotherAPIVersionStopsTheRunCleanly() throws {
        let plugins = PluginDirectory()
        let library = try plugins.install("libWrongVersionPlugin.so")
        let work = TemporaryDirectory()
        let config = writeConfig(in: work, [plugins.path], sinks: #"{ "type": "console" }"#)
        let r = try OOMLensBinary.run(["run", "--config", config, seed])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(library): built for sink API version \(SinkPluginABI.version + 1), but this oomlens has version \(SinkPluginABI.version)"))
        #expect(!r.stderr.contains("Fatal error"))
    }
}
