#if canImport(Glibc)
import Glibc
#endif

/// Counts `\n` bytes in a buffer with `memchr`, which is vectorised in the C library.
enum NewlineCounter {
    static func count(in bytes: UnsafeRawBufferPointer) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var lines = 0
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            lines += 1
            cursor = UnsafeRawPointer(found) + 1
        }
        return lines
    }
}
