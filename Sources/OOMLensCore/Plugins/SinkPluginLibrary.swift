#if canImport(Glibc)
import Glibc
#endif
import OOMLensSinkAPI

/// Opens one checked plugin file with `dlopen` and returns the sinks it registers.
///
/// The API version symbol is looked up and called before anything else in the library, so a plugin built for
/// another sink API is refused before any of its Swift code runs. A library is never closed: the Swift runtime
/// keeps pointers into the type metadata and conformances of every image it has seen.
enum SinkPluginLibrary {
    static func open(_ path: String) throws(SinkPluginError) -> SinkPluginRegistration {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw SinkPluginError(path: path, reason: "cannot load: \(lastError())")
        }
        guard let versionSymbol = dlsym(handle, SinkPluginABI.versionSymbol) else {
            throw SinkPluginError(path: path, reason: "not an oomlens sink plugin: it has no \(SinkPluginABI.versionSymbol) symbol")
        }
        let version = unsafeBitCast(versionSymbol, to: SinkPluginABI.VersionFunction.self)()
        guard version == SinkPluginABI.version else {
            throw SinkPluginError(
                path: path,
                reason: "built for sink API version \(version), but this oomlens has version \(SinkPluginABI.version): rebuild the plugin against this oomlens"
            )
        }
        guard let createSymbol = dlsym(handle, SinkPluginABI.createSymbol) else {
            throw SinkPluginError(path: path, reason: "not an oomlens sink plugin: it has no \(SinkPluginABI.createSymbol) symbol")
        }
        guard let object = unsafeBitCast(createSymbol, to: SinkPluginABI.CreateFunction.self)() else {
            throw SinkPluginError(path: path, reason: "\(SinkPluginABI.createSymbol) returned nothing")
        }
        guard let registration = Unmanaged<AnyObject>.fromOpaque(object).takeRetainedValue() as? SinkPluginRegistration else {
            throw SinkPluginError(
                path: path,
                reason: "its registration is not a SinkPluginRegistration as oomlens sees it (a private copy of the sink API linked into the plugin, or another Swift toolchain)"
            )
        }
        guard !registration.sinks.isEmpty else {
            throw SinkPluginError(path: path, reason: "the plugin registers no sink")
        }
        return registration
    }

    private static func lastError() -> String {
        dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
    }
}
