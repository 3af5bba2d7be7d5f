#if canImport(Glibc)
import Glibc
#endif

/// Where the text of one generated file goes: straight into the file, or through `gzip -6 -n` into a `.gz`
/// file. Counts the uncompressed bytes and lines written.
final class CorpusFileOutput {
    let path: String
    private var fileDescriptor: Int32 = -1
    private var compressor: ChildProcess?
    private(set) var bytesWritten: Int64 = 0
    private(set) var linesWritten: Int64 = 0

    /// Opens `path` for writing; with `gzip`, starts `gzip -6 -n` writing to it (`-n` leaves out the name and
    /// time stamp, so the same seed gives the same compressed bytes).
    init(path: String, gzip: Bool) throws {
        self.path = path
        if gzip {
            compressor = try ChildProcess(arguments: ["gzip", "-6", "-n", "-c"], standardInput: .pipe,
                                          standardOutput: .file(path))
        } else {
            fileDescriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fileDescriptor >= 0 else { throw BenchError.systemCall("cannot create \(path)", errno: errno) }
        }
    }

    deinit {
        if fileDescriptor >= 0 { Glibc.close(fileDescriptor) }
    }

    /// Writes the buffer's bytes and empties it.
    func flush(_ buffer: inout TextBuffer) throws {
        try buffer.bytes.withUnsafeBytes { raw in
            linesWritten += Int64(NewlineCounter.count(in: raw))
            if let compressor {
                try compressor.writeToStandardInput(raw)
            } else {
                try FileDescriptorWriter.writeAll(raw, to: fileDescriptor, what: path)
            }
        }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll()
    }

    /// Closes the file; for a `.gz` file, waits for gzip and fails if it did not exit with status 0.
    func close() throws {
        if let compressor {
            let outcome = try compressor.finish()
            self.compressor = nil
            guard outcome.exitCode == 0 else {
                throw BenchError("gzip for \(path) ended with \(outcome.statusDescription)")
            }
        } else if fileDescriptor >= 0 {
            let result = Glibc.close(fileDescriptor)
            fileDescriptor = -1
            guard result == 0 else { throw BenchError.systemCall("cannot close \(path)", errno: errno) }
        }
    }
}
