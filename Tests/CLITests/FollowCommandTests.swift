import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `oomlens follow` as a process: signals, a damaged checkpoint, SIGHUP reloads, `--stats`.
@Suite(.serialized)
struct FollowCommandTests {
    /// A running `oomlens follow` with its stderr in a file.
    final class Follower {
        let process = Process()
        let stderrPath: String

        init(_ arguments: [String], in dir: String) throws {
            stderrPath = dir + "/follow.stderr"
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = OOMLensBinary.url
            process.arguments = ["follow"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            try process.run()
        }

        var stderr: String {
            String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self)
        }

        func signal(_ signo: Int32) { kill(process.processIdentifier, signo) }

        /// SIGTERM, then waits at most 60 s; returns the exit status (nil when it had to be killed).
        func stop() -> Int32? {
            signal(SIGTERM)
            for _ in 0..<600 where process.isRunning { usleep(100_000) }
            if process.isRunning {
                signal(SIGKILL)
                process.waitUntilExit()
                return nil
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Waits (at most 60 s) until `condition` holds.
    @discardableResult
    static func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<600 {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    static func lineCount(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).filter { $0 == 0x0A }.count
    }

    static func append(_ path: String, _ data: Data) {
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(data)
        try? handle.close()
    }

    static var sampleReports: Data {
        FileManager.default.contents(atPath: OOMLensBinary.repoRoot.path + "/samples/syslog")!
    }

    static func makeDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.path + "/oomlens-follow-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/syslog", contents: Data("Feb  2 04:00:00 h sshd[1]: old line\n".utf8))
        return dir
    }

    @Test(arguments: ["", "{\"version\":1,\"written\":\"2026", "\u{7}\u{1}garbage\u{0}\u{0}"])
    func aDamagedCheckpointIsReportedAndTheRunStartsAtTheEnd(content: String) throws {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let checkpoint = dir + "/state/checkpoint.json"
        _ = FileManager.default.createFile(atPath: checkpoint, contents: Data(content.utf8))
        let follower = try Follower(["--state", dir + "/state", "--output", "jsonl:" + dir + "/out.jsonl",
                                     dir + "/syslog"], in: dir)
        #expect(Self.waitUntil { FileManager.default.fileExists(atPath: checkpoint + ".corrupt")
            && FileManager.default.fileExists(atPath: checkpoint) })
        Self.append(dir + "/syslog", Self.sampleReports)
        #expect(Self.waitUntil { Self.lineCount(dir + "/out.jsonl") >= 1 })
        #expect(follower.stop() == 0)
        #expect(follower.stderr.contains("cannot be used"))
        #expect(follower.stderr.contains("starting at the end of each file"))
        #expect(FileManager.default.contents(atPath: checkpoint + ".corrupt") == Data(content.utf8))
    }

    @Test func sighupReloadsAValidConfigAndKeepsTheOldOneOtherwise() throws {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/pipeline.json"
        func writeConfig(_ output: String) {
            _ = FileManager.default.createFile(atPath: config, contents: Data("""
                {"version": 1, "stages": [{"type": "tokenizer"}, {"type": "oom-assembler"}],
                 "sinks": [{"type": "jsonl", "options": {"path": "\(dir)/\(output)", "append": true}}]}
                """.utf8))
        }
        writeConfig("first.jsonl")
        let follower = try Follower(["--config", config, "--state", dir + "/state", dir + "/syslog"], in: dir)
        #expect(Self.waitUntil { FileManager.default.fileExists(atPath: dir + "/state/checkpoint.json") })
        _ = FileManager.default.createFile(atPath: config, contents: Data("{\"version\": 1, \"stages\": [{\"type\": \"nope\"}]".utf8))
        follower.signal(SIGHUP)
        #expect(Self.waitUntil { follower.stderr.contains("not reloaded") })
        writeConfig("second.jsonl")
        follower.signal(SIGHUP)
        #expect(Self.waitUntil { follower.stderr.contains("config reloaded") })
        Self.append(dir + "/syslog", Self.sampleReports)
        #expect(Self.waitUntil { Self.lineCount(dir + "/second.jsonl") >= 1 })
        #expect(follower.stop() == 0)
        #expect(Self.lineCount(dir + "/first.jsonl") == 0)
    }

    @Test func statsShowCountersAndProgressOnExit() throws {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let follower = try Follower(["--state", dir + "/state", "--from-start", "--stats", "--output",
                                     "jsonl:" + dir + "/out.jsonl", dir + "/syslog"], in: dir)
        Self.append(dir + "/syslog", Self.sampleReports)
        #expect(Self.waitUntil { Self.lineCount(dir + "/out.jsonl") >= 1 })
        #expect(follower.stop() == 0)
        let stats = follower.stderr
        #expect(stats.contains("oomlens follow:"))
        #expect(stats.contains("events:"))
        #expect(stats.contains("checkpoints written:"))
        #expect(stats.contains(dir + "/syslog:"))
        #expect(stats.contains("caught up"))
    }

    @Test func standardInputCannotBeFollowed() throws {
        let r = try OOMLensBinary.run(["follow", "-"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("standard input cannot be followed"))
    }
}
