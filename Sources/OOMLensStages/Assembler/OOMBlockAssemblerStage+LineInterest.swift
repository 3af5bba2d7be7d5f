import OOMLensCore

/// The assembler acts only on kernel lines that start, end or join a report: while no report is open, the
/// tokenizer need not tokenize lines without one of the role keywords.
extension OOMBlockAssemblerStage: LineInterest {
    public var lineNeeds: LineNeeds { .only(self) }

    public var keywords: [LineKeyword] { ReportLineRole.keywords }

    public var needsEveryLine: Bool { hasOpenReports }

    public func isRelevant(_ message: UnsafeRawBufferPointer) -> Bool {
        ReportLineRole.classify(message) != .other
    }
}
