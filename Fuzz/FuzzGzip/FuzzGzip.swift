#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import OOMLensCore

/// Where each input is written: the reader takes a path, as a run does.
private let scratchPath = "/tmp/oomlens-fuzz-gzip-\(getpid())"

/// libFuzzer entry point: reads arbitrary bytes (mostly damaged gzip members) as an input file, to the end or to
/// the first error. The reader must stop with a named error or at the end, never loop, and never give more than
/// zlib's largest expansion of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    FuzzCheck.require(fd >= 0, "cannot create \(scratchPath)")
    var written = 0
    while written < size, let data {
        let n = write(fd, data + written, size - written)
        FuzzCheck.require(n > 0, "cannot write \(scratchPath)")
        written += n
    }
    close(fd)
    defer { unlink(scratchPath) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    let input: InputStream
    do { input = try InputStream(path: scratchPath) } catch {
        FuzzCheck.require(error.path == scratchPath, "error names no file: \(error)")
        return 0
    }
    // Deflate expands at most 1032:1; members may repeat, each bounded the same way.
    let bound = Int64(size) * 1032 + 1 << 16
    var total: Int64 = 0
    while true {
        let n: Int
        do { n = try input.read(into: buffer) } catch {
            FuzzCheck.require(error.path == scratchPath && error.compressedOffset != nil,
                              "error without file or position: \(error)")
            FuzzCheck.require(error.code == .corruptGzip || error.code == .truncatedGzip, "code \(error.code)")
            break
        }
        if n == 0 { break }
        total += Int64(n)
        FuzzCheck.require(total <= bound, "\(total) bytes from \(size)")
        FuzzCheck.require(input.compressedOffset <= Int64(size), "offset \(input.compressedOffset) past \(size)")
    }
    FuzzCheck.require(input.decompressedOffset == total, "decompressed offset \(input.decompressedOffset) != \(total)")
    return 0
}
