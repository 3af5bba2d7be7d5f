import Foundation

/// Loads the sink plugins of the directories a config names (`plugin_directories`) into a registry.
///
/// Every `*.so` file of each directory is checked (``PluginPathCheck``), opened (``SinkPluginLibrary``) and its
/// sinks registered under their names; nothing is loaded from anywhere else. Files are taken in name order.
public enum SinkPluginLoader {
    /// Loads the plugins of `directory` into `registry` and returns their canonical paths.
    /// - Throws: ``SinkPluginError`` naming the directory or file and the rule it breaks, at the first problem.
    public static func load(directory: String, into registry: Registry) throws(SinkPluginError) -> [String] {
        let realDirectory = try PluginPathCheck.directory(directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: realDirectory)
        } catch {
            throw SinkPluginError(path: directory, reason: "cannot list the directory")
        }
        var loaded: [String] = []
        for name in names.sorted() where name.hasSuffix(".so") && !name.hasPrefix(".") {
            let path = try PluginPathCheck.file(named: name, in: realDirectory)
            if loaded.contains(path) { continue }
            try registry.register(plugin: SinkPluginLibrary.open(path), from: path)
            loaded.append(path)
        }
        return loaded
    }
}
