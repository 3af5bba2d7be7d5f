import OOMLensSinkAPI

/// Turns the lines of one assembled OOM report (or allocation failure, or Mem-Info dump) into the fields of
/// an ``OOMEvent``.
///
/// Each line goes to the decoder its leading tokens select; the formats of every era from 2.6 to 6.x are
/// told apart by content, never by a version number (kernel-oom-report-format.md §2–6, §10). Lines no
/// decoder knows (call trace, registers, `Hardware name:`, other subsystems' messages) are ignored, and a
/// damaged line is skipped as far as it cannot be read: nothing here traps on input. Lines still holding
/// rsyslog's `#012` escapes are split there first.
public enum ReportDecoder {
    /// Fills `event` from the report's lines (in log order).
    ///
    /// Fields the lines do not show stay as they were (`nil` on a fresh event). Where a report holds a value
    /// twice (interleaved reports, repeated dumps), the first one is kept.
    ///
    /// At most `maxTaskRows` task-table rows are kept: those with the largest RSS, in table order (the kernel's
    /// choice depends on the largest). Returns how many rows were dropped.
    @discardableResult
    public static func decode(_ lines: [ReportLine], into event: inout OOMEvent, maxTaskRows: Int = .max) -> Int {
        var state = DecodingState()
        for line in lines {
            let text = Substring(line.text)
            if TextParsing.contains("#012", in: text) {
                for piece in TextParsing.split(text, separator: "#012") {
                    decodeLine(TextParsing.trimmed(piece), into: &event, state: &state)
                }
            } else {
                decodeLine(TextParsing.trimmed(text), into: &event, state: &state)
            }
        }
        finish(&event, state: state)
        return TaskRowLimit.apply(maxTaskRows, to: &event.tasks)
    }

