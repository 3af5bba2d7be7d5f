/// The sinks one plugin provides: what its `oomlens_sink_plugin_create` hands to the host.
///
/// The host registers each type exactly as it registers a built-in sink, so a plugin's sink has a name, options
/// with defaults and documentation, and shows up in `oomlens stages` and `oomlens validate` like any other.
public final class SinkPluginRegistration {
    /// The sink types, each with a name no other sink uses.
    public let sinks: [any RegisteredSink.Type]

    public init(sinks: [any RegisteredSink.Type]) {
        self.sinks = sinks
    }

    /// A +1 reference to `self` for `oomlens_sink_plugin_create` to return; the host takes it over.
    public func retainedPointer() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }
}
