/// Builds the JSON Schema of `pipeline.json` from the registry, so the published schema cannot drift.
public enum ConfigSchema {
    /// The schema as a JSON value (draft 2020-12).
    public static func make(_ registry: Registry) -> JSONValue {
        func componentSchema(_ d: ComponentDescriptor) -> JSONValue {
            var props: [String: JSONValue] = [:]
            for (key, def) in d.defaults {
                var p: [String: JSONValue] = ["type": .string(jsonSchemaType(def)), "default": def]
                if case .array(let proto) = def {
                    p["items"] = .object(["type": .string(proto.first.map(jsonSchemaType) ?? "string")])
                }
                if let doc = d.documentation[key] { p["description"] = .string(doc) }
                props[key] = .object(p)
            }
            return .object([
                "type": .string("object"),
                "description": .string(d.summary),
                "properties": .object([
                    "type": .object(["const": .string(d.name)]),
                    "comment": .object(["type": .string("string")]),
                    "options": .object([
                        "type": .string("object"),
                        "additionalProperties": .bool(false),
                        "properties": .object(props),
                    ]),
                ]),
                "required": .array([.string("type")]),
                "additionalProperties": .bool(false),
            ])
        }
        func list(_ roles: [ComponentDescriptor.Role]) -> JSONValue {
            let ds = registry.descriptors.filter { roles.contains($0.role) }.sorted { $0.name < $1.name }
            return .object(["type": .string("array"), "items": .object(["oneOf": .array(ds.map(componentSchema))])])
        }
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "title": .string("OOMLens pipeline configuration"),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "required": .array([.string("stages"), .string("sinks")]),
            "properties": .object([
                "$schema": .object(["type": .string("string")]),
                "description": .object(["type": .string("string")]),
                "version": .object(["const": .int(1)]),
                "sources": list([.source]),
                "stages": list([.lineStage, .eventStage]),
                "sinks": list([.sink]),
            ]),
        ])
    }

    private static func jsonSchemaType(_ v: JSONValue) -> String {
        v.typeName
    }
}
