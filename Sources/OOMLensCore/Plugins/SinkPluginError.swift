/// A sink plugin (or its directory) that was not loaded, with the path and the reason.
public struct SinkPluginError: Error, Sendable, CustomStringConvertible {
    /// The plugin file or directory concerned.
    public var path: String
    /// What is wrong with it, in words.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
