import OOMLensSinkAPI

/// "Why this victim": the badness of every task-table row recomputed with the formula of the report's era,
/// ranked, and compared with what the kernel printed and killed (kernel-oom-report-format.md §9).
enum VictimScoring {
    /// The badness formulas by era.
    enum Formula: String, Sendable, CaseIterable {
        /// 2.6.18–2.6.35 `badness()`: total_vm (+ children, ÷ CPU and run time, nice, capabilities), oom_adj shift.
        case totalVM
        /// 2.6.36–3.4: (rss + swap + page tables) × 1000 / totalpages, −30 for root, + oom_score_adj, 1…1000.
        case normalised
        /// 3.5–3.9: rss + page tables + swap, root −30 on oom_score_adj, adj × totalpages/1000.
        case pagesAdjBonus
        /// 3.10–4.16: the same, root 3 % off its own points.
        case pagesRootPercent
        /// 4.17+: no root bonus (5.1+ no longer prints the score).
        case pages

        var words: String {
            switch self {
            case .totalVM:
                "total_vm, shifted by oom_adj, ÷16 for root (CAP_SYS_ADMIN and CAP_SYS_RAWIO); the kernel also adds "
                    + "half of each child's total_vm and divides by CPU and run time, which the report does not show "
                    + "(2.6.18-2.6.35)"
            case .normalised:
                "(rss + swapents + page tables) × 1000 / totalpages, −30 for root, + oom_score_adj, "
                    + "clamped to 1…1000 (2.6.36-3.4)"
            case .pagesAdjBonus:
                "rss + page tables + swapents, + (oom_score_adj − 30 for root) × (totalpages / 1000); "
                    + "printed as points × 1000 / totalpages (3.5-3.9)"
            case .pagesRootPercent:
                "rss + page tables + swapents, 3% off for root, + oom_score_adj × (totalpages / 1000); "
                    + "printed as points × 1000 / totalpages (3.10-4.16)"
            case .pages:
                "rss + page tables + swapents + oom_score_adj × (totalpages / 1000); "
                    + "the score is points × 1000 / totalpages (4.17+; not printed from 5.1)"
            }
        }
    }

    /// The formula of a report's era (the release narrows it where it lies inside the era).
    static func formula(era: String?, release: String?, tasks: [OOMEvent.Task]) -> Formula {
        let version = KernelVersion.parse(release).flatMap { $0.isWithin(era: era) ? $0 : nil }
        switch era {
        case "2.6.18", "2.6.19-2.6.31", "2.6.32-2.6.35":
            return .totalVM
        case "2.6.36-3.7":
            if let version, version >= KernelVersion(3, 5) { return .pagesAdjBonus }
            return .normalised
        case "3.8-4.5":
            if let version, version < KernelVersion(3, 10) { return .pagesAdjBonus }
            return .pagesRootPercent
        case "4.6-4.9":
            return .pagesRootPercent
        case "4.10-4.20":
            if let version { return version >= KernelVersion(4, 17) ? .pages : .pagesRootPercent }
            return tasks.contains { $0.nr_ptes != nil } ? .pagesRootPercent : .pages
        case "5.0", "5.0+", "5.1+", "6.11+":
            return .pages
        default:
            if let v = KernelVersion.parse(release) {
                if v < KernelVersion(2, 6, 36) { return .totalVM }
                if v < KernelVersion(3, 5) { return .normalised }
                if v < KernelVersion(3, 10) { return .pagesAdjBonus }
                return v < KernelVersion(4, 17) ? .pagesRootPercent : .pages
            }
            if tasks.contains(where: { $0.pgtables_bytes != nil }) { return .pages }
            if tasks.contains(where: { $0.nr_ptes != nil }) { return .pagesRootPercent }
            if tasks.contains(where: { $0.oom_score_adj != nil }) { return .normalised }
            return .totalVM
        }
    }

    /// A memcg limit at or above the page counter maximum means "no limit" (§3).
    static func isUnlimited(_ kb: Int64) -> Bool { kb >= 8_589_934_588 }

