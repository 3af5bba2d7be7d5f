import OOMLensCore
import OOMLensSinkAPI

/// Explains every event: decodes the GFP mask for the report's bit layout, runs the watermark test on every
/// zone the allocation could use, names the cause, accounts for the memory, recomputes the victim's badness and
/// gives advice. It fills `trigger.gfp_flags` and `diagnosis`.
///
/// It runs once per event (reports are rare), so it favours plain code and readable strings over speed.
public final class DiagnosisStage: RegisteredEventStage {
    /// Options of the diagnosis.
    public struct Options: ComponentOptions {
        /// Consumers listed per report, per process and per name.
        public var topConsumers: Int = 5
        /// Task-table rows listed in the recomputed victim ranking.
        public var rankedTasks: Int = 5
        /// Give rule-based advice.
        public var advice: Bool = true
        public init() {}
        public static var documentation: [String: String] {
            [
                "top_consumers": "Largest consumers listed per report, per process and per name.",
                "ranked_tasks": "Task-table rows listed in the recomputed victim ranking.",
                "advice": "Give rule-based advice that names the setting to change and why.",
            ]
        }
    }

    public static let name = "diagnosis"
    public static let summary = "Explains each report: GFP flags, zone watermarks, cause, memory accounting, victim choice, advice"

    private let topConsumers: Int
    private let rankedTasks: Int
    private let giveAdvice: Bool

    public init(options: Options) {
        topConsumers = max(0, options.topConsumers)
        rankedTasks = max(1, options.rankedTasks)
        giveAdvice = options.advice
    }

    public func process(_ events: inout [OOMEvent], _ context: StageContext) {
        var causes: [String: Int] = [:]
        for i in events.indices {
            diagnose(&events[i])
            if let cause = events[i].diagnosis?.cause { causes[cause, default: 0] += 1 }
        }
        for (cause, count) in causes { context.count("diagnosis: \(cause)", count) }
    }

    /// Fills `event.diagnosis` (and `trigger.gfp_flags`).
    public func diagnose(_ event: inout OOMEvent) {
        let pageKB = max(1, event.zones.lazy.compactMap { $0.buddy?.page_kb }.first ?? 4)
        let era = event.kernel.era
        var decoding: GFPDecoder.Decoding?
        if let mask = GFPDecoder.parseMask(event.trigger?.gfp_mask) {
            let d = GFPDecoder.decode(mask: mask, printed: event.trigger?.gfp_flags_printed, era: era,
                                      release: event.kernel.release)
            decoding = d
            event.trigger?.gfp_flags = d.names
        }

        // The zonelist walk: a mask of 0 (page-fault OOM) or none at all is taken as a GFP_KERNEL allocation.
        let assumed = decoding == nil || decoding?.mask == 0
        var walk: ZonelistWalk?
        var checks: [OOMEvent.ZoneCheck] = []
        if !event.zones.isEmpty {
            let layout = ZoneLayout(zones: event.zones, era: era)
            let highest = assumed ? "Normal" : (decoding?.highestZone ?? "Normal")
            var nodes = ZonelistWalk.parseNodeList(event.trigger?.mems_allowed)
            if let mask = ZonelistWalk.parseNodeList(event.trigger?.nodemask) {
                nodes = nodes.map { $0.intersection(mask) } ?? mask
            }
            let w = ZonelistWalk(layout: layout, highestZone: highest, allowedNodes: nodes,
                                 order: max(0, event.trigger?.order ?? 0), flags: flags(decoding, assumed: assumed),
                                 rules: rules(decoding, era: era, zones: event.zones), pageKB: pageKB)
            walk = w
            checks = w.checks(event)
        }

        let verdict = CauseClassifier.classify(.init(event: event, checks: checks, decoding: decoding, walk: walk,
                                                     assumedAllocation: assumed))
        let accounting = MemoryAccounting.account(event, pageKB: pageKB)
        let (byProcess, byName) = MemoryAccounting.topConsumers(event, pageKB: pageKB, limit: topConsumers)
        let victim = VictimScoring.analyse(event, pageKB: pageKB, ranked: rankedTasks)

        var sentences = verdict.sentences
        if let accounting { sentences += MemoryAccounting.sentences(accounting, consumers: byProcess) }
        if let victim, !victim.explanation.isEmpty { sentences.append(victim.explanation) }
        if let d = decoding, !d.disagreements.isEmpty {
            sentences.append("The GFP names the kernel printed disagree with the decoding for layout "
                + "\(d.table.layout.label): " + d.disagreements.joined(separator: "; ") + ".")
        }

        var diagnosis = OOMEvent.Diagnosis(cause: verdict.cause, summary: sentences.joined(separator: " "))
        diagnosis.failed_zones = checks
        diagnosis.top_consumers = byProcess
        if !byName.isEmpty { diagnosis.top_consumers_by_name = byName }
        diagnosis.accounting = accounting
        diagnosis.unexplained_kb = accounting.flatMap(MemoryAccounting.unexplained)
        diagnosis.victim = victim
        diagnosis.node = verdict.node
        diagnosis.fragmented = verdict.fragmented
        if let d = decoding {
            diagnosis.gfp_layout = d.table.layout.label
            if !d.disagreements.isEmpty { diagnosis.gfp_disagreements = d.disagreements }
        }
        if let walk, !walk.allowedZoneTypes.isEmpty { diagnosis.allowed_zones = walk.allowedZoneTypes }
        if giveAdvice {
            diagnosis.advice = AdviceRules.advice(.init(
                event: event, cause: verdict.cause, checks: checks, accounting: accounting, consumers: byProcess,
                decoding: decoding, victim: victim, pageKB: pageKB))
        }
        event.diagnosis = diagnosis
    }

    /// The allocation's rights (`gfp_to_alloc_flags`) for the watermark test.
    func flags(_ d: GFPDecoder.Decoding?, assumed: Bool) -> ZoneWatermarkCheck.Flags {
        var f = ZoneWatermarkCheck.Flags()
        guard let d, !assumed else { return f }
        let layout = d.table.layout
        f.high = d.has("__GFP_HIGH")
        let noMemalloc = d.has("__GFP_NOMEMALLOC")
        if layout < .e {
            f.harder = !d.has("__GFP_WAIT") && !noMemalloc
        } else if layout < .l {
            f.harder = d.has("__GFP_ATOMIC") && !noMemalloc
        } else {
            f.harder = !d.has("__GFP_DIRECT_RECLAIM")
        }
        // Movable allocations may use CMA pages (the zone line's free_cma); the MOVABLE bit exists from 2.6.23.
        f.cma = d.table.movableBit != 0 && d.mask & d.table.movableBit != 0
        return f
    }

    /// The watermark test's version, from the GFP layout, else the era, else the buddy letters (H means 4.4+).
    func rules(_ d: GFPDecoder.Decoding?, era: String?, zones: [OOMEvent.Zone]) -> ZoneWatermarkCheck.Rules {
        let layout = d?.table.layout ?? GFPLayout.usual(forEra: era)
        if let layout {
            if layout.usesReserveRules { return .reserves }
            return layout.usesMigrateTypeCheck ? .migrateTypes : .classic
        }
        let letters = zones.compactMap { $0.buddy?.types }.joined().compactMap { $0 }.joined()
        return letters.contains("H") ? .migrateTypes : .classic
    }
}
