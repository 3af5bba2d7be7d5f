import Foundation
import Testing

struct ConfigCommandTests {
    @Test func shippedPipelineIsValid() throws {
        let r = try OOMLensBinary.run(["validate", "pipeline.json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("valid"))
    }

    @Test func validateNamesEachProblemWithItsPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oomlens-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"stages": [{"type": "tokenizer", "options": {"split_escapes": 3}}, {"type": "nope"}], "sinks": [{"options": {}}]}"#.utf8)
            .write(to: bad)
        let r = try OOMLensBinary.run(["validate", bad.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("$.stages[0].options.split_escapes: expected boolean, got integer"))
        #expect(r.stderr.contains("$.stages[1].type: unknown component 'nope'"))
        #expect(r.stderr.contains("$.sinks[0].type: missing field"))
    }

    @Test func publishedSchemaMatchesTheRegistry() throws {
        let r = try OOMLensBinary.run(["schema"])
        #expect(r.status == 0)
        let published = try String(contentsOf: OOMLensBinary.repoRoot.appendingPathComponent("schema/pipeline.schema.json"),
                                   encoding: .utf8)
        #expect(r.stdout == published, "schema/pipeline.schema.json is stale: regenerate it with `oomlens schema`")
    }

    @Test func stagesListsEveryComponent() throws {
        let r = try OOMLensBinary.run(["stages"])
        for name in ["files", "tokenizer", "oom-assembler", "console", "jsonl", "max_line_bytes", "keep_raw"] {
            #expect(r.stdout.contains(name), "\(name) missing")
        }
    }

    @Test func everySubcommandHasHelp() throws {
        for sub in ["run", "validate", "stages", "schema"] {
            let r = try OOMLensBinary.run([sub, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
    }
}
