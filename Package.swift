// swift-tools-version: 6.1
import PackageDescription

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
    dependencies: [
        .package(path: "Plugins/OOMLensSinkAPI"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: core: byte sources, line framing, stage and sink protocols, registry, config
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "OOMLensCore", dependencies: ["CZlib", sinkAPI]),

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
