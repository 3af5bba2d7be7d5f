#if canImport(Glibc)
import Glibc
#endif

/// Writes whole buffers to a file descriptor, retrying short writes and interruptions.
enum FileDescriptorWriter {
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, what: String) throws {
        guard var address = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, address, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError.systemCall("write to \(what)", errno: errno)
            }
            address += written
            remaining -= written
        }
    }
}