    /// The denominator (`totalpages`) and how it was made up.
    static func totalPages(_ event: OOMEvent, pageKB p: Int64) -> (pages: Int64, words: String)? {
        let swapPages = event.swap?.total_kb.map { $0 / p }
        if let memcg = event.memcg, let limit = memcg.limit_kb, !isUnlimited(limit) {
            let limitPages = limit / p
            var swap: Int64 = 0
            var words = "memory cgroup limit \(limitPages)"
            if let memsw = memcg.memsw {
                if !isUnlimited(memsw.limit_kb) {
                    swap = max(0, memsw.limit_kb - limit) / p
                    if let swapPages { swap = min(swap, swapPages) }
                    words += " + memory+swap headroom \(swap)"
                } else if let swapPages {
                    swap = swapPages
                    words += " + swap \(swap)"
                } else {
                    words += " + swap (unknown: the report prints no Total swap)"
                }
            } else if let cgroupSwap = memcg.swap {
                if !isUnlimited(cgroupSwap.limit_kb) {
                    swap = cgroupSwap.limit_kb / p
                    if let swapPages { swap = min(swap, swapPages) }
                } else if let swapPages {
                    swap = swapPages
                } else {
                    words += " + swap (unknown: the report prints no Total swap)"
                }
                if swap > 0 { words += " + swap \(swap)" }
            }
            return (limitPages + swap, words)
        }
        if event.constraint == "CONSTRAINT_CPUSET" || event.constraint == "CONSTRAINT_MEMORY_POLICY",
           let nodes = ZonelistWalk.parseNodeList(event.constraint == "CONSTRAINT_CPUSET"
               ? event.trigger?.mems_allowed : event.trigger?.nodemask)
        {
            let present = event.zones.filter { $0.node.map(nodes.contains) ?? true }.compactMap(\.present_kb)
            if !present.isEmpty {
                let pages = present.reduce(0, +) / p
                return (pages + (swapPages ?? 0), "present pages of nodes \(nodes.sorted()) \(pages) + swap \(swapPages ?? 0)")
            }
        }
        guard let ram = MemoryAccounting.managedPages(event, pageKB: p) else { return nil }
        return (ram + (swapPages ?? 0), "RAM \(ram) + swap \(swapPages ?? 0)")
    }

    /// The points of one row, nil when the kernel would not pick it (oom_score_adj −1000, oom_adj −17).
    static func points(_ t: OOMEvent.Task, formula: Formula, totalPages: Int64, pageKB p: Int64,
                       rootBonus: Bool = true) -> Int64? {
        if t.oom_score_adj == -1000 || t.oom_adj == -17 { return nil }
        let root = rootBonus && t.uid == 0
        let rss = t.rss_pages ?? 0
        let swap = t.swapents ?? 0
        var tables = (t.nr_ptes ?? 0) + (t.nr_pmds ?? 0)
        if let bytes = t.pgtables_bytes { tables = bytes / max(1, p * 1024) }
        let adj = Int64(t.oom_score_adj ?? 0)
        switch formula {
        case .totalVM:
            var points = t.total_vm_pages ?? 0
            if root { points /= 16 }
            if let oomAdj = t.oom_adj, oomAdj != 0 {
                if oomAdj > 0 {
                    if points == 0 { points = 1 }
                    points = points << Int64(min(oomAdj, 15))
                } else {
                    points = points >> Int64(min(-oomAdj, 62))
                }
            }
            return points
        case .normalised:
            guard totalPages > 0 else { return nil }
            var points = (rss + swap + tables) * 1000 / totalPages
            if root { points -= 30 }
            points += adj
            return min(1000, max(1, points))
        case .pagesAdjBonus, .pagesRootPercent, .pages:
            var points = rss + swap + tables
            var scaledAdj = adj
            if root && formula == .pagesAdjBonus { scaledAdj -= 30 }
            if root && formula == .pagesRootPercent { points -= points * 3 / 100 }
            scaledAdj *= totalPages / 1000
            points += scaledAdj
            return max(1, points)
        }
    }

