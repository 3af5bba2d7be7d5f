import OOMLensCore

/// Turns `--output NAME[:TARGET]` values into sink components.
enum OutputOption {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func sinks(_ values: [String], registry: Registry) throws -> [PipelineConfig.Component] {
        try values.map { value in
            var name = value
            var target: String?
            if let colon = value.firstIndex(of: ":") {
                name = String(value[..<colon])
                target = String(value[value.index(after: colon)...])
            }
            if name == "text" { name = "console" }
            guard let d = registry.descriptor(named: name), d.role == .sink else {
                let known = registry.names(role: .sink).joined(separator: ", ")
                throw Problem(description: "--output \(value): unknown sink '\(name)' (known: \(known), text)")
            }
            var options: [String: JSONValue] = [:]
            if let target {
                guard let key = d.targetOption else {
                    throw Problem(description: "--output \(value): sink '\(name)' takes no target")
                }
                options[key] = .string(target)
            }
            return PipelineConfig.Component(type: name, options: options)
        }
    }
}
