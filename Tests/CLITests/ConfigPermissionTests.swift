import Foundation
import Testing

/// A config that others can write is a way to make OOMLens run their program: a warning, and with `--strict` a
/// refusal, for `run`, `validate` and `follow`.
struct ConfigPermissionTests {
    static let config = #"{"version": 1, "stages": [{"type": "tokenizer"}], "sinks": [{"type": "jsonl"}]}"#

    /// A private directory holding `pipeline.json` with `mode`, and an empty log.
    static func setUp(mode: Int, directoryMode: Int = 0o700) throws -> (dir: URL, config: String, log: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oomlens-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("pipeline.json").path
        try Data(Self.config.utf8).write(to: URL(fileURLWithPath: config))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: config)
        try FileManager.default.setAttributes([.posixPermissions: directoryMode], ofItemAtPath: dir.path)
        let log = dir.appendingPathComponent("empty.log").path
        FileManager.default.createFile(atPath: log, contents: Data())
        return (dir, config, log)
    }

    @Test(arguments: [0o664, 0o646, 0o666])
    func aConfigOthersCanWriteIsAWarning(mode: Int) throws {
        let (dir, config, log) = try Self.setUp(mode: mode)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try OOMLensBinary.run(["run", "--quiet", "--config", config, log])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: \(config) is writable by"))
        let validate = try OOMLensBinary.run(["validate", config])
        #expect(validate.status == 0 && validate.stderr.contains("warning:"))
    }

    @Test func strictRefusesItForRunValidateAndFollow() throws {
        let (dir, config, log) = try Self.setUp(mode: 0o666)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try OOMLensBinary.run(["run", "--strict", "--config", config, log])
        #expect(run.status == 2)
        #expect(run.stderr.contains("refused (--strict)"))
        #expect(run.stdout.isEmpty)
        let validate = try OOMLensBinary.run(["validate", "--strict", config])
        #expect(validate.status == 1 && validate.stderr.contains("refused (--strict)"))
        let follow = try OOMLensBinary.run(["follow", "--strict", "--config", config, "--state", dir.path, log])
        #expect(follow.status == 2 && follow.stderr.contains("refused (--strict)"))
    }

    @Test func aDirectoryOthersCanWriteIsAProblemUnlessSticky() throws {
        let (dir, config, log) = try Self.setUp(mode: 0o644, directoryMode: 0o777)
        defer { try? FileManager.default.removeItem(at: dir) }
        let open = try OOMLensBinary.run(["run", "--strict", "--config", config, log])
        #expect(open.status == 2 && open.stderr.contains("could replace the config"))
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: dir.path)
        let sticky = try OOMLensBinary.run(["run", "--strict", "--quiet", "--config", config, log])
        #expect(sticky.status == 0 && !sticky.stderr.contains("warning"))
    }

    @Test func anOwnerOnlyConfigIsQuietEvenWithStrict() throws {
        let (dir, config, log) = try Self.setUp(mode: 0o644)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try OOMLensBinary.run(["run", "--strict", "--quiet", "--config", config, log])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }
}
