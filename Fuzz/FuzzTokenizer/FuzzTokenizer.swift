import FuzzSupport
import OOMLensCore
import OOMLensStages

/// libFuzzer entry point: tokenizes arbitrary bytes and checks that every field range lies inside its line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let tokenizer = TokenizerStage(options: .init())
    let context = StageContext()
    FuzzLines.frame(bytes) { batch in
        tokenizer.process(batch, context)
        var previousLine: Int32 = -1
        for f in context.fields {
            FuzzCheck.require(f.line >= 0 && Int(f.line) < batch.count, "line index \(f.line) of \(batch.count)")
            FuzzCheck.require(f.line >= previousLine, "fields out of line order")
            previousLine = f.line
            let lineStart = batch.starts[Int(f.line)]
            let lineEnd = batch.ends[Int(f.line)]
            func inside(_ start: Int32, _ end: Int32, _ what: String) {
                guard end > start else { return }
                FuzzCheck.require(start >= lineStart && end <= lineEnd,
                                  "\(what) \(start)..<\(end) outside line \(lineStart)..<\(lineEnd)")
            }
            FuzzCheck.require(f.messageStart <= f.messageEnd, "message range reversed")
            inside(f.messageStart, f.messageEnd, "message")
            inside(f.hostStart, f.hostEnd, "host")
            inside(f.programStart, f.programEnd, "program")
            if f.time.isSet {
                FuzzCheck.require((1...12).contains(f.time.month), "month \(f.time.month)")
                FuzzCheck.require((1...31).contains(f.time.day), "day \(f.time.day)")
                FuzzCheck.require(f.time.hour <= 23 && f.time.minute <= 59 && f.time.second <= 60,
                                  "clock \(f.time.hour):\(f.time.minute):\(f.time.second)")
            }
        }
    }
    tokenizer.endOfStream(context)
    return 0
}
