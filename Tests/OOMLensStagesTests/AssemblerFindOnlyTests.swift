import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// The assembler's find-only mode (`decode: false`) finds the same reports, with the same ids, undecoded.
struct AssemblerFindOnlyTests {
    func run(_ paths: [String], decode: Bool) -> [OOMEvent] {
        let sink = CollectingSink()
        var options = OOMBlockAssemblerStage.Options()
        options.decode = decode
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: options)],
                                eventStages: [], sinks: [("collect", sink)])
        let (files, errors) = InputResolver.resolve(paths)
        _ = pipeline.run(files, initialErrors: errors)
        return sink.events
    }

    @Test func findOnlyGivesTheSameReportsWithoutFields() throws {
        let c = try #require(PeerCases.cases("oom_investigate").first)
        let decoded = run(c.inputs, decode: true)
        let found = run(c.inputs, decode: false)
        #expect(decoded.count == 20)
        #expect(found.map(\.id) == decoded.map(\.id))
        #expect(found.map(\.source) == decoded.map(\.source))
        #expect(found.map(\.host) == decoded.map(\.host))
        #expect(found.allSatisfy { $0.trigger == nil && $0.victim == nil && $0.tasks.isEmpty })
        #expect(decoded.allSatisfy { $0.victim != nil })
    }
}
