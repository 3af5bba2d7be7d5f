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
        func builtIn(_ roles: [ComponentDescriptor.Role]) -> [ComponentDescriptor] {
            registry.descriptors.filter { roles.contains($0.role) && $0.pluginPath == nil }.sorted { $0.name < $1.name }
        }
        func list(_ roles: [ComponentDescriptor.Role], plus extra: [JSONValue] = []) -> JSONValue {
            let items = builtIn(roles).map(componentSchema) + extra
            return .object(["type": .string("array"), "items": .object(["oneOf": .array(items)])])
        }
        // A sink of a plugin: any other name; its options are checked by `oomlens validate` once it is loaded.
        let pluginSink: JSONValue = .object([
            "type": .string("object"),
            "description": .string("A sink from a plugin in one of the plugin_directories"),
            "properties": .object([
                "type": .object([
                    "type": .string("string"),
                    "not": .object(["enum": .array(builtIn([.sink]).map { .string($0.name) })]),
                ]),
                "comment": .object(["type": .string("string")]),
                "options": .object(["type": .string("object")]),
            ]),
            "required": .array([.string("type")]),
            "additionalProperties": .bool(false),
        ])
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
                "plugin_directories": .object([
                    "type": .string("array"),
                    "items": .object(["type": .string("string")]),
                    "description": .string("Absolute paths of directories whose sink plugins (*.so) are loaded at start; only root or the user running oomlens may be able to write them."),
                ]),
                "sources": list([.source]),
                "stages": list([.lineStage, .eventStage]),
                "sinks": list([.sink], plus: [pluginSink]),
            ]),
        ])
    }

    private static func jsonSchemaType(_ v: JSONValue) -> String {
        v.typeName
    }
}
