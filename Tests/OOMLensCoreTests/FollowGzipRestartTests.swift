@testable import OOMLensCore
import OOMLensTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Inflate restart points: a gzip file read part way is resumed from a saved point, not from byte 0.
struct FollowGzipRestartTests {
    /// About 14 MB of varied syslog lines.
    static let text: [UInt8] = {
        var random = SynthSeededRandom(seed: 77)
        var out: [UInt8] = []
        out.reserveCapacity(15 << 20)
        var i = 0
        while out.count < 14 << 20 {
            let line = "Feb  2 04:\(i % 60):\(random.int(in: 10...59)) host\(random.int(in: 1...9)) app[\(random.int(in: 100...99999))]: "
                + "request \(i) took \(random.int(in: 1...100000)) us status \(random.pick([200, 204, 404, 500]))\n"
            out += Array(line.utf8)
            i += 1
        }
        return out
    }()

    static func readAll(_ reader: ResumableGzipReader) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_RDONLY | O_CLOEXEC)
    }

    @Test(arguments: [1, 3])
    func everySavedPointRestartsToTheSameBytes(members: Int) throws {
        let dir = TemporaryDirectory()
        var gz: [UInt8] = []
        let cut = Self.text.count / members
        for m in 0..<members {
            let end = m == members - 1 ? Self.text.count : (m + 1) * cut
            gz += GzipEncoder.compress(Array(Self.text[(m * cut)..<end]))
        }
        let path = dir.write("syslog.2.gz", gz)
        let fd = Self.open(path)
        defer { close(fd) }
        let whole = try ResumableGzipReader(fd: fd, path: path)
        #expect(try Self.readAll(whole) == Self.text)
        let points = whole.syncPoints
        #expect(points.count >= 2)
        for point in points {
            #expect(point.window.count == 32768)
            let resumed = try ResumableGzipReader(fd: fd, path: path, from: point)
            let rest = try Self.readAll(resumed)
            #expect(rest == Array(Self.text[Int(point.decompressedOffset)...]),
                    "restart at decompressed \(point.decompressedOffset), compressed \(point.compressedOffset)")
        }
    }

    @Test func aFollowedFileStartsAtAnOffsetFromTheNearestPoint() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("syslog.3.gz", GzipEncoder.compress(Self.text))
        let fd = Self.open(path)
        defer { close(fd) }
        let whole = try ResumableGzipReader(fd: fd, path: path)
        _ = try Self.readAll(whole)
        let offset = Int64(Self.text.count - 1_000_000)
        let point = try #require(whole.syncPoint(atOrBefore: offset))
        let file = try FollowedFile(path: path, isLive: false)
        file.start(at: offset, line: 1, syncPoint: point)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            if n == 0 { break }
            out += buffer[0..<n]
        }
        #expect(out == Array(Self.text[Int(offset)...]))
        // It inflated from the point, not from byte 0.
        #expect(!file.restartedFromZero)
    }
}
