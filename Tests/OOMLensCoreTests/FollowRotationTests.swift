import Foundation
import OOMLensCore
import OOMLensTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs a ``Follower`` in this process with a recording line stage, while a writer thread appends and rotates.
final class FollowHarness {
    let dir = TemporaryDirectory()
    let wakeup = FollowWakeup()
    var messages: [String] = []
    var recorded: [RecordingLineStage.Line] = []
    var options = FollowOptions()

    var live: String { dir.path + "/syslog" }
    var stateDirectory: String { dir.path + "/state" }

    init() {
        options.partialLineMilliseconds = 300
        options.idleMilliseconds = 500
        options.pollMilliseconds = 50
    }

    /// Follows `paths` until `writer` (run on its own thread) returns; then asks the follower to stop.
    @discardableResult
    func follow(_ paths: [String]? = nil, writer: @escaping @Sendable () -> Void = {}) throws -> FollowOutcome {
        let recorder = RecordingLineStage()
        let pipeline = Pipeline(lineStages: [], eventStages: [], sinks: [(name: "collect", sink: CollectingSink())])
        let store = try CheckpointStore(directory: stateDirectory)
        let follower = try Follower(paths: paths ?? [live], options: options, pipeline: pipeline,
                                    makeLineStages: { [recorder] }, store: store, wakeup: wakeup,
                                    log: { [unowned self] in self.messages.append($0) })
        let done = DispatchSemaphore(value: 0)
        let wakeup = self.wakeup
        let thread = Thread {
            writer()
            wakeup.requestStop()
            done.signal()
        }
        thread.start()
        let outcome = follower.run()
        done.wait()
        recorded += recorder.lines
        return outcome
    }

    var texts: [String] { recorded.map(\.text) }
}

/// Appends numbered lines to a log and rotates it the ways logrotate does, from a writer thread.
struct RotatingWriter: Sendable {
    let path: String

    static func line(_ n: Int) -> String {
        "Feb  2 04:10:\(10 + n % 50) web-1 app[\(1000 + n % 7)]: line \(n) " + String(repeating: "z", count: n % 37)
    }

    /// Opens the live file for appending (creating it).
    func openLive() -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }

    func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            precondition(n > 0)
            done += n
        }
    }

    /// Moves `path.N` to `path.N+1` (newest first), so that `path.1` is free.
    func shiftRotated() {
        var highest = 0
        while FileManager.default.fileExists(atPath: "\(path).\(highest + 1)")
            || FileManager.default.fileExists(atPath: "\(path).\(highest + 1).gz") { highest += 1 }
        if highest == 0 { return }
        for n in stride(from: highest, through: 1, by: -1) {
            for ext in ["", ".gz"] where FileManager.default.fileExists(atPath: "\(path).\(n)\(ext)") {
                rename("\(path).\(n)\(ext)", "\(path).\(n + 1)\(ext)")
            }
        }
    }

    /// `delaycompress`: gzips `path.2` (if plain) the way logrotate does: new file, then the old one removed.
    func compressSecond() {
        let plain = "\(path).2"
        guard let data = FileManager.default.contents(atPath: plain) else { return }
        let gz = GzipEncoder.compress(Array(data))
        FileManager.default.createFile(atPath: plain + ".gz", contents: Data(gz))
        unlink(plain)
    }

    /// Rename rotation: the old file becomes `path.1`, a new one is created; `linesBeforeReopen` more lines go to
    /// the old descriptor first, as a daemon writes until it gets SIGHUP. Returns the new descriptor.
    func renameRotate(_ fd: Int32, next: inout Int, linesBeforeReopen: Int) -> Int32 {
        shiftRotated()
        rename(path, "\(path).1")
        for _ in 0..<linesBeforeReopen {
            write(fd, Self.line(next) + "\n")
            next += 1
        }
        close(fd)
        return openLive()
    }

    /// Copytruncate: `path.1` gets a copy, then the live file is truncated (the writer goes on at its end).
    func copyTruncate(_ fd: Int32) {
        shiftRotated()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        FileManager.default.createFile(atPath: "\(path).1", contents: data)
        ftruncate(fd, 0)
    }
}

