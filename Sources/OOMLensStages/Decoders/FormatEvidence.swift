/// What the lines of a report reveal about the kernel's output format, and the format family it implies.
///
/// The family is named after the upstream releases that print the report that way
/// (kernel-oom-report-format.md §0 and §10). It is chosen from the text only, never from a version number,
/// so a vendor kernel that backports a format gets the family of the format (RHEL 6's 2.6.32 prints the
/// 2.6.36 trigger line, RHEL 8's 4.18 the 5.4 kill line). The names:
///
/// | era | evidence |
/// |---|---|
/// | `2.6.18` | `oom-killer: gfp_mask=…` with no task name (2.6.12–2.6.18) |
/// | `2.6.19-2.6.31` | trigger line with `oomkilladj=` |
/// | `2.6.32-2.6.35` | trigger line with `oom_adj=` only |
/// | `2.6.36-3.7` | trigger line with `oom_adj=` and `oom_score_adj=` |
/// | `3.8-4.5` | trigger line with `oom_score_adj=` and a bare hex `gfp_mask` |
/// | `4.6-4.9` | `gfp_mask=0x…(FLAGS)`, no `nodemask=`, and nothing of 5.x |
/// | `4.10-4.20` | `gfp_mask=0x…(FLAGS), nodemask=…` |
/// | `5.0` | `oom-kill:` summary with a `Kill process … score` line or a `Killed process` line without message |
/// | `5.0+` | `oom-kill:`, `Tasks state` or `pgtables_bytes` without `nodemask=`, but no kill line to tell more |
/// | `5.1+` | `<msg>: Killed process`, `UID:N pgtables:NkB`, `rss_anon` columns, `boost:` or `sec_pagetables` |
/// | `6.11+` | `CPU: N UID: N PID: N` |
///
/// A report without a trigger line (a rate-limited kill pair, a bare Mem-Info dump) gets an era only from
/// 5.x evidence; otherwise none.
struct FormatEvidence {
    /// The shape of the trigger line.
    enum TriggerForm {
        case noComm
        case oomkilladj
        case oomAdj
        case oomAdjAndScoreAdj
        case scoreAdj
        case scoreAdjWithFlags
        case scoreAdjWithFlagsAndNodemask
    }

    var trigger: TriggerForm?
    var cpuLineWithUID = false
    var summaryLine = false
    var selectionLine = false
    var killedWithMessage = false
    var killedWithoutMessage = false
    var killedWithUIDAndPgtables = false
    var tasksStatePreamble = false
    var pgtablesBytesColumn = false
    var rssSplitColumns = false
    var zoneBoost = false
    var secPagetables = false

    /// Evidence that only 5.1 and later print.
    private var hasFiveOneEvidence: Bool {
        killedWithMessage || killedWithUIDAndPgtables || rssSplitColumns || zoneBoost || secPagetables
    }

    /// The family name, or `nil` when the text does not tell.
    var era: String? {
        if cpuLineWithUID { return "6.11+" }
        switch trigger {
        case .noComm: return "2.6.18"
        case .oomkilladj: return "2.6.19-2.6.31"
        case .oomAdj: return "2.6.32-2.6.35"
        case .oomAdjAndScoreAdj: return "2.6.36-3.7"
        case .scoreAdj: return "3.8-4.5"
        case .scoreAdjWithFlagsAndNodemask: return "4.10-4.20"
        case .scoreAdjWithFlags:
            if let modern = modernEra { return modern }
            // 4.15–4.20 print `nodemask=` in the trigger line, so these without it mean 5.0 or later.
            if tasksStatePreamble || pgtablesBytesColumn { return "5.0+" }
            return "4.6-4.9"
        case nil:
            return modernEra
        }
    }

    /// The 5.x family the kill lines point to, if any.
    private var modernEra: String? {
        if hasFiveOneEvidence { return "5.1+" }
        if summaryLine { return selectionLine || killedWithoutMessage ? "5.0" : "5.0+" }
        return nil
    }
}
