import Foundation

/// The contents of `pipeline.json`: where lines come from, the stages they go through, and the sinks.
public struct PipelineConfig: Sendable {
    /// One named component with its options, as written in the file.
    public struct Component: Sendable {
        public var type: String
        public var options: [String: JSONValue]
        public init(type: String, options: [String: JSONValue] = [:]) {
            self.type = type
            self.options = options
        }
    }

    /// The directories whose sink plugins were loaded, as written in the file.
    public var pluginDirectories: [String] = []
    /// The canonical paths of the plugins loaded from them.
    public var plugins: [String] = []
    public var sources: [Component]
    public var stages: [Component]
    public var sinks: [Component]

    public init(sources: [Component] = [], stages: [Component], sinks: [Component]) {
        self.sources = sources
        self.stages = stages
        self.sinks = sinks
    }

    /// Parses and validates `data` against `registry`.
    /// - Throws: ``ConfigError`` listing every problem, each with its JSON path.
    public static func parse(_ data: Data, file: String, registry: Registry) throws(ConfigError) -> PipelineConfig {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigError(file: file, issues: [ConfigIssue(path: "$", message: "not valid JSON: \(Self.describe(error))")])
        }
        return try ConfigValidator(registry: registry).validate(value, file: file)
    }

    /// Reads and validates the config file at `path`.
    public static func load(path: String, registry: Registry) throws(ConfigError) -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, issues: [ConfigIssue(path: "$", message: "cannot read the file")])
        }
        return try parse(data, file: path, registry: registry)
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let ctx) = error {
            if let underlying = ctx.underlyingError { return "\(underlying)" }
            return ctx.debugDescription
        }
        return "\(error)"
    }
}

/// One problem in a config file, at a JSON path such as `$.stages[1].options.max_lines`.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// A config that failed validation, with every problem found.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ConfigIssue]
    public init(file: String, issues: [ConfigIssue]) {
        self.file = file
        self.issues = issues
    }
    public var description: String {
        issues.map { "\(file): \($0)" }.joined(separator: "\n")
    }
}
