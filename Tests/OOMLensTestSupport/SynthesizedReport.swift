import OOMLensSinkAPI

/// A synthesised OOM-killer report: its kernel lines and the facts a decoder should recover from them.
public struct SynthesizedReport: Sendable {
    public var parameters: SynthesizedReportParameters
    /// The kernel text, one element per printed line, without log prefixes.
    public var lines: [SynthesizedKernelLine]
    /// The facts, in ``OOMEvent`` fields: `kind`, `complete`, `kernel.release`, `trigger`, `constraint`,
    /// `memcg`, `zones`, `tasks`, `kill`, `victim`, `reaped`. `host` is nil here; see ``expectedEvent(renderedAs:)``.
    /// `id` and `source` are placeholders, and fields the decoders add on their own (era, meminfo, diagnosis,
    /// swap, pages) are left unset.
    public var facts: OOMEvent

    public init(parameters: SynthesizedReportParameters, lines: [SynthesizedKernelLine], facts: OOMEvent) {
        self.parameters = parameters
        self.lines = lines
        self.facts = facts
    }

    public var host: String { parameters.host }

    /// The report as log messages of its host, ready for a ``LogPrefixWriter`` or the interleaver.
    public var entries: [SynthesizedLogEntry] { SynthesizedLogEntry.kernelMessages(lines, host: host) }

    /// The facts, with the host the event should carry when the report is written with `style`.
    public func expectedEvent(renderedAs style: LogPrefixStyle) -> OOMEvent {
        var event = facts
        event.host = style.carriesHost ? host : nil
        return event
    }
}
