#if ISAL
@testable import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// In a build with both inflate libraries, zlib and ISA-L give the same bytes and the same pipeline output.
struct InflateEngineParityTests {
    /// Every decompressed byte of `path`, read with `library` in pieces of `readSize` bytes.
    private static func inflate(_ path: String, _ library: InflateLibrary, readSize: Int) throws -> [UInt8] {
        let input = try InputStream(path: path, library: library)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = try input.read(into: buffer)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    @Test(arguments: [4096, 1 << 20])
    func bothLibrariesGiveTheSameBytes(readSize: Int) throws {
        let dir = TemporaryDirectory()
        let text = CorruptCorpus.baseLog(reports: 20, seed: 31).text
        let cut = text.count / 3
        let members = GzipEncoder.compress(Array(text[..<cut]), level: 1) + GzipEncoder.compress(Array(text[cut...]), level: 9)
        let path = dir.write("syslog.1.gz", members)
        let zlib = try Self.inflate(path, .zlib, readSize: readSize)
        let isal = try Self.inflate(path, .isal, readSize: readSize)
        #expect(zlib == text)
        #expect(isal == zlib)
    }

    private static func jsonl(_ paths: [String], _ library: InflateLibrary, threads: Int) throws -> (String, String) {
        let sink = CollectingSink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())],
                                eventStages: [DiagnosisStage(options: .init())], sinks: [("collect", sink)],
                                readSize: 64 << 10, deliveryThread: threads == 2)
        pipeline.inflateLibrary = library
        let (files, errors) = InputResolver.resolve(paths)
        var summary = pipeline.run(files, initialErrors: errors)
        summary.seconds = 0
        summary.counters["delivery queue peak"] = nil
        let encoder = CompactJSONEncoder()
        return (try sink.events.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined(), summary.render())
    }

    @Test(arguments: [1, 2])
    func bothLibrariesGiveTheSamePipelineOutput(threads: Int) throws {
        let dir = TemporaryDirectory()
        let paths = RotationSetFixture.write(in: dir)
        let zlib = try Self.jsonl(paths, .zlib, threads: threads)
        let isal = try Self.jsonl(paths, .isal, threads: threads)
        #expect(zlib.0.split(separator: "\n").count == 48)
        #expect(isal.0 == zlib.0)
        #expect(isal.1 == zlib.1)
    }
}
#endif
