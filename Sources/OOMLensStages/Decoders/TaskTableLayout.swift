/// The columns of a task table, as its header line names them (kernel-oom-report-format.md §5.1).
///
/// Headers seen: `[ pid ]   uid  tgid total_vm      rss cpu oom_adj name` (2.6.25–2.6.35), `… cpu oom_adj
/// oom_score_adj name` (2.6.36–3.5), `… rss nr_ptes swapents oom_score_adj name` (3.8–4.0), `… nr_ptes nr_pmds
/// swapents …` (4.1–4.14), `… pgtables_bytes swapents …` (4.15+, `[  pid  ]` from 4.19) and `… rss rss_anon
/// rss_file rss_shmem pgtables_bytes …` (6.8+). The pid column is in brackets; `name` is the rest of the row.
struct TaskTableLayout: Equatable {
    /// One numeric column between the pid and the name.
    enum Column: Equatable {
        case uid, tgid, totalVM, rss, rssAnon, rssFile, rssShmem, nrPtes, nrPmds, pgtablesBytes, swapents
        case oomScoreAdj, oomAdj, cpu
        /// A column this decoder does not know; its value is read and dropped.
        case other
    }

    /// The numeric columns in order.
    let columns: [Column]

    /// Reads a header line, or returns `nil` when `text` is none.
    init?(header text: Substring) {
        var scanner = LineScanner(text)
        guard scanner.skip("[") else { return nil }
        scanner.skipSpaces()
        guard scanner.skip("pid") else { return nil }
        scanner.skipSpaces()
        guard scanner.skip("]") else { return nil }
        let names = TextParsing.tokens(scanner.rest)
        guard names.count >= 2, names.last == "name" else { return nil }
        columns = names.dropLast().map(Self.column(named:))
    }

    private static func column(named name: Substring) -> Column {
        switch name {
        case "uid": .uid
        case "tgid": .tgid
        case "total_vm": .totalVM
        case "rss": .rss
        case "rss_anon": .rssAnon
        case "rss_file": .rssFile
        case "rss_shmem": .rssShmem
        case "nr_ptes": .nrPtes
        case "nr_pmds": .nrPmds
        case "pgtables_bytes": .pgtablesBytes
        case "swapents": .swapents
        case "oom_score_adj": .oomScoreAdj
        case "oom_adj": .oomAdj
        case "cpu": .cpu
        default: .other
        }
    }
}
