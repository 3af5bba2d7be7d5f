import Foundation

/// A fresh plugin directory (mode 0755) holding copies of the sink plugins `swift build` put in the build
/// directory, each installed with the mode a test asks for. Removed by `remove()` or when released.
public final class PluginDirectory: Sendable {
    public let path: String

    /// The build directory: the first directory above the running test binary that holds the example plugin.
    public static let buildDirectory: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("libExamplePluginSink.so").path),
              dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.path
    }()

    /// One directory holding the example plugin for the whole test process, removed at exit. Tests that load the
    /// plugin share it, so the process maps the library once (each copy elsewhere would be loaded again).
    public static let sharedExample: PluginDirectory = {
        let directory = PluginDirectory()
        try! directory.install("libExamplePluginSink.so")
        atexit { PluginDirectory.sharedExample.remove() }
        return directory
    }()

    public init(mode: mode_t = 0o755) {
        path = FileManager.default.temporaryDirectory.path + "/oomlens-plugins-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, mode)
    }

    deinit { remove() }

    public func remove() {
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Copies the built library `library` (e.g. `libExamplePluginSink.so`) in as `name` with `mode`; returns its path.
    @discardableResult
    public func install(_ library: String, as name: String? = nil, mode: mode_t = 0o644) throws -> String {
        try install(file: Self.buildDirectory + "/" + library, as: name ?? library, mode: mode)
    }

    /// Copies any file in as `name` with `mode`; returns its path.
    @discardableResult
    public func install(file: String, as name: String, mode: mode_t = 0o644) throws -> String {
        let target = path + "/" + name
        try FileManager.default.copyItem(atPath: file, toPath: target)
        chmod(target, mode)
        return target
    }
}
