import OOMLensCore
import OOMLensTestSupport
import Testing

/// Damaged gzip members: each gives the events read before the damage, one named error with its position, and
/// the next file is still read.
@Suite struct CorruptGzipTests {
    static let base = CorruptCorpus.baseLog()
    static let member = GzipEncoder.compress(base.text)

    /// What the undamaged member gives (the baseline every damaged case is compared with).
    struct Baseline: Sendable {
        var errors: Int
        var events: Int
        var completeIDs: Set<String>
    }

    static let baseline: Baseline = {
        let dir = TemporaryDirectory()
        let run = CorruptRun([dir.write("whole.gz", member)], in: dir)
        return Baseline(errors: run.summary.errors.count, events: run.sink.count, completeIDs: run.sink.completeIDs)
    }()

    @Test func theUndamagedMemberGivesEveryReport() {
        #expect(Self.baseline.errors == 0)
        #expect(Self.baseline.completeIDs.count == Self.base.reports.count + 1)
        #expect(Self.member.count > 8 * 4096, "the member must be long enough for several cuts")
    }

    @Test func cutAtEvery4KB() {
        let dir = TemporaryDirectory()
        var previousComplete = 0
        for (offset, bytes) in CorruptCorpus.cuts(of: Self.member) {
            let path = dir.write("cut-\(offset).gz", bytes)
            let run = CorruptRun([path], in: dir)
            #expect(run.errorCodes == ["truncated-gzip"], "cut at \(offset)")
            let e = run.summary.errors.first
            #expect(e?.path == path)
            #expect(e?.compressedOffset == Int64(offset), "cut at \(offset): \(String(describing: e))")
            #expect(run.readTheNextFile, "cut at \(offset)")
            // Every complete report before the cut is found as the whole file gives it; nothing is invented.
            #expect(run.sink.completeIDs.isSubset(of: Self.baseline.completeIDs), "cut at \(offset)")
            #expect(run.sink.completeIDs.count >= previousComplete, "cut at \(offset) lost earlier reports")
            previousComplete = run.sink.completeIDs.count
        }
        #expect(previousComplete > Self.base.reports.count / 2)
    }

    @Test(arguments: [0.02, 0.25, 0.5, 0.75, 0.98])
    func flippedByteInTheDeflateData(at fraction: Double) {
        let dir = TemporaryDirectory()
        let (offset, bytes) = CorruptCorpus.flippedDeflateByte(Self.member, at: fraction)
        let path = dir.write("flipped.gz", bytes)
        let run = CorruptRun([path], in: dir)
        #expect(run.summary.errors.count == 1, "flip at \(offset)")
        let e = run.summary.errors.first
        #expect(e?.code == .corruptGzip || e?.code == .truncatedGzip)
        #expect(e?.path == path && e?.compressedOffset != nil && e?.decompressedOffset != nil)
        #expect(run.readTheNextFile)
        // Reports decoded before the damage are intact; a flipped byte may alter text before zlib notices, so
        // only the count is bounded.
        #expect(run.sink.count <= Self.baseline.events + 2)
    }

    @Test func badCRCInTheTrailer() {
        let dir = TemporaryDirectory()
        let path = dir.write("crc.gz", CorruptCorpus.badCRC(Self.member))
        let run = CorruptRun([path], in: dir)
        #expect(run.errorCodes == ["corrupt-gzip"])
        #expect(run.summary.errors.first?.message.contains("incorrect data check") == true)
        #expect(run.summary.errors.first?.decompressedOffset == Int64(Self.base.text.count))
        // The data itself was whole: every report was read before the trailer was checked.
        #expect(run.sink.completeIDs == Self.baseline.completeIDs)
    }

    @Test func badLengthInTheTrailer() {
        let dir = TemporaryDirectory()
        let path = dir.write("length.gz", CorruptCorpus.badLength(Self.member))
        let run = CorruptRun([path], in: dir)
        #expect(run.errorCodes == ["corrupt-gzip"])
        #expect(run.summary.errors.first?.message.contains("incorrect length check") == true)
        #expect(run.sink.completeIDs == Self.baseline.completeIDs)
    }

    @Test func garbageAfterTheLastMember() {
        let dir = TemporaryDirectory()
        let text = dir.write("text-tail.gz", CorruptCorpus.garbageAfter(Self.member))
        let nuls = dir.write("nul-tail.gz", CorruptCorpus.garbageAfter(Self.member, [UInt8](repeating: 0, count: 4096)))
        let run = CorruptRun([text, nuls], in: dir)
        #expect(run.summary.errors.isEmpty)
        #expect(run.counter("gzip trailing garbage") == 2)
        #expect(run.summary.warnings.contains { $0.hasPrefix(text) && $0.contains("at compressed byte \(Self.member.count)") })
        #expect(run.sink.completeIDs == Self.baseline.completeIDs)
        #expect(run.readTheNextFile)
    }

    @Test func aDamagedSecondMemberAfterAGoodOne() {
        let dir = TemporaryDirectory()
        let second = GzipEncoder.compress(Array("Feb  2 04:10:01 h kernel: a\n".utf8))
        let path = dir.write("two.gz", Self.member + Array(second[0..<(second.count / 2)]))
        let run = CorruptRun([path], in: dir)
        #expect(run.errorCodes == ["truncated-gzip"])
        #expect(run.summary.errors.first?.message.contains("member 2") == true)
        #expect(run.sink.completeIDs == Self.baseline.completeIDs)
    }
}
