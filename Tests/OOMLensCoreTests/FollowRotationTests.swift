import Foundation
import OOMLensCore
import OOMLensTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Rotation both ways while a writer appends, backfill then follow, and restarts: every line exactly once.
@Suite(.serialized)
struct FollowRotationTests {
    static func expectEachLineOnce(_ texts: [String], _ range: Range<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = range.map(FollowRotatingWriter.line)
        #expect(texts.count == expected.count, "lines delivered", sourceLocation: sourceLocation)
        if texts != expected {
            var seen: [String: Int] = [:]
            for t in texts { seen[t, default: 0] += 1 }
            let missing = expected.filter { seen[$0] == nil }
            let doubled = seen.filter { $0.value > 1 }.map(\.key)
            let once = texts.filter { seen[$0] == 1 }
            let inOrder = once == expected

            let report = "lines missing: \(missing.count) (first \(missing.prefix(3))), doubled: \(doubled.count) "
                + "(first \(doubled.prefix(3))), the others in order: \(inOrder)"
            Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [true, false])
    func everyLineOnceThroughRenameAndCopytruncateRotations(inotify: Bool) throws {
        let h = FollowHarness()
        h.options.useInotify = inotify
        // The writer starts at once: read what it wrote before the follower looked.
        h.options.fromStart = true
        let writer = FollowRotatingWriter(path: h.live)
        let total = 6000
        _ = FileManager.default.createFile(atPath: h.live, contents: nil)
        try h.follow(writer: { recorder in
            var random = SynthSeededRandom(seed: inotify ? 1 : 2)
            var fd = writer.openLive()
            var n = 0
            var rotations = 0
            // The first line written to the live file since it was created or truncated.
            var firstOfFile: Int? = nil
            while n < total {
                let line = FollowRotatingWriter.line(n) + "\n"
                if random.chance(5) {
                    // A line written in two pieces.
                    let cut = line.utf8.count / 2
                    writer.write(fd, String(decoding: Array(line.utf8)[..<cut], as: UTF8.self))
                    usleep(200)
                    writer.write(fd, String(decoding: Array(line.utf8)[cut...], as: UTF8.self))
                } else {
                    writer.write(fd, line)
                }
                if firstOfFile == nil { firstOfFile = n }
                n += 1
                if random.chance(1) || n % 700 == 0 {
                    rotations += 1
                    if rotations % 2 == 0 {
                        // Copytruncate loses what the follower never saw the start of (no fingerprint finds the
                        // copy): the documented precondition, so wait until it has read the file's first line.
                        if let first = firstOfFile { recorder.waitUntilSeen(FollowRotatingWriter.line(first)) }
                        writer.copyTruncate(fd)
                    } else {
                        fd = writer.renameRotate(fd, next: &n, linesBeforeReopen: random.int(in: 0...3))
                    }
                    firstOfFile = nil
                    if random.chance(50) { writer.compressSecond() }
                }
                if random.chance(20) { usleep(UInt32(random.int(in: 50...400))) }
            }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<total)
    }

    @Test func backfillThenFollowSwitchesToTheLiveFileWithoutLosingOrRepeatingALine() throws {
        let h = FollowHarness()
        h.options.fromStart = true
        func text(_ r: Range<Int>) -> [UInt8] { Array(r.map { FollowRotatingWriter.line($0) + "\n" }.joined().utf8) }
        h.dir.write("syslog.3.gz", GzipEncoder.compress(text(0..<1000)))
        h.dir.write("syslog.2.gz", GzipEncoder.compress(text(1000..<2000)))
        h.dir.write("syslog.1", text(2000..<3000))
        h.dir.write("syslog", text(3000..<3500))
        h.dir.write("other.log", "not part of the set\n")
        let writer = FollowRotatingWriter(path: h.live)
        try h.follow(writer: { _ in
            var fd = writer.openLive()
            var n = 3500
            while n < 6000 {
                writer.write(fd, FollowRotatingWriter.line(n) + "\n")
                n += 1
                if n == 4200 { fd = writer.renameRotate(fd, next: &n, linesBeforeReopen: 2) }
                if n % 50 == 0 { usleep(300) }
            }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<6000)
    }

    @Test func aRestartGoesOnWhereItStoppedAfterARotationAndCompressionWhileItWasDown() throws {
        let h = FollowHarness()
        let writer = FollowRotatingWriter(path: h.live)
        h.dir.write("syslog", Array((0..<100).map { FollowRotatingWriter.line($0) + "\n" }.joined().utf8))
        // No checkpoint and no --from-start: the lines already there are skipped.
        try h.follow(writer: { _ in
            usleep(200_000)
            let fd = writer.openLive()
            for n in 100..<200 { writer.write(fd, FollowRotatingWriter.line(n) + "\n") }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 100..<200)
        // While it is stopped: more lines, a rename rotation, the old file gzipped, lines in the new file.
        var fd = writer.openLive()
        for n in 200..<250 { writer.write(fd, FollowRotatingWriter.line(n) + "\n") }
        var next = 250
        fd = writer.renameRotate(fd, next: &next, linesBeforeReopen: 0)
        writer.shiftRotated()
        writer.compressSecond()
        for n in 250..<300 { writer.write(fd, FollowRotatingWriter.line(n) + "\n") }
        close(fd)
        #expect(FileManager.default.fileExists(atPath: h.live + ".2.gz"))
        h.recorded = []
        try h.follow()
        Self.expectEachLineOnce(h.texts, 200..<300)
        // A third start with nothing new reads nothing.
        h.recorded = []
        try h.follow()
        #expect(h.texts.isEmpty)
    }

    @Test func aPathThatDoesNotExistYetIsWaitedFor() throws {
        let h = FollowHarness()
        let writer = FollowRotatingWriter(path: h.live)
        try h.follow(writer: { _ in
            usleep(300_000)
            let fd = writer.openLive()
            for n in 0..<500 { writer.write(fd, FollowRotatingWriter.line(n) + "\n") }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<500)
    }

    @Test func aLineWhoseEndingComesLateIsNeitherLostNorDoubled() throws {
        let h = FollowHarness()
        _ = FileManager.default.createFile(atPath: h.live, contents: nil)
        let writer = FollowRotatingWriter(path: h.live)
        try h.follow(writer: { _ in
            usleep(200_000)
            let fd = writer.openLive()
            writer.write(fd, FollowRotatingWriter.line(0) + "\n" + FollowRotatingWriter.line(1))
            usleep(800_000)
            writer.write(fd, "\n" + FollowRotatingWriter.line(2) + "\n")
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<3)
    }
}
