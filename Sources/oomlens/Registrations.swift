import ConsoleSink
import JSONLinesSink
import OOMLensCore
import OOMLensStages

/// Every stage and sink the tool knows, one registration line each.
enum Registrations {
    static func makeRegistry() -> Registry {
        let r = Registry()
        r.register(stage: TokenizerStage.self)
        r.register(stage: OOMBlockAssemblerStage.self)
        r.register(sink: ConsoleSink.self)
        r.register(sink: JSONLinesSink.self)
        return r
    }
}
