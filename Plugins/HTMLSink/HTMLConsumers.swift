import OOMLensSinkAPI

/// The top-consumers tables of a report: the task table's largest resident sets, and the diagnosis's
/// `top_consumers` when there is a diagnosis.
enum HTMLConsumers {
    static func render(_ e: OOMEvent, topTasks: Int) -> String {
        var out = ""
        if let consumers = e.diagnosis?.top_consumers, !consumers.isEmpty {
            out += "<table class=\"consumers\"><caption>Top consumers (diagnosis)</caption>\n"
            out += "<thead><tr><th>name</th><th>pid</th><th class=\"num\">RSS</th><th class=\"num\">swap</th>"
            out += "<th class=\"num\">share of RAM</th></tr></thead><tbody>\n"
            for c in consumers {
                out += "<tr\(c.pid != nil && c.pid == e.victim?.pid ? " class=\"victim\"" : "")>"
                out += "<td>\(HTMLFormat.escape(c.name))</td><td>\(c.pid.map { String($0) } ?? "")</td>"
                out += "<td class=\"num\">\(HTMLFormat.kb(c.rss_kb))</td>"
                out += "<td class=\"num\">\(c.swap_kb.map { HTMLFormat.kb($0) } ?? "")</td>"
                out += "<td class=\"num\">\(c.share_of_ram.map { HTMLFormat.oneDecimal($0 * 100) + " %" } ?? "")</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if topTasks > 0, !e.tasks.isEmpty {
            let pageKB = e.zones.lazy.compactMap { $0.buddy?.page_kb }.first ?? 4
            let top = e.tasks.enumerated().sorted {
                ($0.element.rss_pages ?? 0, $1.offset) > ($1.element.rss_pages ?? 0, $0.offset)
            }.prefix(topTasks).map(\.element)
            out += "<table class=\"consumers\"><caption>Largest tasks by resident set (\(top.count) of "
            out += "\(e.tasks.count) in the task table)</caption>\n"
            out += "<thead><tr><th>pid</th><th>name</th><th class=\"num\">RSS pages</th><th class=\"num\">RSS</th>"
            out += "<th class=\"num\">total VM pages</th><th class=\"num\">swap entries</th><th class=\"num\">oom_score_adj</th>"
            out += "</tr></thead><tbody>\n"
            for t in top {
                out += "<tr\(t.pid == e.victim?.pid ? " class=\"victim\"" : "")>"
                out += "<td>\(t.pid)</td><td>\(HTMLFormat.escape(t.name))</td>"
                out += "<td class=\"num\">\(t.rss_pages.map { HTMLFormat.grouped($0) } ?? "")</td>"
                out += "<td class=\"num\">\(t.rss_pages.map { HTMLFormat.kb($0 * pageKB) } ?? "")</td>"
                out += "<td class=\"num\">\(t.total_vm_pages.map { HTMLFormat.grouped($0) } ?? "")</td>"
                out += "<td class=\"num\">\(t.swapents.map { HTMLFormat.grouped($0) } ?? "")</td>"
                out += "<td class=\"num\">\(t.oom_score_adj.map { String($0) } ?? "")</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out
    }
}
