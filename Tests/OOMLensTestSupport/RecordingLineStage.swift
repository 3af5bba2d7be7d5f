import OOMLensCore

/// A line stage that copies every line it sees, with its input path and line number, for assertions.
public final class RecordingLineStage: LineStage {
    /// One recorded line.
    public struct Line: Equatable, Sendable {
        public var path: String
        public var number: Int
        public var bytes: [UInt8]
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    public private(set) var lines: [Line] = []
    public private(set) var streamsEnded = 0

    public init() {}

    public func process(_ batch: LineBatch, _ context: StageContext) {
        for i in 0..<batch.count {
            lines.append(Line(path: batch.input.path, number: batch.firstLineNumber + i, bytes: Array(batch[i])))
        }
    }

    public func endOfStream(_ context: StageContext) {
        streamsEnded += 1
    }
}
