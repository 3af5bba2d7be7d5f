import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import Testing

/// A registry like the tool's, with the stages of this module and a sink defined here.
func testRegistry() -> Registry {
    let r = Registry()
    r.register(stage: TokenizerStage.self)
    r.register(stage: OOMBlockAssemblerStage.self)
    r.register(sink: NullSink.self)
    return r
}

/// A sink that drops events; it exists to give the registry a sink with options.
final class NullSink: RegisteredSink {
    struct Options: ComponentOptions {
        var path: String = ""
        var level: Int = 1
        var tags: [String] = []
    }
    static let name = "null"
    static let summary = "drops events"
    init(options: Options, context: SinkContext) throws(SinkError) {}
    func write(_ events: [OOMEvent]) throws(SinkError) {}
    func flush() throws(SinkError) {}
    func close() throws(SinkError) {}
}

struct ConfigValidationTests {
    func issues(_ json: String) -> [String] {
        do {
            _ = try PipelineConfig.parse(Data(json.utf8), file: "p.json", registry: testRegistry())
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func validConfigParses() throws {
        let cfg = try PipelineConfig.parse(Data("""
            {"version": 1, "sources": [{"type": "files", "options": {"paths": ["a"], "max_line_bytes": 4096}}],
             "stages": [{"type": "tokenizer", "options": {"split_escapes": false}}, {"type": "oom-assembler"}],
             "sinks": [{"type": "null", "options": {"level": 3, "tags": ["x"]}}]}
            """.utf8), file: "p.json", registry: testRegistry())
        #expect(cfg.stages.map(\.type) == ["tokenizer", "oom-assembler"])
        #expect(cfg.sinks.first?.options["level"] == .int(3))
    }

    @Test func unknownStageIsNamedWithItsPath() {
        let found = issues(#"{"stages": [{"type": "tokenizer"}, {"type": "tokeniser"}], "sinks": []}"#)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("$.stages[1].type: unknown component 'tokeniser'") == true)
        #expect(found.first?.contains("tokenizer") == true)
    }

    @Test func wrongOptionTypeIsNamed() {
        let found = issues(#"{"stages": [{"type": "tokenizer", "options": {"split_escapes": "yes"}}], "sinks": []}"#)
        #expect(found == ["$.stages[0].options.split_escapes: expected boolean, got string"])
        let arr = issues(#"{"stages": [], "sinks": [{"type": "null", "options": {"tags": [1, 2]}}]}"#)
        #expect(arr == ["$.sinks[0].options.tags: expected array of string, got array"])
        let num = issues(#"{"stages": [], "sinks": [{"type": "null", "options": {"level": 1.5}}]}"#)
        #expect(num == ["$.sinks[0].options.level: expected integer, got number"])
    }

    @Test func missingFieldsAreNamed() {
        #expect(issues(#"{"sinks": []}"#) == ["$.stages: missing field"])
        #expect(issues(#"{"stages": [{"options": {}}], "sinks": []}"#) == ["$.stages[0].type: missing field"])
    }

    @Test func unknownOptionAndUnknownFieldAreNamed() {
        let found = issues(#"{"stages": [{"type": "tokenizer", "options": {"fast": true}}], "sinks": [], "extra": 1}"#)
        #expect(found.contains { $0.hasPrefix("$.extra: unknown field") })
        #expect(found.contains { $0.hasPrefix("$.stages[0].options.fast: unknown option of 'tokenizer'") })
    }

    @Test func aSinkIsNotAStageAndViceVersa() {
        let found = issues(#"{"stages": [{"type": "null"}], "sinks": [{"type": "tokenizer"}]}"#)
        #expect(found == ["$.stages[0].type: 'null' is a sink, not a stage",
                          "$.sinks[0].type: 'tokenizer' is a stage, not a sink"])
    }

    @Test func invalidJSONIsReported() {
        let found = issues(#"{"stages": [ "#)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("$: not valid JSON") == true)
    }

    @Test func optionsTakeDefaultsAndOverrides() throws {
        let d = try #require(testRegistry().descriptor(named: "files"))
        #expect(d.defaults["max_line_bytes"] == .int(1 << 20))
        #expect(d.defaults["paths"] == .array([]))
    }

    @Test func schemaListsEveryComponentAndOption() throws {
        let schema = ConfigSchema.make(testRegistry())
        let data = try JSONEncoder().encode(schema)
        let text = String(decoding: data, as: UTF8.self)
        for name in ["tokenizer", "oom-assembler", "null", "files", "split_escapes", "max_lines_per_report"] {
            #expect(text.contains("\"\(name)\""), "schema lacks \(name)")
        }
    }
}