    /// Decodes one message.
    private static func decodeLine(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) {
        guard !text.isEmpty else { return }
        // Lists that run until a line of another shape.
        if state.inMemcgStatList, MemcgDecoder.decodeStatLine(text, into: &event, state: &state) { return }
        if state.inSlabTable, SlabInfoDecoder.decodeRow(text, into: &event, state: &state) { return }
        // The rest of a line the transport or the kernel's continuation rules broke in two.
        if continuePreviousLine(text, into: &event, state: &state) { return }
        state.previous = .other
        if TraceLineFilter.matches(text) { return }

        if TriggerLineDecoder.decodeTrigger(text, into: &event, state: &state) {
            state.gfpMaskKnown = event.trigger?.gfp_mask != nil
            return
        }
        if text.hasBytePrefix("[") {
            if !TaskTableDecoder.decodeHeader(text, state: &state) {
                _ = TaskTableDecoder.decodeRow(text, into: &event, state: state)
            }
            return
        }
        // Decoders that read a line only from a fixed start are tried only when the first byte can begin it.
        let b = text.utf8.first ?? 0
        if b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z"), decodeNodeOrZoneLine(text, into: &event, state: &state) {
            return
        }
        if b == UInt8(ascii: "l") || b == UInt8(ascii: "p"),
           ZoneLineDecoder.decodeReserveLine(text, into: &event, state: &state) { return }
        if b == UInt8(ascii: "M"), MemInfoDecoder.decodeOpener(text, state: &state) { return }
        if b == UInt8(ascii: "C") || b == UInt8(ascii: "P"),
           TaskIdentityLineDecoder.decode(text, into: &event, state: &state) { return }
        if b == UInt8(ascii: "C") || b == UInt8(ascii: "c"), MemInfoDecoder.isPerCPULine(text) { return }
        if b == UInt8(ascii: "o"), OOMKillSummaryDecoder.decode(text, into: &event, state: &state) { return }
        if b == UInt8(ascii: "o"), KillLineDecoder.decodeReaper(text, into: &event) { return }
        if KillLineDecoder.decodeKilled(text, into: &event, state: &state) { return }
        if KillLineDecoder.decodeSelection(text, into: &event, state: &state) { return }
        if b == UInt8(ascii: "T"), KillLineDecoder.decodeGroupKill(text, into: &event, state: &state) { return }
        if TaskTableDecoder.decodeHeader(text, state: &state) { return }
        if b == UInt8(ascii: "T") || b == UInt8(ascii: "M") || b == UInt8(ascii: "m") || b == UInt8(ascii: "k")
            || b == UInt8(ascii: "s"), MemcgDecoder.decode(text, into: &event, state: &state) { return }
        if b == UInt8(ascii: "U") || b == UInt8(ascii: "e"), SlabInfoDecoder.decodeOpener(text, state: &state) { return }
        if b == UInt8(ascii: "S") || b == UInt8(ascii: "F") || b == UInt8(ascii: "T"),
           MemoryTotalsDecoder.decodeSwapLine(text, into: &event) { return }
        if TextParsing.startsWithDigit(text), MemoryTotalsDecoder.decodeCountLine(text, into: &event) { return }
        if OutcomeLineDecoder.decode(text, state: &state) { return }
        if TriggerLineDecoder.decodeCpuset(text, into: &event) { return }
        if TriggerLineDecoder.decodeAllocationFailure(text, into: &event) {
            state.gfpMaskKnown = event.trigger?.gfp_mask != nil
            return
        }
        _ = MemInfoDecoder.decodeCounters(text, into: &event, state: state)
    }

    /// A zone line's dangling `key:` value, a buddy fragment or reserve numbers on a line of their own.
    /// - Returns: true when `text` continued the line before it.
    private static func continuePreviousLine(_ text: Substring, into event: inout OOMEvent,
                                             state: inout DecodingState) -> Bool
    {
        if let pending = state.pendingKey {
            state.pendingKey = nil
            if TextParsing.startsWithDigit(text) {
                let bag = KeyValueBag(Substring(pending.key + ": " + text))
                switch pending.target {
                case .zone(let index) where index < event.zones.count:
                    ZoneLineDecoder.apply(bag, to: &event.zones[index])
                case .node(let index) where index < (event.nodes?.count ?? 0):
                    MemInfoDecoder.apply(bag, to: &event.nodes![index])
                default:
                    break
                }
                if let key = bag.danglingKey { state.pendingKey = (pending.target, key) }
                return true
            }
        }
        if BuddyLineDecoder.appendFragment(text, state: &state) { return true }
        return ZoneLineDecoder.appendReserveFragment(text, into: &event, state: state)
    }

    /// `[Node N ]<Zone> …` (zone, buddy and per-CPU header lines), and the `Node N` node and hugepages lines.
    /// - Returns: true when `text` is one of them.
    private static func decodeNodeOrZoneLine(_ text: Substring, into event: inout OOMEvent,
                                             state: inout DecodingState) -> Bool
    {
        var node: Int?
        var rest = text
        if text.hasBytePrefix("Node ") {
            var scanner = LineScanner(text.dropFirst(5))
            guard let number = scanner.readInteger().flatMap({ Int(exactly: $0) }), scanner.skip(" ") else {
                return false
            }
            node = number
            rest = scanner.rest
        }
        if let (zone, zoneRest) = ZoneLineDecoder.splitZoneName(rest) {
            if zoneRest.hasBytePrefix(" per-cpu:") { return true }
            if ZoneLineDecoder.decodeZoneLine(node: node, zone: zone, rest: zoneRest, into: &event, state: &state) {
                return true
            }
            return BuddyLineDecoder.decodeBuddyLine(node: node, zone: zone, rest: zoneRest, into: &event, state: &state)
        }
        guard let node else { return false }
        if MemoryTotalsDecoder.decodeHugePagesLine(node: node, rest: rest, into: &event) { return true }
        return MemInfoDecoder.decodeNodeLine(node: node, rest: rest, into: &event, state: &state)
    }

    /// Fields that need the whole report: the victim from the summary line, the outcome, the era.
    private static func finish(_ event: inout OOMEvent, state: DecodingState) {
        var state = state
        BuddyLineDecoder.flush(into: &event, state: &state)
        if let summaryVictim = state.summaryVictim {
            if event.victim == nil {
                event.victim = summaryVictim
            } else if event.victim?.pid == summaryVictim.pid, event.victim?.cgroup == nil {
                event.victim?.cgroup = summaryVictim.cgroup
            }
        }
        event.outcome = OutcomeLineDecoder.outcome(of: state, hasVictim: event.victim != nil)

        var evidence = state.evidence
        evidence.zoneBoost = event.zones.contains { $0.fields_kb["boost"] != nil }
        evidence.secPagetables = event.meminfo?["sec_pagetables"] != nil
            || (event.nodes ?? []).contains { $0.fields_kb["sec_pagetables"] != nil }
        if let era = evidence.era { event.kernel.era = era }
    }
}
