import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the `oomlens` binary to measure: the one given, else the one next to this program.
enum OomlensLocator {
    static func resolve(_ given: String?) throws -> String {
        var path = given
        if path == nil {
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("oomlens").path
        }
        guard let path, access(path, X_OK) == 0 else {
            throw ValidationError("""
                no executable oomlens at \(path ?? "?"); build it next to oomlens-bench \
                (swift build -c release) or pass --oomlens PATH
                """)
        }
        return path
    }
}
