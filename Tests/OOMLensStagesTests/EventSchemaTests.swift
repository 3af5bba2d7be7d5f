import Foundation
import OOMLensSinkAPI
import Testing

/// The published event schema (`schema/event.schema.json`) describes every field the decoders emit.
struct EventSchemaTests {
    nonisolated(unsafe) static let schema: [String: Any] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let data = FileManager.default.contents(atPath: url.appendingPathComponent("schema/event.schema.json").path)
        return (data.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]) ?? [:]
    }()

    /// Every key of `value` is declared in `schema` (objects with closed properties), recursively.
    func undeclared(_ value: Any, _ schema: [String: Any], _ path: String) -> [String] {
        var out: [String] = []
        if let obj = value as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            let extra = schema["additionalProperties"]
            for (k, v) in obj {
                if let sub = props[k] as? [String: Any] {
                    out += undeclared(v, sub, path + "." + k)
                } else if let sub = extra as? [String: Any] {
                    out += undeclared(v, sub, path + "." + k)
                } else if extra as? Bool == false || extra == nil {
                    out.append(path + "." + k)
                }
            }
        } else if let arr = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in arr.enumerated() { out += undeclared(v, items, "\(path)[\(i)]") }
        }
        return out
    }

    @Test func everyEmittedFieldIsInThePublishedSchema() throws {
        #expect(!Self.schema.isEmpty, "schema/event.schema.json missing")
        let folders = ["OOMAnalyser", "cadvisor", "gpud", "oom-messages-exporter", "oom_investigate", "parseoom", "seeds"]
        var checked = 0
        let encoder = JSONEncoder()
        for folder in folders {
            for c in PeerCases.cases(folder) {
                for e in PeerCases.events(c.inputs, keepRaw: true) {
                    let obj = try JSONSerialization.jsonObject(with: try encoder.encode(e))
                    let missing = undeclared(obj, Self.schema, "$")
                    #expect(missing.isEmpty, "\(c.inputs[0]): \(Set(missing.map { $0.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression) }).sorted())")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    @Test func requiredFieldsAreAlwaysWritten() throws {
        let required = Self.schema["required"] as? [String] ?? []
        #expect(required.contains("id"))
        let e = OOMEvent(id: "x", kind: .memoryDump, complete: false, source: .init(path: "-", first_line: 1, last_line: 1))
        let obj = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(e)) as? [String: Any])
        for key in required { #expect(obj[key] != nil, "\(key)") }
    }
}
