import Foundation
import OOMLensCore

/// Where the pipeline config comes from: `--config`, else `./pipeline.json`, else the built-in default.
enum DefaultConfig {
    static let json = """
        {
          "version": 1,
          "stages": [
            { "type": "tokenizer" },
            { "type": "oom-assembler" },
            { "type": "diagnosis" }
          ],
          "sinks": [
            { "type": "console" }
          ]
        }
        """

    static func load(_ path: String?, registry: Registry, strict: Bool) throws(ConfigError) -> PipelineConfig {
        if let path { return try loadFile(path, registry: registry, strict: strict) }
        if FileManager.default.fileExists(atPath: "pipeline.json") {
            return try loadFile("pipeline.json", registry: registry, strict: strict)
        }
        return try PipelineConfig.parse(Data(json.utf8), file: "<built-in>", registry: registry)
    }

    /// Loads a config file after checking who may write it: a warning, or with `strict` a refusal, when others
    /// can change it.
    static func loadFile(_ path: String, registry: Registry, strict: Bool) throws(ConfigError) -> PipelineConfig {
        if let problem = ConfigFilePermissions.problem(path: path) {
            if strict {
                throw ConfigError(file: path, issues: [ConfigIssue(path: "$", message: "refused (--strict): \(problem)")])
            }
            StandardStreams.err("oomlens: warning: \(problem)\n")
        }
        return try PipelineConfig.load(path: path, registry: registry)
    }
}
