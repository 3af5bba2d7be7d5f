/// Where a line starts in its input: what a stage reports it still holds, and what a follow checkpoint records.
///
/// Positions of one stream compare by the input's place in the run (``InputContext/index``), then by offset.
public struct LinePosition: Sendable, Equatable {
    /// The input the line was read from.
    public let input: InputContext
    /// 1-based line number in the input's decompressed stream.
    public let lineNumber: Int
    /// Decompressed byte offset of the line's first byte.
    public let offset: Int64

    public init(input: InputContext, lineNumber: Int, offset: Int64) {
        self.input = input
        self.lineNumber = lineNumber
        self.offset = offset
    }

    /// The position of line `i` of `batch`.
    public init(_ batch: LineBatch, line i: Int) {
        self.init(input: batch.input, lineNumber: batch.firstLineNumber + i,
                  offset: batch.baseOffset + Int64(batch.starts[i]))
    }

    /// True when `self` comes before `other` in the stream.
    public func precedes(_ other: LinePosition) -> Bool {
        if input.index != other.input.index { return input.index < other.input.index }
        return offset < other.offset
    }

    public static func == (a: LinePosition, b: LinePosition) -> Bool {
        a.input === b.input && a.offset == b.offset && a.lineNumber == b.lineNumber
    }
}
