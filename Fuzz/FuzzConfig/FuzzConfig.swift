import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages

private let context = SinkContext(writeStandardOutput: { _ in }, warn: { _ in })

private let registry: Registry = {
    let r = Registry()
    r.register(stage: TokenizerStage.self)
    r.register(stage: OOMBlockAssemblerStage.self)
    r.register(stage: DiagnosisStage.self)
    return r
}()

/// libFuzzer entry point: parses and validates arbitrary bytes as `pipeline.json`, then builds every stage of a
/// config that validates. A bad config must give a config error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    guard let config = try? PipelineConfig.parse(bytes, file: "fuzz.json", registry: registry) else { return 0 }
    for component in config.sources + config.stages {
        guard let descriptor = registry.descriptor(named: component.type) else { continue }
        _ = try? descriptor.make(options: component.options, context: context)
    }
    return 0
}
