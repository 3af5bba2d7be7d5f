/// The contract between `oomlens` and a sink plugin loaded at run time (a `.so` built against this module).
///
/// A plugin exports two C symbols:
/// - `oomlens_sink_api_version`, a ``VersionFunction`` returning ``version`` as the plugin saw it when it was
///   compiled (``version`` is `@inlinable`, so the number is compiled into the plugin, not read from the host);
/// - `oomlens_sink_plugin_create`, a ``CreateFunction`` returning ``SinkPluginRegistration/retainedPointer()``.
///
/// The host calls the first one before anything else and refuses the plugin when the numbers differ.
public enum SinkPluginABI {
    /// The sink API's version. Bumped on every change that is not additive: a plugin built for another number is
    /// refused before any of its Swift code runs.
    @inlinable public static var version: UInt32 { 1 }

    /// The symbol that returns the plugin's ``version``.
    public static let versionSymbol = "oomlens_sink_api_version"

    /// The symbol that returns the plugin's ``SinkPluginRegistration``.
    public static let createSymbol = "oomlens_sink_plugin_create"

    /// The C type of `oomlens_sink_api_version`.
    public typealias VersionFunction = @convention(c) () -> UInt32

    /// The C type of `oomlens_sink_plugin_create`: a +1 reference to a ``SinkPluginRegistration``.
    public typealias CreateFunction = @convention(c) () -> UnsafeMutableRawPointer?
}
