// swift-tools-version: 6.1
import PackageDescription

// Fuzz targets exist only when OOMLENS_FUZZ=1 (scripts/fuzz.sh): they call libFuzzer's driver and build only with
// -sanitize=fuzzer.
let fuzzing = Context.environment["OOMLENS_FUZZ"] == "1"
// The sink API comes from its own package (Plugins/OOMLensSinkAPI) as the shared library libOOMLensSinkAPI.so,
// so that sink plugins loaded at run time share the host's copy of it.
let sinkAPI = Target.Dependency.product(name: "OOMLensSinkAPI", package: "OOMLensSinkAPI")

let package = Package(
    name: "OOMLens",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "oomlens", targets: ["oomlens"]),
        .executable(name: "oomlens-bench", targets: ["oomlens-bench"]),
        // A sink plugin loaded at run time from a directory named in pipeline.json (Plugins/README.md).
        .library(name: "ExamplePluginSink", type: .dynamic, targets: ["ExamplePluginSink"]),
        // A plugin that claims another sink API version: the tests check that it is refused.
        .library(name: "WrongVersionPlugin", type: .dynamic, targets: ["WrongVersionPlugin"]),
    ],
    traits: [
        .trait(name: "ISAL", description: "Inflate gzip input with ISA-L (Debian: libisal-dev), about 2.7x zlib's speed"),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(path: "Plugins/OOMLensSinkAPI"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        // MARK: core: byte sources, line framing, stage and sink protocols, registry, config
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .target(name: "CKeywordScan"),
        .target(
            name: "OOMLensCore",
            dependencies: ["CZlib", "CKeywordScan", sinkAPI, .target(name: "CISAL", condition: .when(traits: ["ISAL"]))]
        ),

        // MARK: stages (tokenizer, OOM block assembler, decoders)
        .target(name: "OOMLensStages", dependencies: ["OOMLensCore", sinkAPI]),

        // MARK: sinks. These are log-pipeline plugins, not SwiftPM package plugins:
        // regular targets under Plugins/, each depending only on the sink API.
        .target(name: "ConsoleSink", dependencies: [sinkAPI], path: "Plugins/ConsoleSink"),
        .target(name: "JSONLinesSink", dependencies: [sinkAPI], path: "Plugins/JSONLinesSink"),
        .target(name: "CSVSink", dependencies: [sinkAPI], path: "Plugins/CSVSink"),
        .target(name: "PrometheusSink", dependencies: [sinkAPI], path: "Plugins/PrometheusSink"),
        .target(name: "HTMLSink", dependencies: [sinkAPI], path: "Plugins/HTMLSink"),
        .target(
            name: "ExecSink",
            dependencies: [sinkAPI],
            path: "Plugins/ExecSink",
            exclude: ["PROTOCOL.md", "examples"]
        ),
        .target(
            name: "SQLiteSink",
            dependencies: [sinkAPI, .product(name: "GRDB", package: "GRDB.swift")],
            path: "Plugins/SQLiteSink"
        ),
        .target(
            name: "PostgresSink",
            dependencies: [sinkAPI, .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Plugins/PostgresSink"
        ),

        // MARK: sink plugins loaded at run time (dynamic libraries, not linked into oomlens)
        .target(name: "ExamplePluginSink", dependencies: [sinkAPI], path: "Plugins/ExamplePluginSink"),
        .target(name: "WrongVersionPlugin", dependencies: [sinkAPI], path: "Tests/PluginFixtures/WrongVersionPlugin"),

        // MARK: command-line tools
        .executableTarget(
            name: "oomlens",
            dependencies: [
                "OOMLensCore", "OOMLensStages", "ConsoleSink", "JSONLinesSink", "CSVSink", "PrometheusSink", "HTMLSink",
                "ExecSink", "SQLiteSink", "PostgresSink",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "oomlens-bench",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: tests
        .target(
            name: "OOMLensTestSupport",
            dependencies: ["CZlib", "OOMLensCore", sinkAPI],
            path: "Tests/OOMLensTestSupport"
        ),
        .testTarget(name: "OOMLensCoreTests", dependencies: ["OOMLensCore", "OOMLensStages", "OOMLensTestSupport"]),
        .testTarget(name: "OOMLensStagesTests", dependencies: ["OOMLensCore", "OOMLensStages", "OOMLensTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["oomlens", "OOMLensTestSupport"]),
        .testTarget(
            name: "SinkTests",
            dependencies: [
                sinkAPI, "ConsoleSink", "JSONLinesSink", "CSVSink", "PrometheusSink", "HTMLSink", "ExecSink",
                "SQLiteSink", "PostgresSink", "OOMLensCore", "OOMLensTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)

if fuzzing {
    package.targets += [
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", "OOMLensCore"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzTokenizer", dependencies: ["FuzzSupport", "OOMLensCore", "OOMLensStages"],
                          path: "Fuzz/FuzzTokenizer"),
        .executableTarget(name: "FuzzAssembler", dependencies: ["FuzzSupport", "OOMLensCore", "OOMLensStages"],
                          path: "Fuzz/FuzzAssembler"),
        .executableTarget(name: "FuzzGzip", dependencies: ["FuzzSupport", "OOMLensCore"], path: "Fuzz/FuzzGzip"),
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", "OOMLensCore", "OOMLensStages"], path: "Fuzz/FuzzConfig"),
    ]
    package.products += ["FuzzTokenizer", "FuzzAssembler", "FuzzGzip", "FuzzConfig"].map {
        .executable(name: $0, targets: [$0])
    }
}
