import CZlib

/// Compresses bytes into one gzip member, for tests that need gzip input.
public enum GzipEncoder {
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deallocate()
        }
        precondition(czlib_deflate_init_gzip(stream, level) == Z_OK)
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(input.count))) + 64)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.pointee.next_in = inp.baseAddress
                stream.pointee.avail_in = UInt32(inp.count)
                stream.pointee.next_out = o.baseAddress
                stream.pointee.avail_out = UInt32(o.count)
                precondition(deflate(stream, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(stream.pointee.avail_out)
            }
        }
        return Array(out[0..<produced])
    }
}
