import Foundation
import OOMLensCore
import OOMLensTestSupport
import Testing

struct InputResolverTests {
    @Test func numberedRotationSetIsReadOldestFirst() {
        let dir = TemporaryDirectory()
        for name in ["syslog", "syslog.1", "syslog.2.gz", "syslog.10.gz", "syslog.3.gz"] {
            dir.write(name, name.hasSuffix(".gz") ? GzipEncoder.compress(Array("\(name)\n".utf8)) : Array("\(name)\n".utf8))
        }
        let (files, errors) = InputResolver.resolve([dir.path])
        #expect(errors.isEmpty)
        #expect(files.map { ($0.path as NSString).lastPathComponent }
            == ["syslog.10.gz", "syslog.3.gz", "syslog.2.gz", "syslog.1", "syslog"])
        #expect(Set(files.map(\.stem)).count == 1)
        // And read as one stream: the stages see one end of stream.
        let r = recordLines([dir.path])
        #expect(r.lines.map(\.text) == ["syslog.10.gz", "syslog.3.gz", "syslog.2.gz", "syslog.1", "syslog"])
        #expect(r.streamsEnded == 1)
    }

    @Test func dateextRotationSetIsReadOldestFirst() {
        let dir = TemporaryDirectory()
        for name in ["messages", "messages-20240115.gz", "messages-20240101.gz", "messages-20240108"] {
            dir.write(name, name)
        }
        let (files, _) = InputResolver.resolve([dir.path + "/messages*"])
        #expect(files.map { ($0.path as NSString).lastPathComponent }
            == ["messages-20240101.gz", "messages-20240108", "messages-20240115.gz", "messages"])
    }

    @Test func separateSetsAreSeparateStreams() {
        let dir = TemporaryDirectory()
        dir.write("kern.log.1", "k1\n")
        dir.write("kern.log", "k0\n")
        dir.write("syslog.1", "s1\n")
        dir.write("syslog", "s0\n")
        let r = recordLines([dir.path])
        #expect(r.lines.map(\.text) == ["k1", "k0", "s1", "s0"])
        #expect(r.streamsEnded == 2)
    }

    @Test func missingPathIsReportedAndTheOthersAreRead() {
        let dir = TemporaryDirectory()
        let a = dir.write("a.log", "a\n")
        let b = dir.write("b.log", "b\n")
        let missing = dir.path + "/nope.log"
        let r = recordLines([a, missing, b])
        #expect(r.lines.map(\.text) == ["a", "b"])
        #expect(r.summary.errors.count == 1)
        #expect(r.summary.errors.first?.code == .missingPath)
        #expect(r.summary.errors.first?.path == missing)
        #expect(r.summary.render().contains(missing))
    }

    @Test func patternThatMatchesNothingIsAnError() {
        let dir = TemporaryDirectory()
        let (files, errors) = InputResolver.resolve([dir.path + "/*.nothing"])
        #expect(files.isEmpty)
        #expect(errors.first?.code == .missingPath)
    }

    @Test func aDirectoryOpenedAsAFileIsUnreadable() {
        let dir = TemporaryDirectory()
        #expect(throws: PipelineError.self) { try InputStream(path: dir.path) }
        do {
            _ = try InputStream(path: dir.path)
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.path == dir.path)
        }
    }

    @Test func rotationKeysClassifyNames() {
        #expect(RotationKey(path: "/var/log/syslog.2.gz").stem == "/var/log/syslog")
        #expect(RotationKey(path: "/var/log/messages-20240101.gz").stem == "/var/log/messages")
        #expect(RotationKey(path: "kern.log").stem == "kern.log")
        #expect(RotationKey(path: "syslog.2.gz") < RotationKey(path: "syslog.1"))
        #expect(RotationKey(path: "syslog.1") < RotationKey(path: "syslog"))
    }
}
