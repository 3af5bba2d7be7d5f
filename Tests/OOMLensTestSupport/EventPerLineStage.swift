import OOMLensCore
import OOMLensSinkAPI

/// A line stage that makes one bare event per line, for tests of what happens after the stages (sinks, faults).
public final class EventPerLineStage: LineStage {
    public init() {}

    public func process(_ batch: LineBatch, _ context: StageContext) {
        for i in 0..<batch.count {
            let number = batch.firstLineNumber + i
            context.events.append(OOMEvent(id: "line\(number)", kind: .oom, complete: false,
                                           source: OOMEvent.Source(path: batch.input.path, first_line: number,
                                                                   last_line: number)))
        }
    }
}
