// swift-tools-version: 6.1
import PackageDescription

// The sink API (the event model and the sink protocols) as a package of its own, built as ONE shared library,
// libOOMLensSinkAPI.so. The oomlens executable and every sink plugin loaded at run time link that library, so
// the process holds a single copy of the API's type metadata and a plugin's sink is a sink as the host sees it.
// (Depending on a target of the same package would link a private copy into each binary instead.)
// Library evolution makes a plugin built against a changed API fail at dlopen ("undefined symbol") instead of
// calling the wrong code.
let package = Package(
    name: "OOMLensSinkAPI",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "OOMLensSinkAPI", type: .dynamic, targets: ["OOMLensSinkAPI"]),
    ],
    targets: [
        .target(name: "OOMLensSinkAPI", swiftSettings: [.unsafeFlags(["-enable-library-evolution"])]),
    ]
)
