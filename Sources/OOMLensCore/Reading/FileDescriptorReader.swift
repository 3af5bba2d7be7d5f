#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads raw bytes from a file or standard input with `read(2)`, counting the bytes read.
final class FileDescriptorReader {
    let fd: Int32
    let displayPath: String
    private let ownsDescriptor: Bool
    /// Bytes read from the file so far.
    private(set) var offset: Int64 = 0
    /// Modification time of the file (seconds since the epoch), or nil for a pipe.
    let modificationTime: Int64?
    /// Size of a regular file, or nil.
    let size: Int64?

    /// Opens `path`; `-` means standard input.
    init(path: String) throws(PipelineError) {
        displayPath = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let err = errno
                let code: PipelineError.Code = err == ENOENT ? .missingPath : .unreadable
                throw PipelineError(code, String(cString: strerror(err)), path: path, compressedOffset: 0,
                                    decompressedOffset: 0)
            }
            self.fd = fd
            ownsDescriptor = true
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            modificationTime = Int64(st.st_mtim.tv_sec)
            size = Int64(st.st_size)
        } else {
            modificationTime = nil
            size = nil
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            if ownsDescriptor { close(fd) }
            throw PipelineError(.unreadable, "is a directory", path: path, compressedOffset: 0, decompressedOffset: 0)
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Reads up to `buffer.count` bytes; returns 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 {
                offset += Int64(n)
                return n
            }
            let err = errno
            if err == EINTR { continue }
            throw PipelineError(.unreadable, "read failed: \(String(cString: strerror(err)))", path: displayPath,
                                compressedOffset: offset)
        }
    }
}
