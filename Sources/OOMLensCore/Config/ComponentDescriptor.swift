import Foundation
import OOMLensSinkAPI

/// Everything the registry knows of one stage, sink or source: its name, role, options and constructor.
public struct ComponentDescriptor: @unchecked Sendable {
    /// What a component is.
    public enum Role: String, Sendable {
        case source, lineStage = "line-stage", eventStage = "event-stage", sink
        var word: String {
            switch self {
            case .source: "source"
            case .lineStage, .eventStage: "stage"
            case .sink: "sink"
            }
        }
    }

    /// A component built from its options.
    public enum Built {
        case lineStage(any LineStage)
        case eventStage(any EventStage)
        case sink(any EventSink)
        case source(any ComponentOptions)
    }

    public let name: String
    public let summary: String
    public let role: Role
    /// The defaults of every option, as JSON (snake_case keys).
    public let defaults: [String: JSONValue]
    public let documentation: [String: String]
    /// For sinks: the option that `--output NAME:TARGET` sets.
    public let targetOption: String?
    /// For sinks of a plugin loaded at run time: the canonical path of its `.so` file.
    public let pluginPath: String?
    let build: ([String: JSONValue], SinkContext) throws -> Built
    /// Decodes options without building: the last word on types the defaults cannot show (empty arrays).
    let typeCheck: ([String: JSONValue]) -> (key: String, expected: String)?

    init<O: ComponentOptions>(name: String, summary: String, role: Role, options: O.Type, targetOption: String? = nil,
                              pluginPath: String? = nil, build: @escaping (O, SinkContext) throws -> Built) {
        self.name = name
        self.summary = summary
        self.role = role
        self.targetOption = targetOption
        self.pluginPath = pluginPath
        self.documentation = O.documentation
        self.defaults = OptionsCoding.encode(O()).objectValue ?? [:]
        self.typeCheck = { json in
            do {
                _ = try OptionsCoding.decode(O.self, from: json)
                return nil
            } catch let DecodingError.typeMismatch(type, ctx) {
                let key = ctx.codingPath.first.map { OptionsCoding.snakeCase($0.stringValue) } ?? "?"
                let inArray = ctx.codingPath.count > 1
                return (key, (inArray ? "array of " : "") + OptionsCoding.jsonTypeName(type))
            } catch {
                return nil
            }
        }
        self.build = { json, ctx in
            let merged = try OptionsCoding.decode(O.self, from: json)
            return try build(merged, ctx)
        }
    }

    /// Problems with `options` for this component: unknown names and wrong JSON types.
    public func check(options: [String: JSONValue], at path: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            guard let expected = defaults[key] else {
                let known = defaults.keys.sorted().joined(separator: ", ")
                issues.append(ConfigIssue(path: "\(path).\(key)",
                                          message: "unknown option of '\(name)' (known: \(known.isEmpty ? "none" : known))"))
                continue
            }
            if !value.isAssignable(to: expected) {
                var want = expected.typeName
                if case .array(let proto) = expected, let first = proto.first { want = "array of \(first.typeName)" }
                issues.append(ConfigIssue(path: "\(path).\(key)", message: "expected \(want), got \(value.typeName)"))
            }
        }
        if issues.isEmpty, let (key, expected) = typeCheck(options), let value = options[key] {
            issues.append(ConfigIssue(path: "\(path).\(key)", message: "expected \(expected), got \(value.typeName)"))
        }
        return issues
    }

    /// Builds the component from validated options (missing options take their defaults).
    public func make(options: [String: JSONValue], context: SinkContext) throws -> Built {
        try build(options, context)
    }
}

/// JSON coding of options types: snake_case keys, defaults filled in from `init()`.
enum OptionsCoding {
    static func encode<O: ComponentOptions>(_ value: O) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value),
              let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .object([:]) }
        return json
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "integer"
        case is Double.Type, is Float.Type: "number"
        case is [String].Type: "array"
        default: "\(type)"
        }
    }

    /// `maxLineBytes` → `max_line_bytes`, as the snake-case key strategy writes it.
    static func snakeCase(_ key: String) -> String {
        if key.contains("_") { return key }
        var out = ""
        for c in key {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func decode<O: ComponentOptions>(_ type: O.Type, from options: [String: JSONValue]) throws -> O {
        var merged = encode(O()).objectValue ?? [:]
        for (k, v) in options { merged[k] = v }
        let data = try JSONEncoder().encode(JSONValue.object(merged))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(O.self, from: data)
    }
}
