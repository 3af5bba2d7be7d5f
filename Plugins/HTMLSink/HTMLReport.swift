import OOMLensSinkAPI

/// The whole HTML page: one self-contained file (inline CSS and SVG, no script, no external resource) whose
/// Content-Security-Policy forbids every script and every request.
enum HTMLReport {
    /// - Parameters:
    ///   - points: every event seen, for the timeline.
    ///   - events: the events shown in detail, in log-time order.
    static func document(points: [HTMLTimelinePoint], events: [OOMEvent], topTasks: Int) -> String {
        var anchors: [String: String] = [:]
        for (i, e) in events.enumerated() { anchors[e.id] = "report-\(i + 1)" }
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>OOMLens report</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>OOMLens report</h1>

            """
        out += summary(points, shown: events.count)
        out += "<section id=\"timeline\"><h2>Timeline</h2>\n"
        out += HTMLTimeline.render(points, anchors: anchors)
        out += "</section>\n"
        if !events.isEmpty {
            out += "<section id=\"index\"><h2>Reports</h2>\n" + index(events, anchors: anchors) + "</section>\n"
            out += "<section id=\"reports\">\n"
            for e in events { out += HTMLEventSection.render(e, anchor: anchors[e.id]!, topTasks: topTasks) }
            out += "</section>\n"
        }
        out += "<footer><p class=\"note\">Written by OOMLens. Log text is shown as text; this page runs no script "
        out += "and loads nothing.</p></footer>\n</body>\n</html>\n"
        return out
    }

    private static func summary(_ points: [HTMLTimelinePoint], shown: Int) -> String {
        var kinds: [String: Int] = [:]
        for p in points { kinds[p.kind.rawValue, default: 0] += 1 }
        let hosts = Set(points.map(\.host)).count
        let times = points.compactMap(\.time).sorted()
        var s = "<p class=\"summary\">\(points.count) report(s)"
        if !kinds.isEmpty {
            s += " (" + kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        s += " from \(hosts) host(s)"
        if let first = times.first, let last = times.last { s += ", \(first.utc) to \(last.utc)" }
        s += ".</p>\n"
        if shown < points.count {
            s += "<p class=\"note\">The \(shown) most recent reports are shown in detail (option max_reports); "
            s += "the timeline shows all \(points.count).</p>\n"
        }
        return s
    }

    private static func index(_ events: [OOMEvent], anchors: [String: String]) -> String {
        let esc = HTMLFormat.escape
        var out = "<table class=\"index\"><thead><tr><th>time</th><th>host</th><th>kind</th><th>victim</th>"
        out += "<th>cause</th></tr></thead><tbody>\n"
        for e in events {
            out += "<tr><td><a href=\"#\(anchors[e.id]!)\">\(esc(e.time ?? "(no time)"))</a></td>"
            out += "<td>\(esc(e.host ?? ""))</td><td>\(esc(e.kind.rawValue))</td>"
            out += "<td>\(esc(e.victim?.comm ?? e.kill?.comm ?? ""))</td><td>\(esc(e.diagnosis?.cause ?? ""))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static let style = """

        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330;
               margin: 24px auto; max-width: 1000px; padding: 0 16px; background: #fff; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; }
        h3 { font-size: 14px; margin: 16px 0 6px; color: #3b4454; }
        .note { color: #5b6575; font-size: 12px; }
        .summary { font-size: 15px; }
        svg { display: block; max-width: 100%; height: auto; overflow: visible; }
        svg text { font: 11px system-ui, sans-serif; fill: #1d2330; }
        .lane { fill: #f3f5f8; }
        line.axis, line.tick { stroke: #8a93a3; }
        text.tick, text.count, text.order, text.legend, text.zone-numbers { fill: #5b6575; font-size: 10px; }
        text.zone-numbers { font-size: 11px; }
        .mark { stroke: #fff; stroke-width: 1; }
        .k-oom { fill: #d62728; background: #d62728; }
        .k-allocation-failure { fill: #ff7f0e; background: #ff7f0e; }
        .k-memory-dump { fill: #1f77b4; background: #1f77b4; }
        .key { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin: 0 2px 0 6px; }
        .zone-track { fill: #eef0f4; }
        .zone-free { fill: #4c78a8; }
        .zone-short { fill: #e45756; }
        .zone-reserve { fill: #f2a93b; fill-opacity: 0.35; stroke: #f2a93b; }
        .mark-min { fill: #b22222; }
        .mark-low { fill: #e08a00; }
        .mark-high { fill: #2e8b57; }
        .zone-name { font-weight: 600; }
        .buddy { display: flex; flex-wrap: wrap; gap: 8px; }
        .buddy-panel { display: inline-block; border: 1px solid #e3e6ec; border-radius: 4px; }
        .panel-title { font-weight: 600; }
        .order-usable { fill: #4c78a8; }
        .order-small { fill: #b8c2d1; }
        article.event { border-top: 2px solid #d7dbe3; margin-top: 28px; }
        .cause { font-size: 12px; background: #fdecea; color: #a12020; border-radius: 3px; padding: 1px 6px;
                 font-weight: 500; }
        .partial { font-size: 12px; background: #fff4d6; color: #7a5a00; border-radius: 3px; padding: 1px 6px; }
        .where { color: #5b6575; margin-top: 0; word-break: break-all; }
        .diagnosis { background: #f6f8fb; border-left: 4px solid #4c78a8; padding: 4px 12px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; word-break: break-word; }
        table { border-collapse: collapse; margin: 6px 0 12px; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid #e3e6ec; padding: 2px 10px 2px 0; text-align: left; }
        td { word-break: break-word; max-width: 420px; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.victim td { background: #fdecea; }
        details.raw pre { background: #f6f8fb; padding: 8px; overflow-x: auto; font-size: 12px;
                          white-space: pre; }
        summary { cursor: pointer; color: #3b4454; }

        """
}
