import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// The sinks' byte encoder writes exactly what Foundation's `JSONEncoder` (sorted keys, slashes unescaped)
/// writes, for every event shape the decoders and the diagnosis produce.
struct CompactJSONEncoderTests {
    private static func foundationJSON<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    /// Peer-case events (raw lines kept) and synthesised events of every era, all diagnosed.
    private static func sampleEvents() -> [OOMEvent] {
        var events: [OOMEvent] = []
        for folder in ["OOMAnalyser", "cadvisor", "gpud", "oom-messages-exporter", "oom_investigate", "parseoom", "seeds"] {
            for c in PeerCases.cases(folder) { events += PeerCases.events(c.inputs, keepRaw: true) }
        }
        for (index, era) in SynthesizedKernelEra.allCases.enumerated() {
            var generator = SynthesizedParameterGenerator(seed: synthesisSeed(77, index))
            let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "db-01"))
            var writer = LogPrefixWriter(style: .traditionalSyslog)
            events += runRealPipeline(lines: writer.render(report.entries)).events
        }
        DiagnosisStage(options: .init()).process(&events, StageContext())
        return events
    }

    @Test func everyEventEncodesToTheSameBytesAsFoundation() throws {
        let events = Self.sampleEvents()
        #expect(events.count > 60)
        #expect(events.contains { $0.diagnosis != nil })
        let encoder = CompactJSONEncoder()
        for event in events {
            let ours = try encoder.encode(event)
            let theirs = try Self.foundationJSON(event)
            #expect(ours == theirs, "\(event.source.path):\(event.source.first_line)\n\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
        }
    }

    @Test func hostileTextIsEscapedTheSameWay() throws {
        var event = OOMEvent(id: "a\"b\\c", kind: .oom, complete: true, source: .init(path: "/x/y", first_line: 1, last_line: 2))
        event.host = "tab\tnl\ncr\r\u{01}\u{08}\u{0C}\u{1F}\u{7F} </script> ${x} '; DROP TABLE t; -- é ☃ 𝄞"
        event.raw = ["", "\u{0}", "\\\"", "#012"]
        event.uptime_s = 12345.678901
        event.meminfo = ["z": -1, "a": Int64.max, "m": Int64.min, "B": 0, "é": 3, "ab": 2, "a_": 1]
        #expect(try CompactJSONEncoder().encode(event) == (try Self.foundationJSON(event)))
    }

    @Test func numbersAndNestedCollectionsMatch() throws {
        let doubles: [Double] = [0, -0.0, 1, 1.5, 0.1, 1e-7, 123456789012345680000, 5e-324, -2.5e300, 100, 3.0]
        #expect(try CompactJSONEncoder().encode(doubles) == (try Self.foundationJSON(doubles)))
        let nested: [String: [[String: Int?]]] = ["b": [["y": nil, "x": 1]], "a": [], "c": [[:]]]
        #expect(try CompactJSONEncoder().encode(nested) == (try Self.foundationJSON(nested)))
        let scalars: [Int8?] = [nil, -128, 127]
        #expect(try CompactJSONEncoder().encode(scalars) == (try Self.foundationJSON(scalars)))
    }

    @Test func nonFiniteNumbersAreAnErrorAndLeaveTheBufferAsItWas() {
        var buffer = Array("kept".utf8)
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode([1.0, .nan], appendingTo: &buffer) }
        #expect(buffer == Array("kept".utf8))
    }
}