    /// The printed scale: points × 1000 / totalpages (the points themselves before 3.5).
    static func score(_ points: Int64, formula: Formula, totalPages: Int64) -> Int64 {
        switch formula {
        case .totalVM, .normalised: return points
        default: return totalPages > 0 ? points * 1000 / totalPages : 0
        }
    }

    /// The analysis for a report with a task table; nil without one.
    static func analyse(_ event: OOMEvent, pageKB p: Int64, ranked: Int) -> OOMEvent.VictimAnalysis? {
        guard !event.tasks.isEmpty else { return nil }
        let formula = formula(era: event.kernel.era, release: event.kernel.release, tasks: event.tasks)
        let total = totalPages(event, pageKB: p)
        let totalPages = total?.pages ?? 0
        if formula != .totalVM && totalPages <= 0 { return nil }

        // Sorted as plain (index, points) pairs: a task is a resilient type of the sink API, costly to move.
        var scored: [(index: Int, points: Int64)] = []
        for (i, t) in event.tasks.enumerated() {
            if let points = points(t, formula: formula, totalPages: totalPages, pageKB: p) { scored.append((i, points)) }
        }
        scored.sort { $0.points != $1.points ? $0.points > $1.points : $0.index < $1.index }
        let rows = scored.map { (task: event.tasks[$0.index], points: $0.points) }
        var a = OOMEvent.VictimAnalysis(formula: formula.words, explanation: "")
        a.total_pages = formula == .totalVM ? nil : totalPages
        a.printed_score = event.kill?.score
        a.selected_pid = event.kill?.pid ?? event.victim?.pid
        a.killed_pid = event.victim?.pid
        a.top_pid = rows.first?.task.pid
        for (i, row) in rows.enumerated() where i < ranked || row.task.pid == a.selected_pid {
            let s = formula == .totalVM ? nil : score(row.points, formula: formula, totalPages: totalPages)
            a.ranking.append(OOMEvent.RankedTask(rank: i + 1, pid: row.task.pid, name: row.task.name,
                                                 points: row.points, score: s))
        }

        var sentences: [String] = []
        let selectedRow = rows.firstIndex { $0.task.pid == a.selected_pid }
        if let selected = a.selected_pid {
            a.agrees = selectedRow.map { $0 == 0 || rows[$0].points == rows[0].points }
            if let index = selectedRow {
                let row = rows[index]
                let recomputed = score(row.points, formula: formula, totalPages: totalPages)
                if formula != .totalVM { a.recomputed_score = Int(recomputed) }
                sentences.append(selectionSentence(event, row: row, rank: index + 1, recomputed: recomputed,
                                                   formula: formula, total: total, pageKB: p, analysis: &a,
                                                   rows: rows))
            } else if event.tasks.contains(where: { $0.pid == selected }) {
                sentences.append("The kernel selected pid \(selected), which the badness formula excludes "
                    + "(oom_score_adj -1000 or oom_adj -17): the table is a later snapshot or the task was "
                    + "already an OOM victim.")
            } else {
                sentences.append("The selected pid \(selected) is not in the task table (the table lists only "
                    + "the tasks the kernel considered, and the kill may come from a later report).")
            }
        }
        if event.kill_message?.contains("oom_kill_allocating_task") == true {
            sentences.append("vm.oom_kill_allocating_task=1: the kernel killed the task that triggered the OOM, "
                + "not the one with the highest badness.")
        }
        if let child = childSentence(event, analysis: &a) { sentences.append(child) }
        if formula == .totalVM {
            sentences.append("This era's badness also counts children, CPU time, run time and nice, which the "
                + "report does not show; the ranking by total_vm is an approximation.")
        }
        a.explanation = sentences.joined(separator: " ")
        return a
    }

