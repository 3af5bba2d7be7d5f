import OOMLensSinkAPI

// A plugin built for the next sink API version. The host must refuse it after reading the version and before
// calling anything else: if it ever calls the create function, the process stops here and the test fails.

@_cdecl("oomlens_sink_api_version")
public func wrongVersionPluginAPIVersion() -> UInt32 {
    SinkPluginABI.version + 1
}

@_cdecl("oomlens_sink_plugin_create")
public func wrongVersionPluginCreate() -> UnsafeMutableRawPointer? {
    fatalError("oomlens called the create function of a plugin built for another sink API version")
}
