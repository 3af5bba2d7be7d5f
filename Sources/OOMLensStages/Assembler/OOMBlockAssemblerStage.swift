import OOMLensCore
import OOMLensSinkAPI

/// Finds every OOM-killer report, allocation failure and Mem-Info dump in the tokenized lines, one state per host,
/// and emits each as a decoded ``OOMEvent``.
///
/// A report starts at its header (`invoked oom-killer:`), at a kill line with nothing before it, at a Mem-Info dump
/// or at a `page allocation failure` warning. It ends at its `Killed process` line (a following `oom_reaper:` line
/// joins it), at the next header on the same host, or at the end of the stream. Lines of other programs and of other
/// hosts are never taken into a report and never break one.
///
/// In follow mode (``StageContext/live``) a report is emitted as soon as its kill line is read, and emitted again
/// with the same id when a later line (`oom_reaper:`, a further victim of a group kill) adds to it. A finished
/// report also closes after ``liveCloseAfterLines`` further lines, and every open report closes when the follower
/// reports the data idle (``idle(_:)``). ``oldestHeldLine()`` is the first line of the oldest report in the current
/// run of overlapping open reports, so a restart from it rebuilds exactly the same reports.
public final class OOMBlockAssemblerStage: RegisteredLineStage {
    /// Options of the assembler.
    public struct Options: ComponentOptions {
        /// Lines kept per report; further lines are counted, and kill lines still end the report.
        public var maxLinesPerReport: Int = 100_000
        /// Reports open at once (one per host); over this the stalest is closed and counted.
        public var maxOpenReports: Int = 1024
        /// Task-table rows kept per event (those with the largest RSS); the rest are counted.
        public var maxTaskRows: Int = 8192
        /// Bytes of report text kept per event (messages, and raw lines when kept); further lines are counted.
        public var maxEventBytes: Int = 16 << 20
        /// Keep each report's original lines in the event's `raw` field.
        public var keepRaw: Bool = false
        /// Decode each report into the event's fields; when false, events carry only where and when (a find-only
        /// mode, and the baseline that shows what decoding costs).
        public var decode: Bool = true
        public init() {}
        public static var documentation: [String: String] {
            [
                "max_lines_per_report": "Lines kept per report; lines over this are counted, and a kill line still ends the report.",
                "max_open_reports": "Reports open at the same time (one per host); over this the stalest one is closed and counted.",
                "max_task_rows": "Task-table rows kept per event: those with the largest RSS, in table order; the rows dropped are counted.",
                "max_event_bytes": "Bytes of report text kept per event (decoded lines, and raw lines when kept); lines over this are counted, and a kill line still ends the report.",
                "keep_raw": "Keep each report's original lines in the event's raw field.",
                "decode": "Decode each report into the event's fields; false emits only where and when each report is.",
            ]
        }
    }

    /// Follow mode: lines read after a report's kill line before the report closes even if its host logs nothing
    /// more (an `oom_reaper:` line comes right after the kill line; this bounds how long a checkpoint waits).
    public static let liveCloseAfterLines = 10_000

    public static let name = "oom-assembler"
    public static let summary = "Assembles OOM-killer reports, allocation failures and Mem-Info dumps, per host, and decodes them"

    private let maxLines: Int
    private let maxOpen: Int
    private let maxTaskRows: Int
    private let maxEventBytes: Int
    private let keepRaw: Bool
    private let decode: Bool
    /// Reports emitted undecoded while the pipeline defers completion (see ``complete(_:_:)``).
    private let pendingDecodes = PendingDecodes()
    private var open: [UInt64: OpenReport] = [:]
    /// Open reports by the order they were last touched, oldest first, so that closing the stalest one costs
    /// O(1) however many are open. An entry whose report was touched again or closed since is skipped.
    private var touchOrder = TouchOrder()
    private var lastHostKey: UInt64 = 0
    private var tick = 0
    private var linesOverLimit = 0
    private var linesOverByteLimit = 0
    private var taskRowsOverLimit = 0
    private var closedForLimit = 0
    private var orphanReaper = 0
    /// The report and line number of the last line added: a report's serial, not its object identity, which a
    /// later report can reuse once the first is freed.
    private var lastRawLine: (report: Int, line: Int) = (-1, -1)
    /// Serial number of the last report started.
    private var reportSerial = 0
    /// First line of the oldest report of the current run of overlapping open reports (nil when none is open).
    private var heldSince: LinePosition?
    /// Lines seen so far, counted per batch (for ``liveCloseAfterLines``).
    private var linesSeen = 0

