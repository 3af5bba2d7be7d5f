import OOMLensSinkAPI

/// Writes Linux OOM-killer reports of every format era from parameters, together with the facts a decoder
/// should recover from them.
///
/// The line formats follow kernel-oom-report-format.md: trigger line (§2.1), cpuset line (§2.2), CPU or Pid line
/// (§2.3), call trace (§2.4), memcg block (§3), Mem-Info block (§4), task table (§5) and conclusion lines (§6),
/// each in the shape the chosen ``SynthesizedKernelEra`` prints. The report is plain kernel text; a
/// ``LogPrefixWriter`` adds the log prefixes.
///
/// ```swift
/// var generator = SynthesizedParameterGenerator(seed: 7)
/// let report = ReportSynthesizer.synthesize(generator.parameters(for: .linux4_19, host: "db1"))
/// var writer = LogPrefixWriter(style: .traditionalSyslog)
/// let text = writer.render(report.entries)
/// ```
public enum ReportSynthesizer {
    /// Writes the report that `parameters` describe.
    public static func synthesize(_ parameters: SynthesizedReportParameters) -> SynthesizedReport {
        var lines = headerLines(parameters)
        if parameters.memcg != nil, parameters.era.isMemcg {
            lines += memcgLines(parameters)
        } else if !parameters.era.isMemcg {
            lines += memInfoLines(parameters)
        }
        if parameters.printsTaskTable { lines += taskTableLines(parameters) }
        if parameters.includeKillLines { lines += conclusionLines(parameters) }
        return SynthesizedReport(parameters: parameters, lines: lines, facts: facts(parameters))
    }

    /// The zones the Mem-Info block prints: every zone on 2.6.18 (it lists empty ones too), populated ones later.
    static func printedZones(_ p: SynthesizedReportParameters) -> [SynthesizedZone] {
        if p.era.isMemcg { return [] }
        return p.era == .linux2_6_18 ? p.zones : p.zones.filter(\.isPopulated)
    }

    /// `Node N ` or nothing.
    static func nodePrefix(_ node: Int?) -> String {
        node.map { "Node \($0) " } ?? ""
    }

    /// `value` right-aligned in `width` columns, as printf's `%Nd` does (wider values are not cut).
    static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
