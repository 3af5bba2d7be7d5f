/// One line of an assembled report, as the decoders read it.
public struct ReportLine: Sendable, Equatable {
    /// The kernel message: the log prefix and any kernel `[seconds]` removed, leading white space trimmed.
    public var text: String
    /// 1-based line number in the decompressed input.
    public var lineNumber: Int
    /// True when the message began with white space (a continuation line or an indented trace line).
    public var continuation: Bool

    public init(text: String, lineNumber: Int, continuation: Bool = false) {
        self.text = text
        self.lineNumber = lineNumber
        self.continuation = continuation
    }
}
