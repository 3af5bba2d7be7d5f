import ArgumentParser
import Foundation
import OOMLensCore

/// `oomlens schema`: prints the JSON Schema of the pipeline config, built from the registry.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of pipeline.json (the published copy is schema/pipeline.schema.json)."
    )

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(ConfigSchema.make(Registrations.makeRegistry()))
        print(String(decoding: data, as: UTF8.self))
    }
}
