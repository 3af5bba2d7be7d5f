#if canImport(Glibc)
import Glibc
#endif


/// Replaces a whole file at once: a temporary file in the same directory is written, fsynced and renamed over
/// the target, then the directory is fsynced. Readers see the old file or the new one, never a part.
///
/// The file gets mode 0644. A symbolic link at the target is replaced, never followed. Anything else that is not
/// an ordinary file of ours (a device such as /dev/full, a FIFO, a directory, another user's file) is refused:
/// replacing it would destroy it.
public enum AtomicFile {
    public static func replace(_ path: String, with bytes: [UInt8], sink: String) throws(SinkError) {
        func failure(_ what: String) -> SinkError {
            SinkError(sink: sink, message: "\(what): \(String(cString: strerror(errno)))")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw SinkError(sink: sink, message: "\(path) names a directory, not a file") }
        var existing = stat()
        if lstat(path, &existing) == 0 {
            let type = existing.st_mode & S_IFMT
            if type != S_IFREG && type != S_IFLNK {
                throw SinkError(sink: sink, message: "refusing to replace \(path): it is not a regular file")
            }
            if type == S_IFREG, existing.st_uid != geteuid() {
                throw SinkError(sink: sink, message: "refusing to replace \(path): it belongs to another user (uid \(existing.st_uid))")
            }
        }
        var template = Array((directory + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create a temporary file in \(directory)") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        var needsClose = true
        defer {
            if needsClose { _ = close(fd) }
            if !renamed { _ = unlink(temporary) }
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard fchmod(fd, 0o644) == 0 else { throw failure("cannot set the mode of \(temporary)") }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path)")
            }
            done += n
        }
        guard fsync(fd) == 0 else { throw failure("cannot sync \(path)") }
        needsClose = false
        guard close(fd) == 0 else { throw failure("cannot write \(path)") }
        guard rename(temporary, path) == 0 else { throw failure("cannot replace \(path)") }
        renamed = true
        let dirfd = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            defer { _ = close(dirfd) }
            guard fsync(dirfd) == 0 else { throw failure("cannot sync directory \(directory)") }
        }
    }
}
