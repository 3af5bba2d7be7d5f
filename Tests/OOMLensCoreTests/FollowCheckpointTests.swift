import Foundation
@testable import OOMLensCore
import OOMLensTestSupport
import Testing

/// The checkpoint file: atomic saves, one follower per state directory, and what a damaged file leads to.
@Suite(.serialized)
struct FollowCheckpointTests {
    static let damaged: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("blank", Array("\n\n  \n".utf8)),
        ("cut short", Array(#"{"streams":{"/var/log/syslog":{"files":[{"path":"/var/log/syslog","fingerprint":{"ha"#.utf8)),
        ("garbage", (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }),
        ("zero bytes", [UInt8](repeating: 0, count: 4096)),
        ("another format", Array(#"{"version":7,"written":"x","streams":{}}"#.utf8)),
        ("wrong shape", Array(#"{"version":1,"written":"x","streams":[1,2,3]}"#.utf8)),
        ("values out of range", Array(#"""
            {"version":1,"written":"x","streams":{"/s":{"files":[{"path":"/s","fingerprint":{"hash":"zz","byte_count":5},
            "device":1,"inode":2,"gzip":false,"decompressed_offset":-4,"compressed_offset":0,"line":1,"size":0,
            "modified_nanoseconds":0,"finished":false}]}}}
            """#.utf8)),
    ]

    static func lines(_ range: Range<Int>) -> String {
        range.map { FollowRotatingWriter.line($0) + "\n" }.joined()
    }

    /// Waits (bounded) until the follower set the damaged checkpoint aside and wrote its first own one: it has
    /// planned where to start.
    static func waitForNewCheckpoint(_ path: String) {
        for _ in 0..<3000 {
            let fm = FileManager.default
            if fm.fileExists(atPath: path + ".corrupt") && fm.fileExists(atPath: path) { return }
            usleep(10_000)
        }
    }

    @Test(arguments: damaged.indices)
    func aDamagedCheckpointIsReportedSetAsideAndTheRunStartsAtTheEnd(index: Int) throws {
        let (name, bytes) = Self.damaged[index]
        let h = FollowHarness()
        h.dir.write("syslog", Self.lines(0..<100))
        try FileManager.default.createDirectory(atPath: h.stateDirectory, withIntermediateDirectories: true)
        let checkpoint = h.dir.write("state/checkpoint.json", bytes)
        let writer = FollowRotatingWriter(path: h.live)
        let outcome = try h.follow(writer: { _ in
            Self.waitForNewCheckpoint(checkpoint)
            let fd = writer.openLive()
            writer.write(fd, Self.lines(100..<150))
            close(fd)
        })
        #expect(outcome == .stopped, "\(name)")
        let message = h.messages.first { $0.contains("cannot be used") }
        #expect(message != nil, "\(name): no message about the checkpoint")
        #expect(message?.contains("starting at the end of each file") == true, "\(name)")
        #expect(FileManager.default.contents(atPath: checkpoint + ".corrupt") == Data(bytes), "\(name): set aside")
        FollowRotationTests.expectEachLineOnce(h.texts, 100..<150)
        // The new checkpoint is good: the next start goes on from it without a message.
        h.messages = []
        h.recorded = []
        try h.follow()
        #expect(h.messages.isEmpty, "\(name)")
        #expect(h.texts.isEmpty, "\(name)")
    }

    @Test func withFromStartADamagedCheckpointMeansReadingTheRotationSetAgain() throws {
        let h = FollowHarness()
        h.options.fromStart = true
        h.dir.write("syslog.1", Self.lines(0..<40))
        h.dir.write("syslog", Self.lines(40..<100))
        try FileManager.default.createDirectory(atPath: h.stateDirectory, withIntermediateDirectories: true)
        h.dir.write("state/checkpoint.json", "{\"version\":1,\"wri")
        try h.follow()
        #expect(h.messages.first { $0.contains("cannot be used") }?.contains("--from-start") == true)
        FollowRotationTests.expectEachLineOnce(h.texts, 0..<100)
    }

    @Test func savesAreAtomicAndReadBack() throws {
        let dir = TemporaryDirectory()
        let store = try CheckpointStore(directory: dir.path + "/state")
        let file = CheckpointedFile(path: "/var/log/syslog.2.gz", fingerprint: FileFingerprint(head: Array("abc".utf8)),
                                    device: 3, inode: 99, gzip: true, decompressedOffset: 5 << 20,
                                    compressedOffset: 1 << 20, line: 4711, size: 2 << 20,
                                    modifiedNanoseconds: 1_700_000_000_000_000_000, finished: false,
                                    syncPoint: GzipSyncPoint(compressedOffset: 1 << 20, bits: 5,
                                                             decompressedOffset: 4 << 20,
                                                             window: Data((0..<32768).map { UInt8($0 & 0xFF) })))
        let checkpoint = FollowCheckpoint(written: "now", streams: ["/var/log/syslog": StreamCheckpoint(files: [file])])
        try store.save(checkpoint)
        try store.save(checkpoint)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".tmp"))
        guard case .loaded(let back) = store.load() else {
            Issue.record("the saved checkpoint did not load")
            return
        }
        #expect(back == checkpoint)
    }

    @Test func aSecondFollowerCannotUseTheSameStateDirectory() throws {
        let dir = TemporaryDirectory()
        let first = try CheckpointStore(directory: dir.path)
        #expect(throws: PipelineError.self) { _ = try CheckpointStore(directory: dir.path) }
        do {
            _ = try CheckpointStore(directory: dir.path)
        } catch {
            #expect(error.code == .stateDirectoryBusy)
        }
        _ = first
    }
}
