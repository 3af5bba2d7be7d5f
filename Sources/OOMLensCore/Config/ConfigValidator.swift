/// Checks a parsed `pipeline.json` against the registry: known components, known options, right JSON types.
/// The sink plugins of `plugin_directories` are loaded into the registry first, so their sinks can be checked.
struct ConfigValidator {
    let registry: Registry

    func validate(_ root: JSONValue, file: String) throws(ConfigError) -> PipelineConfig {
        var issues: [ConfigIssue] = []
        guard let top = root.objectValue else {
            throw ConfigError(file: file, issues: [ConfigIssue(path: "$", message: "expected an object, got \(root.typeName)")])
        }
        let allowed = ["version", "plugin_directories", "sources", "stages", "sinks", "$schema", "description"]
        for key in top.keys.sorted() where !allowed.contains(key) {
            issues.append(ConfigIssue(path: "$.\(key)", message: "unknown field (allowed: \(allowed.joined(separator: ", ")))"))
        }
        if let v = top["version"], v != .int(1) {
            issues.append(ConfigIssue(path: "$.version", message: "unsupported version (this build reads version 1)"))
        }
        let (directories, plugins) = loadPlugins(top["plugin_directories"], &issues)
        let loaded = Set(plugins)
        let sources = components(top["sources"], at: "$.sources", role: .source, required: false, loaded, &issues)
        let stages = components(top["stages"], at: "$.stages", role: nil, required: true, loaded, &issues)
        let sinks = components(top["sinks"], at: "$.sinks", role: .sink, required: true, loaded, &issues)
        if !issues.isEmpty { throw ConfigError(file: file, issues: issues) }
        var config = PipelineConfig(sources: sources, stages: stages, sinks: sinks)
        config.pluginDirectories = directories
        config.plugins = plugins
        return config
    }

    /// Loads the plugins of every directory in `value` (an array of absolute paths) into the registry.
    private func loadPlugins(_ value: JSONValue?, _ issues: inout [ConfigIssue]) -> (directories: [String], plugins: [String]) {
        guard let value else { return ([], []) }
        guard case .array(let items) = value else {
            issues.append(ConfigIssue(path: "$.plugin_directories", message: "expected an array, got \(value.typeName)"))
            return ([], [])
        }
        var directories: [String] = []
        var plugins: [String] = []
        for (i, item) in items.enumerated() {
            let here = "$.plugin_directories[\(i)]"
            guard let directory = item.stringValue else {
                issues.append(ConfigIssue(path: here, message: "expected a string, got \(item.typeName)"))
                continue
            }
            directories.append(directory)
            do {
                plugins += try SinkPluginLoader.load(directory: directory, into: registry)
            } catch {
                issues.append(ConfigIssue(path: here, message: "plugin not loaded: \(error)"))
            }
        }
        return (directories, plugins)
    }

    private func components(_ value: JSONValue?, at path: String, role: ComponentDescriptor.Role?, required: Bool,
                            _ plugins: Set<String>, _ issues: inout [ConfigIssue]) -> [PipelineConfig.Component] {
        guard let value else {
            if required { issues.append(ConfigIssue(path: path, message: "missing field")) }
            return []
        }
        guard case .array(let items) = value else {
            issues.append(ConfigIssue(path: path, message: "expected an array, got \(value.typeName)"))
            return []
        }
        var out: [PipelineConfig.Component] = []
        for (i, item) in items.enumerated() {
            let here = "\(path)[\(i)]"
            guard let obj = item.objectValue else {
                issues.append(ConfigIssue(path: here, message: "expected an object, got \(item.typeName)"))
                continue
            }
            for key in obj.keys.sorted() where !["type", "options", "comment"].contains(key) {
                issues.append(ConfigIssue(path: "\(here).\(key)", message: "unknown field (allowed: type, options, comment)"))
            }
            guard let typeValue = obj["type"] else {
                issues.append(ConfigIssue(path: "\(here).type", message: "missing field"))
                continue
            }
            guard let type = typeValue.stringValue else {
                issues.append(ConfigIssue(path: "\(here).type", message: "expected a string, got \(typeValue.typeName)"))
                continue
            }
            guard let descriptor = registry.descriptor(named: type),
                  descriptor.pluginPath.map(plugins.contains) ?? true
            else {
                let known = registry.names(role: role).filter { name in
                    registry.descriptor(named: name)?.pluginPath.map(plugins.contains) ?? true
                }.joined(separator: ", ")
                issues.append(ConfigIssue(path: "\(here).type", message: "unknown component '\(type)' (known: \(known))"))
                continue
            }
            if let role, descriptor.role != role {
                issues.append(ConfigIssue(path: "\(here).type",
                                          message: "'\(type)' is a \(descriptor.role.word), not a \(role.word)"))
                continue
            }
            if role == nil, descriptor.role == .sink || descriptor.role == .source {
                issues.append(ConfigIssue(path: "\(here).type",
                                          message: "'\(type)' is a \(descriptor.role.word), not a stage"))
                continue
            }
            var options: [String: JSONValue] = [:]
            if let optionsValue = obj["options"] {
                if let o = optionsValue.objectValue {
                    options = o
                    issues += descriptor.check(options: o, at: "\(here).options")
                } else {
                    issues.append(ConfigIssue(path: "\(here).options", message: "expected an object, got \(optionsValue.typeName)"))
                }
            }
            out.append(PipelineConfig.Component(type: type, options: options))
        }
        return out
    }
}
