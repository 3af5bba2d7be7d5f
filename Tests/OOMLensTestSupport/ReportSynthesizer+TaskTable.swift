/// The task table in the era's columns (kernel-oom-report-format.md §5.1).
extension ReportSynthesizer {
    static func taskTableLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        var out: [SynthesizedKernelLine] = []
        func line(_ text: String) { out.append(SynthesizedKernelLine(text)) }
        switch p.era {
        case .linux2_6_18:
            return []
        case .linux2_6_19to31:
            line("[ pid ]   uid  tgid total_vm      rss cpu oom_adj name")
            for t in p.tasks {
                line("[\(pad(t.pid, 5))] \(pad(t.uid, 5)) \(pad(t.tgid, 5)) \(pad(t.totalVMPages, 8)) "
                    + "\(pad(t.rssPages, 8)) \(pad(t.cpu, 3)) \(pad(t.oomAdj, 3)) \(t.name)")
            }
        case .rhel6_2_6_32:
            line("[ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name")
            for t in p.tasks {
                line("[\(pad(t.pid, 5))] \(pad(t.uid, 5)) \(pad(t.tgid, 5)) \(pad(t.totalVMPages, 8)) "
                    + "\(pad(t.rssPages, 8)) \(pad(t.cpu, 3))     \(pad(t.oomAdj, 3))         "
                    + "\(pad(t.oomScoreAdj, 5)) \(t.name)")
            }
        case .linux3_10:
            line("[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name")
            for t in p.tasks {
                line("[\(pad(t.pid, 5))] \(pad(t.uid, 5)) \(pad(t.tgid, 5)) \(pad(t.totalVMPages, 8)) "
                    + "\(pad(t.rssPages, 8)) \(pad(t.pageTablePages, 7)) \(pad(t.swapents, 8))         "
                    + "\(pad(t.oomScoreAdj, 5)) \(t.name)")
            }
        case .linux4_8, .memcgV1:
            line("[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name")
            for t in p.tasks {
                line("[\(pad(t.pid, 5))] \(pad(t.uid, 5)) \(pad(t.tgid, 5)) \(pad(t.totalVMPages, 8)) "
                    + "\(pad(t.rssPages, 8)) \(pad(t.pageTablePages, 7)) \(pad(t.pmdPages, 7)) \(pad(t.swapents, 8))"
                    + "         \(pad(t.oomScoreAdj, 5)) \(t.name)")
            }
        case .linux4_19, .linux6_1, .memcgV2:
            line("Tasks state (memory values in pages):")
            line("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name")
            for t in p.tasks {
                line("[\(pad(t.pid, 7))] \(pad(t.uid, 5)) \(pad(t.tgid, 5)) \(pad(t.totalVMPages, 8)) "
                    + "\(pad(t.rssPages, 8)) \(pad(t.pageTablePages * p.pageSizeKB * 1024, 8)) \(pad(t.swapents, 8))"
                    + "         \(pad(t.oomScoreAdj, 5)) \(t.name)")
            }
        }
        return out
    }
}
