import OOMLensSinkAPI

// The two C entry points every sink plugin exports. oomlens calls the version first and refuses the plugin when
// it differs from its own; only then does it call the create function and register the sinks it returns.

@_cdecl("oomlens_sink_api_version")
public func examplePluginAPIVersion() -> UInt32 {
    SinkPluginABI.version
}

@_cdecl("oomlens_sink_plugin_create")
public func examplePluginCreate() -> UnsafeMutableRawPointer? {
    SinkPluginRegistration(sinks: [KillLogSink.self]).retainedPointer()
}