    public init(options: Options) {
        maxLines = max(1, options.maxLinesPerReport)
        maxOpen = max(1, options.maxOpenReports)
        maxTaskRows = max(0, options.maxTaskRows)
        maxEventBytes = max(0, options.maxEventBytes)
        keepRaw = options.keepRaw
        decode = options.decode
    }

    public func process(_ batch: LineBatch, _ context: StageContext) {
        context.fields.withUnsafeBufferPointer { fields in
            for f in fields {
                handle(f, batch, context)
            }
        }
        linesSeen &+= batch.count
        if context.live, !open.isEmpty { closeFinishedReports(context) }
    }

    /// Follow mode: the data is idle, so no line will join an open report soon. Closes every open report,
    /// emitting those not emitted yet or changed since.
    public func idle(_ context: StageContext) {
        for (key, r) in open.sorted(by: { $0.value.touched < $1.value.touched }) { close(key, r, context) }
    }

    public func oldestHeldLine() -> LinePosition? { heldSince }

    /// True while a report is open on some host.
    var hasOpenReports: Bool { !open.isEmpty }

    /// Follow mode: closes the reports whose kill line is more than ``liveCloseAfterLines`` lines back.
    private func closeFinishedReports(_ context: StageContext) {
        let stale = open.filter { $0.value.phase == .ended && linesSeen &- $0.value.endedAtLine > Self.liveCloseAfterLines }
        for (key, r) in stale.sorted(by: { $0.value.touched < $1.value.touched }) { close(key, r, context) }
    }

    @inline(__always)
    private func handle(_ f: LineFields, _ batch: LineBatch, _ context: StageContext) {
        let bareContinuation = f.format == .bare && f.flags & LineFields.continuation != 0
        guard f.isKernel else { return }
        let key: UInt64
        if f.hasHost {
            key = Self.hostKey(batch.bytes(f.hostStart, f.hostEnd))
        } else if bareContinuation {
            key = lastHostKey
        } else {
            key = 0
        }
        lastHostKey = key
        let message = batch.bytes(f.messageStart, f.messageEnd)
        let report = open.isEmpty ? nil : open[key]
        let role = ReportLineRole.classify(message)
        if report == nil && role == .other { return }
        tick &+= 1
        let lineNumber = batch.firstLineNumber + Int(f.line)
        let continuation = f.flags & LineFields.continuation != 0

        func start(_ kind: OOMEvent.Kind, header: Bool, killOnly: Bool) -> OpenReport {
            let host: String? = f.hasHost ? String(decoding: batch.bytes(f.hostStart, f.hostEnd), as: UTF8.self) : nil
            let position = LinePosition(batch, line: Int(f.line))
            let r = OpenReport(kind: kind, hasHeader: header, killOnly: killOnly, path: batch.input.path, host: host,
                               time: f.time, uptimeMicros: f.uptimeMicros, line: lineNumber, keepRaw: keepRaw,
                               keepLines: decode, touched: tick, firstPosition: position)
            if open.count >= maxOpen { closeStalest(context) }
            if open.isEmpty { heldSince = position }
            reportSerial += 1
            r.serial = reportSerial
            open[key] = r
            return r
        }
        func add(_ r: OpenReport, hashed: Bool = true) {
            r.touched = tick
            touchOrder.append(key: key, touched: tick)
            if touchOrder.needsCompaction(open: open.count) {
                touchOrder.rebuild(open.map { ($0.key, $0.value.touched) })
            }
            let full = batch[Int(f.line)]
            let newRawLine = lastRawLine.report != r.serial || lastRawLine.line != lineNumber
            lastRawLine = (r.serial, lineNumber)
            // One raw line per log line, even when #012 split it into several messages.
            switch r.append(message: message, fullLine: full, lineNumber: lineNumber, continuation: continuation,
                            limit: maxLines, byteLimit: maxEventBytes, newLine: newRawLine, hashed: hashed) {
            case .kept: break
            case .overLineLimit: linesOverLimit += 1
            case .overByteLimit: linesOverByteLimit += 1
            }
        }

        switch role {
        case .header:
            if let report { close(key, report, context) }
            add(start(.oom, header: true, killOnly: false))
        case .allocationFailure:
            if let report { close(key, report, context) }
            add(start(.allocationFailure, header: true, killOnly: false))
        case .dumpStart:
            if let report, report.phase == .collecting, !report.killOnly {
                add(report)
            } else {
                if let report { close(key, report, context) }
                add(start(.memoryDump, header: false, killOnly: false))
            }
        case .killSelection, .summary, .killed, .terminal:
            var r: OpenReport
            if let report, report.phase == .collecting, report.kind != .allocationFailure {
                r = report
            } else if let report, report.phase == .ended, report.groupKill, role == .killed {
                r = report
            } else if let report, report.phase == .ended, role == .terminal {
                r = report  // "Kernel panic … System is deadlocked on memory" after "no killable processes"
            } else {
                if let report { close(key, report, context) }
                r = start(.oom, header: false, killOnly: true)
            }
            if r.kind == .memoryDump { r.kind = .oom }
            add(r, hashed: r.phase == .collecting)
            if role == .killed || role == .terminal {
                if r.phase == .collecting { r.endedAtLine = linesSeen &+ Int(f.line) }
                r.phase = .ended
                if context.live && !r.unchangedSinceEmitted { emit(r, context) }
            }
        case .reaper:
            if let report {
                add(report, hashed: false)
                if report.phase == .ended { close(key, report, context) }
            } else {
                orphanReaper += 1
            }
        case .groupKill:
            if let report {
                report.groupKill = true
                add(report, hashed: report.phase == .collecting)
            }
        case .other:
            guard let report else { return }
            switch report.phase {
            case .ended:
                close(key, report, context)
            case .collecting:
                if report.killOnly {
                    close(key, report, context)
                } else if report.kind == .oom && report.hasHeader {
                    add(report)
                } else if DumpBodyLine.matches(message, continuation: continuation) {
                    add(report)
                } else {
                    close(key, report, context)
                }
            }
        }
    }

