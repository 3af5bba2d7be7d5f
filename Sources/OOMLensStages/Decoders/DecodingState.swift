import OOMLensSinkAPI

/// What the decoders remember from one line of a report to the next.
struct DecodingState {
    /// The kind of the previous decoded line, for the lines that continue it.
    enum LineKind {
        case other
        case zone
        case node
        case lowmemReserve
        case buddy
    }

    /// The object a broken `key:value` line continues on the next line.
    enum KeyValueTarget {
        case zone(index: Int)
        case node(index: Int)
    }

    /// Format clues for `kernel.era`.
    var evidence = FormatEvidence()
    /// True after `Mem-Info:`.
    var inMemInfo = false
    /// The kind of the previous line.
    var previous: LineKind = .other
    /// `event.zones` index of the last zone line, which a `lowmem_reserve[]:` line belongs to.
    var lastZoneIndex: Int?
    /// Which zone entry a zone or buddy line belongs to.
    var zoneDirectory = ZoneDirectory()
    /// `event.zones` index of the last buddy line and its reader, which split fragments (4.9) continue; the
    /// result is written to the zone when the next buddy line comes or the report ends.
    var lastBuddy: (zoneIndex: Int, reader: BuddyListReader)?
    /// The nodes whose node line was read.
    var nodesSeen: Set<Int> = []
    /// A `key:` whose value went to the next line.
    var pendingKey: (target: KeyValueTarget, key: String)?
    /// The columns of the task table header seen last.
    var taskLayout: TaskTableLayout?
    /// True after a `Memory cgroup stats for X:` line with nothing after the colon (the memory.stat form).
    var inMemcgStatList = false
    /// True after `Unreclaimable slab info:`.
    var inSlabTable = false
    /// True after `Tasks in … are going to be killed due to memory.oom.group set`.
    var inGroupKill = false
    /// True once the `CPU: … PID:` or `Pid: …, comm:` line was read (later ones are from other dumps).
    var sawTaskIdentityLine = false
    /// The victim named by the `oom-kill:` summary line (used when there is no `Killed process` line).
    var summaryVictim: OOMEvent.Victim?
    /// True once `event.trigger.gfp_mask` is set (only the trigger and allocation-failure lines set it).
    var gfpMaskKnown = false
    /// Conclusion lines seen.
    var sawNoKillableProcess = false
    var sawVictimAlreadyExiting = false
    var sawRequestIgnored = false
    var sawPanicOnOOM = false
    var sawPanic = false
}
