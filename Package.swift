// swift-tools-version: 6.1
import PackageDescription

// Fuzz targets exist only when OOMLENS_FUZZ=1 (scripts/fuzz.sh): they call libFuzzer's driver and build only with
// -sanitize=fuzzer.
let fuzzing = Context.environment["OOMLENS_FUZZ"] == "1"

let package = Package(
    name: "OOMLens",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "oomlens", targets: ["oomlens"]),
        .executable(name: "oomlens-bench", targets: ["oomlens-bench"]),
        .library(name: "OOMLensSinkAPI", targets: ["OOMLensSinkAPI"]),
    ],
    traits: [
        .trait(name: "ISAL", description: "Inflate gzip input with ISA-L (Debian: libisal-dev), about 2.7x zlib's speed"),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        // MARK: core: byte sources, line framing, stage and sink protocols, registry, config
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "OOMLensSinkAPI"),
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .target(
            name: "OOMLensCore",
            dependencies: ["CZlib", "OOMLensSinkAPI", .target(name: "CISAL", condition: .when(traits: ["ISAL"]))]
        ),

        // MARK: stages (tokenizer, OOM block assembler, decoders)
        .target(name: "OOMLensStages", dependencies: ["OOMLensCore", "OOMLensSinkAPI"]),

        // MARK: sinks. These are log-pipeline plugins, not SwiftPM package plugins:
        // regular targets under Plugins/, each depending only on the sink API.
        .target(name: "ConsoleSink", dependencies: ["OOMLensSinkAPI"], path: "Plugins/ConsoleSink"),
        .target(name: "JSONLinesSink", dependencies: ["OOMLensSinkAPI"], path: "Plugins/JSONLinesSink"),
        .target(name: "CSVSink", dependencies: ["OOMLensSinkAPI"], path: "Plugins/CSVSink"),
        .target(name: "PrometheusSink", dependencies: ["OOMLensSinkAPI"], path: "Plugins/PrometheusSink"),
        .target(name: "HTMLSink", dependencies: ["OOMLensSinkAPI"], path: "Plugins/HTMLSink"),
        .target(
            name: "ExecSink",
            dependencies: ["OOMLensSinkAPI"],
            path: "Plugins/ExecSink",
            exclude: ["PROTOCOL.md", "examples"]
        ),
        .target(
            name: "SQLiteSink",
            dependencies: ["OOMLensSinkAPI", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Plugins/SQLiteSink"
        ),
        .target(
            name: "PostgresSink",
            dependencies: ["OOMLensSinkAPI", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Plugins/PostgresSink"
        ),

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
            dependencies: ["CZlib", "OOMLensCore", "OOMLensSinkAPI"],
            path: "Tests/OOMLensTestSupport"
        ),
        .testTarget(name: "OOMLensCoreTests", dependencies: ["OOMLensCore", "OOMLensStages", "OOMLensTestSupport"]),
        .testTarget(name: "OOMLensStagesTests", dependencies: ["OOMLensCore", "OOMLensStages", "OOMLensTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["oomlens", "OOMLensTestSupport"]),
        .testTarget(
            name: "SinkTests",
            dependencies: [
                "OOMLensSinkAPI", "ConsoleSink", "JSONLinesSink", "CSVSink", "PrometheusSink", "HTMLSink", "ExecSink",
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