    public func endOfStream(_ context: StageContext) {
        for (key, r) in open.sorted(by: { $0.value.touched < $1.value.touched }) { close(key, r, context) }
        context.count("assembler: lines over the per-report limit", linesOverLimit)
        context.count("assembler: lines over the per-event byte limit", linesOverByteLimit)
        context.count("assembler: task rows over the per-event limit", taskRowsOverLimit)
        context.count("assembler: reports closed because too many were open", closedForLimit)
        context.count("assembler: oom_reaper lines with no report", orphanReaper)
        linesOverLimit = 0
        linesOverByteLimit = 0
        taskRowsOverLimit = 0
        closedForLimit = 0
        orphanReaper = 0
        lastHostKey = 0
    }

    private func close(_ key: UInt64, _ r: OpenReport, _ context: StageContext) {
        open[key] = nil
        if open.isEmpty { heldSince = nil }
        // Live mode emitted the report at its kill line; emit it again only when something was added since.
        if !(context.live && r.unchangedSinceEmitted) { emit(r, context) }
    }

    private func emit(_ r: OpenReport, _ context: StageContext) {
        if decode && context.defersCompletion && r.keepLines {
            let event = r.makeEvent(decode: false)
            pendingDecodes.add(id: event.id, text: r.text)
            context.events.append(event)
        } else {
            context.events.append(r.makeEvent(decode: decode, maxTaskRows: maxTaskRows))
            taskRowsOverLimit += r.droppedTaskRows
        }
        r.emittedAtUpdate = r.updates
    }

    /// Decodes the reports that ``emit(_:_:)`` left undecoded, on the pipeline's delivery thread.
    public func complete(_ events: inout [OOMEvent], _ context: StageContext) {
        context.count("assembler: task rows over the per-event limit",
                      pendingDecodes.decode(&events, maxTaskRows: maxTaskRows))
    }

    private func closeStalest(_ context: StageContext) {
        while let entry = touchOrder.popOldest() {
            guard let r = open[entry.key], r.touched == entry.touched else { continue }
            closedForLimit += 1
            close(entry.key, r, context)
            return
        }
    }

    /// FNV-1a of the host bytes; 0 is kept for lines with no host.
    @inline(__always)
    static func hostKey(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h == 0 ? 1 : h
    }
}