    /// The sentence about the selected row: its recomputed score against the printed one, and its rank.
    private static func selectionSentence(
        _ event: OOMEvent, row: (task: OOMEvent.Task, points: Int64), rank: Int, recomputed: Int64,
        formula: Formula, total: (pages: Int64, words: String)?, pageKB p: Int64,
        analysis a: inout OOMEvent.VictimAnalysis, rows: [(task: OOMEvent.Task, points: Int64)]
    ) -> String {
        let name = row.task.name
        var s = "The kernel selected \(name) (pid \(row.task.pid))"
        let scale = total.map { " of \($0.pages) pages (\($0.words))" } ?? ""
        if let printed = a.printed_score {
            s += " with score \(printed)"
            if formula == .totalVM {
                s += "; its total_vm-based points are \(row.points)."
            } else if Int64(printed) == recomputed {
                s += "; recomputed from the table it scores \(recomputed) too (\(row.points) points\(scale))."
            } else {
                s += "; recomputed from the table it scores \(recomputed) (\(row.points) points\(scale))"
                s += explainDifference(printed: Int64(printed), row: row, formula: formula, total: total, pageKB: p)
            }
        } else {
            s += formula == .totalVM ? " (\(row.points) points)." :
                "; recomputed, it has \(row.points) points, a score of \(recomputed) of 1000\(scale)."
        }
        if rank == 1 || rows[0].points == row.points {
            let runnerUp = rows.dropFirst().first { $0.task.pid != row.task.pid }
            s += " It tops the recomputed ranking" + (runnerUp.map {
                ", ahead of \($0.task.name) (pid \($0.task.pid), \($0.points) points)."
            } ?? ".")
        } else {
            s += " The recomputed ranking puts \(rows[0].task.name) (pid \(rows[0].task.pid), \(rows[0].points) "
                + "points) first and the selection at rank \(rank): the table is printed before the selection and "
                + "the numbers move, or the kernel saw tasks it did not list."
        }
        return s
    }

    /// Why a recomputed score differs from the printed one: the other root-bonus rules or formulas that match.
    private static func explainDifference(printed: Int64, row: (task: OOMEvent.Task, points: Int64), formula: Formula,
                                          total: (pages: Int64, words: String)?, pageKB: Int64) -> String {
        guard let total else { return "; the denominator is unknown." }
        // The same formula without the root bonus first (uid 0 without CAP_SYS_ADMIN, as in containers), then the
        // formulas of the neighbouring releases (a vendor kernel may carry another one).
        var tries: [(Formula, Bool)] = [(formula, false)]
        for other in Formula.allCases where other != .totalVM && other != formula {
            tries += [(other, true), (other, false)]
        }
        for (other, root) in tries {
            if let p = points(row.task, formula: other, totalPages: total.pages, pageKB: pageKB, rootBonus: root),
               score(p, formula: other, totalPages: total.pages) == printed
            {
                if other == formula {
                    return ". The printed \(printed) is this formula without the root bonus: the task ran as uid 0 "
                        + "but without CAP_SYS_ADMIN (as in a container)."
                }
                let why = !root && row.task.uid == 0 ? ", without the root bonus" : ""
                return ". The printed \(printed) matches another era's formula instead: \(other.words)\(why)."
            }
        }
        if total.words.contains("unknown"), printed > 0 {
            let implied = row.points * 1000 / printed
            return ". The printed \(printed) implies a denominator of about \(implied) pages, so about "
                + "\(max(0, implied - total.pages) * pageKB) kB of swap that the report does not show."
        }
        return ". The difference comes from numbers the table does not show (it is printed before the selection, "
            + "and a memcg or cpuset limit changes the denominator)."
    }

    /// Whether the killed pid is the selected one, a child the kernel sacrificed, or another thread.
    private static func childSentence(_ event: OOMEvent, analysis a: inout OOMEvent.VictimAnalysis) -> String? {
        guard let killed = event.victim?.pid else { return nil }
        guard let selected = event.kill?.pid else {
            a.child_sacrificed = nil
            return nil
        }
        if killed == selected {
            a.child_sacrificed = false
            return nil
        }
        let killedRow = event.tasks.first { $0.pid == killed }
        if let tgid = killedRow?.tgid, tgid == selected {
            a.child_sacrificed = false
            return "The selected process (\(selected)) and the killed task (\(killed)) are one thread group: the "
                + "kernel killed another thread of it."
        }
        a.child_sacrificed = true
        return "The selected process (\(selected)) differs from the killed one (\(killed), a child): up to 5.0 the "
            + "kernel kills the selected task's child with the highest badness that has its own memory, to lose "
            + "less work."
    }
}
