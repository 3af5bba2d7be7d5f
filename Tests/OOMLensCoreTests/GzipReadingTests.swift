import OOMLensCore
import OOMLensTestSupport
import Testing

struct GzipReadingTests {
    static let text = (0..<5000).map { "Feb  2 04:10:\($0 % 60) host prog[\($0)]: message number \($0)\n" }.joined()
    static var expectedLines: [String] { text.split(separator: "\n").map(String.init) }

    @Test func singleMemberIsInflated() {
        let dir = TemporaryDirectory()
        let p = dir.write("syslog.2.gz", GzipEncoder.compress(Array(Self.text.utf8)))
        let r = recordLines([p])
        #expect(r.lines.map(\.text) == Self.expectedLines)
        #expect(r.summary.errors.isEmpty)
        #expect(r.summary.bytes == Int64(Self.text.utf8.count))
    }

    @Test func multiMemberFileIsReadWhole() {
        let dir = TemporaryDirectory()
        let bytes = Array(Self.text.utf8)
        let cut = bytes.count / 3
        // The first member ends in the middle of a line: the line continues in the next member.
        let joined = GzipEncoder.compress(Array(bytes[0..<cut])) + GzipEncoder.compress(Array(bytes[cut..<(2 * cut)]))
            + GzipEncoder.compress(Array(bytes[(2 * cut)...]))
        let p = dir.write("multi.gz", joined)
        let r = recordLines([p])
        #expect(r.lines.map(\.text) == Self.expectedLines)
        #expect(r.summary.errors.isEmpty)
    }

    @Test func gzipIsRecognisedByContentNotName() {
        let dir = TemporaryDirectory()
        let gz = dir.write("looks-plain.log", GzipEncoder.compress(Array("a\nb\n".utf8)))
        let plain = dir.write("looks-gzip.gz", "c\nd\n")
        #expect(recordLines([gz]).lines.map(\.text) == ["a", "b"])
        #expect(recordLines([plain]).lines.map(\.text) == ["c", "d"])
    }

    @Test func truncatedMemberIsAnErrorWithPositionsAndEarlierLinesSurvive() {
        let dir = TemporaryDirectory()
        let whole = GzipEncoder.compress(Array(Self.text.utf8))
        let cutAt = whole.count / 2
        let bad = dir.write("syslog.3.gz", Array(whole[0..<cutAt]))
        let good = dir.write("syslog.2", "after the bad file\n")
        let r = recordLines([bad, good])
        #expect(r.summary.errors.count == 1)
        let e = r.summary.errors[0]
        #expect(e.code == .truncatedGzip)
        #expect(e.path == bad)
        #expect(e.compressedOffset == Int64(cutAt))
        #expect((e.decompressedOffset ?? 0) > 0)
        #expect(e.description.contains("compressed byte \(cutAt)"))
        // Lines inflated before the cut are delivered, and they are a prefix of the real text.
        let fromBad = r.lines.filter { $0.path == bad }.map(\.text)
        #expect(fromBad.count > 100)
        #expect(Array(Self.expectedLines.prefix(fromBad.count - 1)) == Array(fromBad.dropLast()))
        // The next file is still read.
        #expect(r.lines.last?.text == "after the bad file")
    }

    @Test func corruptDeflateDataIsAnErrorAndTheNextFileIsRead() {
        let dir = TemporaryDirectory()
        var bytes = GzipEncoder.compress(Array(Self.text.utf8))
        for i in stride(from: 200, to: bytes.count - 100, by: 97) { bytes[i] ^= 0x5A }
        let bad = dir.write("messages-20240101.gz", bytes)
        let good = dir.write("messages", "fine\n")
        let r = recordLines([bad, good])
        #expect(r.summary.errors.count == 1)
        #expect(r.summary.errors.first?.code == .corruptGzip)
        #expect(r.summary.errors.first?.path == bad)
        #expect(r.summary.errors.first?.compressedOffset != nil)
        #expect(r.lines.last?.text == "fine")
    }

    @Test func badTrailerCRCIsAnError() {
        let dir = TemporaryDirectory()
        var bytes = GzipEncoder.compress(Array("one\ntwo\n".utf8))
        bytes[bytes.count - 6] ^= 0xFF  // inside the CRC32 of the trailer
        let p = dir.write("crc.gz", bytes)
        let r = recordLines([p])
        #expect(r.summary.errors.first?.code == .corruptGzip)
        #expect(r.lines.map(\.text) == ["one", "two"])
    }

    @Test func garbageAfterTheLastMemberIsIgnoredWithAWarning() {
        let dir = TemporaryDirectory()
        let p = dir.write("garbage.gz", GzipEncoder.compress(Array("x\ny\n".utf8)) + Array("trailing junk".utf8))
        let r = recordLines([p])
        #expect(r.lines.map(\.text) == ["x", "y"])
        #expect(r.summary.errors.isEmpty)
        #expect(r.summary.warnings.contains { $0.contains("after the last gzip member") })
    }

    @Test func otherCompressionFormatsAreNamed() {
        let dir = TemporaryDirectory()
        let p = dir.write("syslog.2.xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04])
        let r = recordLines([p])
        #expect(r.summary.errors.first?.code == .unsupportedCompression)
        #expect(r.summary.errors.first?.message.contains("xz") == true)
    }
}
