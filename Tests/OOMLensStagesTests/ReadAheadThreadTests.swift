import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// Decompressing on a read-ahead thread changes nothing a user can see: the events, as JSON Lines, and the run
/// summary are byte for byte those of one thread.
struct ReadAheadThreadTests {
    /// Events as JSON Lines and the summary as printed (its timing and the delivery queue's depth left out).
    struct Output: Equatable {
        var jsonl: String
        var summary: String
        var errors: [String]
    }

    private static func run(_ paths: [String], threads: Int, readAhead: Bool? = nil, readSize: Int = 64 << 10,
                            adjust: ([InputFile]) -> [InputFile] = { $0 }) throws -> Output
    {
        let sink = CollectingSink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())],
                                eventStages: [DiagnosisStage(options: .init())], sinks: [("collect", sink)],
                                readSize: readSize, deliveryThread: threads == 2, readAheadThread: readAhead)
        #expect(pipeline.readAheadThread == (readAhead ?? (threads == 2)))
        let (files, errors) = InputResolver.resolve(paths)
        var summary = pipeline.run(adjust(files), initialErrors: errors)
        summary.seconds = 0
        summary.counters["delivery queue peak"] = nil
        let encoder = CompactJSONEncoder()
        let jsonl = try sink.events.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        return Output(jsonl: jsonl, summary: summary.render(), errors: summary.errors.map { "\($0)" })
    }

    /// One thread, the read-ahead thread alone, and both extra threads give the same output.
    private static func expectSame(_ paths: [String], readSize: Int = 64 << 10,
                                   adjust: ([InputFile]) -> [InputFile] = { $0 }) throws -> Output {
        let one = try run(paths, threads: 1, readSize: readSize, adjust: adjust)
        let readAheadOnly = try run(paths, threads: 1, readAhead: true, readSize: readSize, adjust: adjust)
        let two = try run(paths, threads: 2, readSize: readSize, adjust: adjust)
        #expect(readAheadOnly == one)
        #expect(two == one)
        return one
    }

    @Test func peerCaseLogsGiveTheSameOutput() throws {
        let logs = (FileManager.default.enumerator(atPath: PeerCases.root)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.sorted()
            .map { PeerCases.root + "/" + $0 }
            .filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
        #expect(logs.count > 10)
        let out = try Self.expectSame(logs)
        #expect(out.jsonl.split(separator: "\n").count > 50)
    }

    @Test(arguments: [4096, 64 << 10, 1 << 20])
    func rotationSetOfPlainAndGzipFilesGivesTheSameOutput(readSize: Int) throws {
        let dir = TemporaryDirectory()
        let out = try Self.expectSame(RotationSetFixture.write(in: dir), readSize: readSize)
        #expect(out.errors.isEmpty)
        #expect(out.summary.contains("bytes after the last gzip member ignored"))
        #expect(out.jsonl.split(separator: "\n").count == 48)
        #expect(out.summary.contains("oomlens: 8 file(s)"))
    }

    @Test func corruptGzipInTheMiddleIsTheSameErrorAndTheRestIsRead() throws {
        let dir = TemporaryDirectory()
        let out = try Self.expectSame(RotationSetFixture.write(in: dir, corruptInMiddle: true), readSize: 4096)
        #expect(out.errors.count == 1)
        #expect(out.errors.first?.contains("syslog.3.gz") == true)
        #expect(out.errors.first?.contains("compressed byte") == true)
        #expect(out.summary.contains("oomlens: 8 file(s)"))
        // The files after the damaged one are read: kern.log holds 12 reports of its own.
        #expect(out.jsonl.split(separator: "\n").count > 12 + 24)
    }

    @Test func missingAndUnsupportedFilesAreTheSameErrorsAndTheRestIsRead() throws {
        let dir = TemporaryDirectory()
        let xz = dir.write("syslog.7.xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3])
        // Files that vanish between listing and reading, and one in a format that is not read.
        let out = try Self.expectSame(RotationSetFixture.write(in: dir, corruptInMiddle: true)) { files in
            var files = files
            files.insert(InputFile(path: dir.path + "/syslog.9.gz", stem: files[0].stem), at: 0)
            files.insert(InputFile(path: xz, stem: files[0].stem), at: 3)
            files.append(InputFile(path: dir.path + "/zz.log", stem: "zz.log"))
            return files
        }
        #expect(out.errors.count == 4)
        #expect(out.errors.contains { $0.contains("syslog.9.gz") && $0.contains("missing-path") })
        #expect(out.errors.contains { $0.contains("xz compressed input is not supported") })
        #expect(out.summary.contains("oomlens: 8 file(s)"))
    }

    @Test func noInputsAndOnlyMissingInputs() throws {
        let dir = TemporaryDirectory()
        #expect(try Self.expectSame([]).summary.contains("oomlens: 0 file(s)"))
        let gone = [dir.path + "/a.log", dir.path + "/b.log.1.gz"]
        #expect(try Self.expectSame(gone).errors.count == 2)
    }
}
