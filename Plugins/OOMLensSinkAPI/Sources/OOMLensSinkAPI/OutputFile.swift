#if canImport(Glibc)
import Glibc
#endif

/// A byte destination for sinks: standard output (through the host) or a file, with a write buffer.
///
/// Files are created with mode 0644 and without following a symbolic link at the final path component.
public final class OutputFile {
    private let fd: Int32?
    private let stdout: (@Sendable ([UInt8]) -> Void)?
    private var buffer: [UInt8] = []
    public let path: String
    private let sink: String

    /// Opens `path` for writing; `""` or `-` means standard output.
    public init(path: String, append: Bool = false, sink: String, context: SinkContext) throws(SinkError) {
        self.path = path
        self.sink = sink
        buffer.reserveCapacity(1 << 18)
        if path.isEmpty || path == "-" {
            fd = nil
            stdout = context.writeStandardOutput
        } else {
            let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (append ? O_APPEND : O_TRUNC)
            let fd = open(path, flags, 0o644)
            guard fd >= 0 else {
                throw SinkError(sink: sink, message: "cannot open \(path): \(String(cString: strerror(errno)))")
            }
            self.fd = fd
            stdout = nil
        }
    }

    deinit {
        if let fd { close(fd) }
    }

    /// Appends bytes; they are written when the buffer is large or on `flush`.
    public func write(_ bytes: [UInt8]) throws(SinkError) {
        buffer += bytes
        if buffer.count >= 1 << 18 { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(SinkError) {
        try write(Array(text.utf8))
    }

    /// Writes the buffer out (and fsyncs a file when `durable` is true).
    public func flush(durable: Bool = false) throws(SinkError) {
        if !buffer.isEmpty {
            if let fd {
                var done = 0
                while done < buffer.count {
                    let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw SinkError(sink: sink, message: "write to \(path) failed: \(String(cString: strerror(errno)))")
                    }
                    done += n
                }
            } else if let stdout {
                stdout(buffer)
            }
            buffer.removeAll(keepingCapacity: true)
        }
        if durable, let fd { _ = fsync(fd) }
    }
}
