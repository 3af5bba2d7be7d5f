import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The log files of a corpus directory with their uncompressed sizes and line counts.
///
/// Measuring reads every file once (plain files with `read(2)`, gzip files through `gzip -dc`), which is also
/// the untimed warm-up read that puts the corpus into the page cache before the timed runs.
struct CorpusInventory: Sendable {
    var files: [InventoryFile]

    var gzipFiles: [InventoryFile] { files.filter(\.gzip) }
    var plainFiles: [InventoryFile] { files.filter { !$0.gzip } }

    /// Lists the regular, non-hidden files directly inside `directory` (sorted by name) and measures them.
    static func scan(directory: String) throws -> CorpusInventory {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        var files: [InventoryFile] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let gzip = try startsWithGzipMagic(path)
            var bytes: Int64 = 0
            var lines: Int64 = 0
            if gzip {
                let child = try ChildProcess(arguments: ["gzip", "-dc", "--", path], standardOutput: .pipe)
                let outcome = try child.finish(keepingOutput: false) { piece in
                    bytes += Int64(piece.count)
                    lines += Int64(NewlineCounter.count(in: piece))
                }
                guard outcome.exitCode == 0 else {
                    throw BenchError("gzip -dc \(path) ended with \(outcome.statusDescription)")
                }
            } else {
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw BenchError.systemCall("cannot open \(path)", errno: errno) }
                defer { close(fd) }
                while true {
                    let count = read(fd, buffer.baseAddress, buffer.count)
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw BenchError.systemCall("cannot read \(path)", errno: errno)
                    }
                    if count == 0 { break }
                    bytes += Int64(count)
                    lines += Int64(NewlineCounter.count(in: UnsafeRawBufferPointer(rebasing: buffer[0..<count])))
                }
            }
            files.append(InventoryFile(path: path, gzip: gzip, diskBytes: Int64(status.st_size), bytes: bytes,
                                       lines: lines))
        }
        return CorpusInventory(files: files)
    }

    private static func startsWithGzipMagic(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError.systemCall("cannot open \(path)", errno: errno) }
        defer { close(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        let count = withUnsafeMutableBytes(of: &magic) { read(fd, $0.baseAddress, 2) }
        return count == 2 && magic.0 == 0x1f && magic.1 == 0x8b
    }
}
