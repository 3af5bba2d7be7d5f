import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint file `checkpoint.json` in the state directory: locked against a second follower, read once at
/// start, and replaced atomically (temporary file, fsync, rename, fsync of the directory) on every save.
public final class CheckpointStore {
    /// The state directory.
    public let directory: String
    /// The checkpoint file.
    public var path: String { directory + "/checkpoint.json" }
    private var temporaryPath: String { directory + "/checkpoint.json.tmp" }
    private let lockDescriptor: Int32
    private let encoder: JSONEncoder
    /// Saves so far.
    public private(set) var saves = 0

    /// Creates the directory if needed and takes its lock.
    /// - Throws: ``PipelineError`` `checkpoint` when the directory cannot be used, `state-directory-busy` when
    ///   another follower holds it.
    public init(directory: String) throws(PipelineError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.checkpoint, "cannot create the state directory: \(error.localizedDescription)",
                                path: directory)
        }
        let lockPath = directory + "/checkpoint.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw PipelineError(.checkpoint, "cannot open the lock file: \(String(cString: strerror(errno)))",
                                path: lockPath)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let err = errno
            close(fd)
            if err == EWOULDBLOCK {
                throw PipelineError(.stateDirectoryBusy, "another oomlens follow is using this state directory",
                                    path: directory)
            }
            throw PipelineError(.checkpoint, "cannot lock: \(String(cString: strerror(err)))", path: lockPath)
        }
        lockDescriptor = fd
        encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    }

    deinit {
        close(lockDescriptor)
    }

    /// Reads the checkpoint. A file that is empty, cut short, not JSON, of another version or with values out of
    /// range is moved aside to `checkpoint.json.corrupt` and reported as ``CheckpointLoad/corrupt(reason:movedTo:)``.
    public func load() -> CheckpointLoad {
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        guard let data = FileManager.default.contents(atPath: path) else {
            return setAside("cannot read it: \(String(cString: strerror(errno)))")
        }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0 }) {
            return setAside(data.isEmpty ? "the file is empty" : "the file holds only blanks or zero bytes")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let checkpoint: FollowCheckpoint
        do {
            checkpoint = try decoder.decode(FollowCheckpoint.self, from: data)
        } catch DecodingError.dataCorrupted(let context) {
            let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            return setAside("not valid JSON (cut short or overwritten?): \(detail)")
        } catch {
            return setAside("not a checkpoint of this format: \(error)")
        }
        guard checkpoint.version == FollowCheckpoint.currentVersion else {
            return setAside("format version \(checkpoint.version), this build reads \(FollowCheckpoint.currentVersion)")
        }
        for (stream, state) in checkpoint.streams {
            if let bad = state.files.first(where: { !$0.isWellFormed }) {
                return setAside("values out of range for \(bad.path) in stream \(stream)")
            }
        }
        return .loaded(checkpoint)
    }

    private func setAside(_ reason: String) -> CheckpointLoad {
        let aside = path + ".corrupt"
        unlink(aside)
        let moved = rename(path, aside) == 0
        return .corrupt(reason: reason, movedTo: moved ? aside : nil)
    }

    /// Replaces the checkpoint file with `checkpoint`, atomically and durably.
    /// - Throws: ``PipelineError`` `checkpoint`; the previous checkpoint file is then still in place.
    public func save(_ checkpoint: FollowCheckpoint) throws(PipelineError) {
        let data: Data
        do { data = try encoder.encode(checkpoint) } catch {
            throw PipelineError(.checkpoint, "cannot encode: \(error)", path: path)
        }
        let tmp = temporaryPath
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw failure("cannot create \(tmp)") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                done += n
            }
            return true
        }
        if ok { ok = write(fd, "\n", 1) == 1 }
        if ok { ok = fsync(fd) == 0 }
        let err = errno
        close(fd)
        guard ok else {
            errno = err
            unlink(tmp)
            throw failure("cannot write \(tmp)")
        }
        guard rename(tmp, path) == 0 else { throw failure("cannot rename \(tmp) to \(path)") }
        let dir = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
        saves += 1
    }

    private func failure(_ what: String) -> PipelineError {
        PipelineError(.checkpoint, "\(what): \(String(cString: strerror(errno)))", path: path)
    }
}
