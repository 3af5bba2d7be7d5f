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

    static func load(_ path: String?, registry: Registry) throws(ConfigError) -> PipelineConfig {
        if let path { return try PipelineConfig.load(path: path, registry: registry) }
        if FileManager.default.fileExists(atPath: "pipeline.json") {
            return try PipelineConfig.load(path: "pipeline.json", registry: registry)
        }
        return try PipelineConfig.parse(Data(json.utf8), file: "<built-in>", registry: registry)
    }
}
