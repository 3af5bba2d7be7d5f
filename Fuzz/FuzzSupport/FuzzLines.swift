import OOMLensCore

/// Frames a fuzzer's input into line batches, the way a run frames a file, with a small line cap so that the
/// over-long-line path is reached by short inputs.
public enum FuzzLines {
    /// The input every fuzzed batch claims to come from.
    public static let input = InputContext(path: "fuzz", index: 0, stem: "fuzz", referenceYear: 2024, referenceMonth: 6)

    /// Calls `body` with every batch of lines in `bytes`, in order. Reads in small pieces so that lines cross
    /// read boundaries.
    public static func frame(_ bytes: UnsafeRawBufferPointer, maxLineBytes: Int = 4096,
                             _ body: (LineBatch) -> Void) {
        let framer = LineFramer(maxLineBytes: maxLineBytes, readSize: 4096, batchLines: 64)
        framer.begin(input)
        var offset = 0
        let piece = bytes.count % 7 == 0 ? 4096 : 997
        _ = try? framer.pump({ (chunk: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int in
            let n = min(chunk.count, piece, bytes.count - offset)
            if n > 0 { chunk.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }, body)
        framer.deliverPartialLine(body)
    }
}
