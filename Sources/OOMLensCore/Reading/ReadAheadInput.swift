/// One input as the framing thread sees it when a ``ReadAheadThread`` decompresses: the chunks of that input,
/// copied out in order and given back as soon as they are used.
final class ReadAheadInput: DecompressedInput {
    let modificationTime: Int64?
    private(set) var compressedOffset: Int64 = 0
    private(set) var trailingGarbageOffset: Int64?
    private let source: ReadAheadThread
    private var slot = -1
    private var used = 0
    private var count = 0
    private var ended = false

    /// The input that `source` just reported `opened`.
    init(source: ReadAheadThread, modificationTime: Int64?) {
        self.source = source
        self.modificationTime = modificationTime
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        while true {
            if slot >= 0 {
                let n = min(buffer.count, count - used)
                buffer.baseAddress!.copyMemory(from: source.chunk(slot).baseAddress! + used, byteCount: n)
                used += n
                if used == count {
                    source.recycle(slot)
                    slot = -1
                }
                return n
            }
            if ended { return 0 }
            switch source.next() {
            case .chunk(let s, let c, let offset):
                slot = s
                used = 0
                count = c
                compressedOffset = offset
            case .end(let error, let offset, let garbage):
                ended = true
                compressedOffset = offset
                trailingGarbageOffset = garbage
                if let error { throw error }
                return 0
            case .opened, .openFailed:
                preconditionFailure("read-ahead items out of order")
            }
        }
    }

    /// Takes the rest of this input (nothing, after a read returned 0 or threw), so the next item is the next
    /// input's.
    func skipToEnd() {
        if slot >= 0 {
            source.recycle(slot)
            slot = -1
        }
        while !ended {
            switch source.next() {
            case .chunk(let s, _, _): source.recycle(s)
            case .end(_, let offset, let garbage):
                ended = true
                compressedOffset = offset
                trailingGarbageOffset = garbage
            case .opened, .openFailed:
                preconditionFailure("read-ahead items out of order")
            }
        }
    }
}
