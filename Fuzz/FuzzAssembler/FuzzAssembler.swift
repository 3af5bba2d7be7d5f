import Foundation
import FuzzSupport
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages

/// The assembler as a small host would configure it: small limits, so short inputs reach them.
private func makeAssembler() -> OOMBlockAssemblerStage {
    var options = OOMBlockAssemblerStage.Options()
    options.keepRaw = true
    options.maxLinesPerReport = 400
    options.maxOpenReports = 8
    options.maxTaskRows = 5
    options.maxEventBytes = 64 << 10
    return OOMBlockAssemblerStage(options: options)
}

/// libFuzzer entry point: assembles, decodes and diagnoses reports in arbitrary bytes, then encodes every event
/// as the JSON sinks do. Every event must encode and name lines that exist.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAssembler(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let tokenizer = TokenizerStage(options: .init())
    let assembler = makeAssembler()
    let diagnosis = DiagnosisStage(options: .init())
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let context = StageContext()
    // Live mode emits reports early and again: exercise both paths.
    context.live = size % 2 == 1
    var lines = 0
    FuzzLines.frame(bytes) { batch in
        lines = batch.firstLineNumber + batch.count - 1
        tokenizer.process(batch, context)
        assembler.process(batch, context)
    }
    if context.live { assembler.idle(context) }
    assembler.endOfStream(context)
    var events = context.events
    diagnosis.process(&events, context)
    for event in events {
        FuzzCheck.require(event.source.first_line >= 1 && event.source.first_line <= event.source.last_line,
                          "lines \(event.source.first_line)...\(event.source.last_line)")
        FuzzCheck.require(event.source.last_line <= lines, "last line \(event.source.last_line) of \(lines)")
        do { _ = try encoder.encode(event) } catch {
            FuzzCheck.require(false, "event \(event.id) does not encode: \(error)")
        }
    }
    return 0
}