/// Rotation both ways while a writer appends, backfill then follow, and restarts: every line exactly once.
@Suite(.serialized)
struct FollowRotationTests {
    static func expectEachLineOnce(_ texts: [String], _ range: Range<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = range.map(RotatingWriter.line)
        #expect(texts.count == expected.count, "lines delivered", sourceLocation: sourceLocation)
        if texts != expected {
            var seen: [String: Int] = [:]
            for t in texts { seen[t, default: 0] += 1 }
            let missing = expected.filter { seen[$0] == nil }
            let doubled = seen.filter { $0.value > 1 }.map(\.key)
            let inOrder = texts.filter { seen[$0] == 1 } == expected
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
        let writer = RotatingWriter(path: h.live)
        let total = 6000
        FileManager.default.createFile(atPath: h.live, contents: nil)
        try h.follow(writer: {
            var random = SynthSeededRandom(seed: inotify ? 1 : 2)
            var fd = writer.openLive()
            var n = 0
            var rotations = 0
            while n < total {
                let line = RotatingWriter.line(n) + "\n"
                if random.chance(5) {
                    // A line written in two pieces.
                    let cut = line.utf8.count / 2
                    writer.write(fd, String(decoding: Array(line.utf8)[..<cut], as: UTF8.self))
                    usleep(200)
                    writer.write(fd, String(decoding: Array(line.utf8)[cut...], as: UTF8.self))
                } else {
                    writer.write(fd, line)
                }
                n += 1
                if random.chance(1) || n % 700 == 0 {
                    rotations += 1
                    if rotations % 2 == 0 {
                        writer.copyTruncate(fd)
                    } else {
                        fd = writer.renameRotate(fd, next: &n, linesBeforeReopen: random.int(in: 0...3))
                    }
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
        func text(_ r: Range<Int>) -> [UInt8] { Array(r.map { RotatingWriter.line($0) + "\n" }.joined().utf8) }
        h.dir.write("syslog.3.gz", GzipEncoder.compress(text(0..<1000)))
        h.dir.write("syslog.2.gz", GzipEncoder.compress(text(1000..<2000)))
        h.dir.write("syslog.1", text(2000..<3000))
        h.dir.write("syslog", text(3000..<3500))
        h.dir.write("other.log", "not part of the set\n")
        let writer = RotatingWriter(path: h.live)
        try h.follow(writer: {
            var fd = writer.openLive()
            var n = 3500
            while n < 6000 {
                writer.write(fd, RotatingWriter.line(n) + "\n")
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
        let writer = RotatingWriter(path: h.live)
        h.dir.write("syslog", Array((0..<100).map { RotatingWriter.line($0) + "\n" }.joined().utf8))
        // No checkpoint and no --from-start: the lines already there are skipped.
        try h.follow(writer: {
            usleep(200_000)
            let fd = writer.openLive()
            for n in 100..<200 { writer.write(fd, RotatingWriter.line(n) + "\n") }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 100..<200)
        // While it is stopped: more lines, a rename rotation, the old file gzipped, lines in the new file.
        var fd = writer.openLive()
        for n in 200..<250 { writer.write(fd, RotatingWriter.line(n) + "\n") }
        var next = 250
        fd = writer.renameRotate(fd, next: &next, linesBeforeReopen: 0)
        writer.shiftRotated()
        writer.compressSecond()
        for n in 250..<300 { writer.write(fd, RotatingWriter.line(n) + "\n") }
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
        let writer = RotatingWriter(path: h.live)
        try h.follow(writer: {
            usleep(300_000)
            let fd = writer.openLive()
            for n in 0..<500 { writer.write(fd, RotatingWriter.line(n) + "\n") }
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<500)
    }

    @Test func aLineWhoseEndingComesLateIsNeitherLostNorDoubled() throws {
        let h = FollowHarness()
        FileManager.default.createFile(atPath: h.live, contents: nil)
        let writer = RotatingWriter(path: h.live)
        try h.follow(writer: {
            usleep(200_000)
            let fd = writer.openLive()
            writer.write(fd, RotatingWriter.line(0) + "\n" + RotatingWriter.line(1))
            usleep(800_000)
            writer.write(fd, "\n" + RotatingWriter.line(2) + "\n")
            close(fd)
        })
        Self.expectEachLineOnce(h.texts, 0..<3)
    }
}
