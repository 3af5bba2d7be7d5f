import CZlib

/// zlib's inflate for ``GzipInflater``. The `z_stream` lives on the heap because zlib keeps a pointer back to it.
final class ZlibInflateEngine: InflateEngine {
    private let stream: UnsafeMutablePointer<z_stream>

    init?() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func setInput(_ start: UnsafeMutablePointer<UInt8>, count: Int) {
        stream.pointee.next_in = start
        stream.pointee.avail_in = UInt32(count)
    }

    var availableInput: Int { Int(stream.pointee.avail_in) }
    var nextInput: UnsafeMutablePointer<UInt8> { stream.pointee.next_in }

    func setOutput(_ buffer: UnsafeMutableRawBufferPointer) {
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
    }

    var availableOutput: Int { Int(stream.pointee.avail_out) }

    func step() -> InflateStep {
        let rc = inflate(stream, Z_NO_FLUSH)
        switch rc {
        case Z_OK, Z_BUF_ERROR: return .going
        case Z_STREAM_END: return .memberEnd
        default: return .corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)")
        }
    }

    func resetForNextMember() -> Bool { inflateReset(stream) == Z_OK }
}
