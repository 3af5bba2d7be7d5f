#if canImport(Glibc)
import Glibc
#endif

/// A byte destination for sinks: standard output (through the host) or a file, with a write buffer.
///
/// Files are created with mode 0644 and without following a symbolic link at the final path component. An
/// existing file is written only when it is ours: one owned by another user, or with other hard links, is refused
/// (in a shared directory such as /tmp it could be a trap laid for a root run), and it is truncated only after
/// that check. A write that fails for lack of space (ENOSPC, EDQUOT) or EAGAIN is retried after a growing pause,
/// each retry reported as a warning, up to ``retryDelaysMs``; then the sink fails. Nothing written is repeated.
public final class OutputFile {
    /// Pauses before the retries of a write that found the disk full: bounded, about 3 s in all.
    public static let retryDelaysMs = [100, 300, 900, 1800]

    private let fd: Int32?
    private let stdout: (@Sendable ([UInt8]) -> Void)?
    private let warn: @Sendable (String) -> Void
    private var buffer: [UInt8] = []
    public let path: String
    private let sink: String
    /// Bytes of `buffer` already written by a flush that then failed: a later flush goes on after them.
    private var written = 0

    /// Opens `path` for writing; `""` or `-` means standard output.
    public init(path: String, append: Bool = false, sink: String, context: SinkContext) throws(SinkError) {
        self.path = path
        self.sink = sink
        warn = context.warn
        buffer.reserveCapacity(1 << 18)
        if path.isEmpty || path == "-" {
            fd = nil
            stdout = context.writeStandardOutput
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (append ? O_APPEND : 0), 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw SinkError(sink: sink, message: "cannot open \(path): \(reason)")
        }
        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
            var problem: String?
            if st.st_uid != geteuid() {
                problem = "it belongs to another user (uid \(st.st_uid))"
            } else if st.st_nlink > 1 {
                problem = "it has \(st.st_nlink) hard links"
            }
            if let problem {
                close(fd)
                throw SinkError(sink: sink, message: "refusing to write \(path): \(problem)")
            }
            if !append, ftruncate(fd, 0) != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw SinkError(sink: sink, message: "cannot truncate \(path): \(reason)")
            }
        }
        self.fd = fd
        stdout = nil
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
                try writeOut(fd)
            } else if let stdout {
                stdout(buffer)
            }
            buffer.removeAll(keepingCapacity: true)
            written = 0
        }
        // Character devices and pipes cannot be synced (EINVAL); any other failure means data may be lost.
        if durable, let fd, fsync(fd) != 0, errno != EINVAL, errno != EROFS {
            throw SinkError(sink: sink, message: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func writeOut(_ fd: Int32) throws(SinkError) {
        var retries = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n >= 0 {
                written += n
                continue
            }
            let err = errno
            if err == EINTR { continue }
            let reason = String(cString: strerror(err))
            guard err == ENOSPC || err == EDQUOT || err == EAGAIN, retries < Self.retryDelaysMs.count else {
                let tries = retries > 0 ? " after \(retries) retries" : ""
                throw SinkError(sink: sink, message: "write to \(path) failed\(tries): \(reason)")
            }
            let delay = Self.retryDelaysMs[retries]
            retries += 1
            warn("\(sink): write to \(path) failed: \(reason); retry \(retries) of \(Self.retryDelaysMs.count) in \(delay) ms")
            usleep(useconds_t(delay * 1000))
        }
    }
}
