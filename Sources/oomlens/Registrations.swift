import CSVSink
import ConsoleSink
import ExecSink
import HTMLSink
import JSONLinesSink
import OOMLensCore
import OOMLensStages
import PostgresSink
import PrometheusSink
import SQLiteSink

/// Every stage and sink the tool knows, one registration line each.
enum Registrations {
    static func makeRegistry() -> Registry {
        let r = Registry()
        r.register(stage: TokenizerStage.self)
        r.register(stage: OOMBlockAssemblerStage.self)
        r.register(stage: DiagnosisStage.self)
        r.register(sink: ConsoleSink.self)
        r.register(sink: JSONLinesSink.self)
        r.register(sink: SQLiteSink.self)
        r.register(sink: CSVSink.self)
        r.register(sink: PrometheusSink.self)
        r.register(sink: HTMLSink.self)
        r.register(sink: PostgresSink.self)
        r.register(sink: ExecSink.self)
        return r
    }
}
