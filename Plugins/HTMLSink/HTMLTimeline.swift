import OOMLensSinkAPI

/// The timeline of the HTML report: one lane per host, one mark per report at its log time (inline SVG).
enum HTMLTimeline {
    static let width = 960.0
    static let maxLanes = 40
    private static let left = 190.0
    private static let right = 60.0
    private static let top = 8.0
    private static let lane = 24.0

    /// The SVG, or a note when no report has a log time. `anchors` maps event ids to the ids of their details.
    static func render(_ points: [HTMLTimelinePoint], anchors: [String: String]) -> String {
        let timed = points.filter { $0.time != nil }
        var out = ""
        if timed.isEmpty {
            return "<p class=\"note\">No report has a log time, so none can be placed on the timeline.</p>\n"
        }
        var byHost: [String: [HTMLTimelinePoint]] = [:]
        for p in timed { byHost[p.host, default: []].append(p) }
        var hosts = byHost.keys.sorted()
        var hidden = 0
        if hosts.count > maxLanes {
            let busiest = Set(byHost.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(maxLanes).map(\.key))
            hidden = hosts.count - maxLanes
            hosts = hosts.filter { busiest.contains($0) }
        }
        let seconds = timed.map { $0.time!.seconds }
        var t0 = seconds.min()!
        var t1 = seconds.max()!
        if t1 - t0 < 60 {
            t0 -= 1800
            t1 += 1800
        }
        let pad = (t1 - t0) * 0.03
        t0 -= pad
        t1 += pad
        let plot = width - left - right
        func x(_ t: Double) -> String { HTMLFormat.coordinate(left + (t - t0) / (t1 - t0) * plot) }
        let height = top + Double(hosts.count) * lane + 34
        out += "<svg class=\"timeline\" role=\"img\" aria-label=\"OOM reports per host over time\" "
        out += "viewBox=\"0 0 \(Int(width)) \(HTMLFormat.coordinate(height))\" width=\"\(Int(width))\" "
        out += "height=\"\(HTMLFormat.coordinate(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (i, host) in hosts.enumerated() {
            let y = top + Double(i) * lane
            let cy = HTMLFormat.coordinate(y + lane / 2)
            if i % 2 == 0 {
                out += "<rect class=\"lane\" x=\"0\" y=\"\(HTMLFormat.coordinate(y))\" width=\"\(Int(width))\" height=\"\(Int(lane))\"/>\n"
            }
            let name = host.isEmpty ? "(no host)" : host
            let shown = name.count > 26 ? String(name.prefix(25)) + "…" : name
            out += "<text class=\"host\" x=\"\(Int(left - 10))\" y=\"\(cy)\" dy=\"0.35em\" text-anchor=\"end\">"
            out += "<title>\(HTMLFormat.escape(name))</title>\(HTMLFormat.escape(shown))</text>\n"
            let lanePoints = byHost[host]!.sorted { $0.time!.seconds < $1.time!.seconds }
            for p in lanePoints {
                let title = "\(name) · \(p.time!.utc) · \(p.label) (\(p.kind.rawValue))"
                var mark = "<circle class=\"mark k-\(p.kind.rawValue)\" cx=\"\(x(p.time!.seconds))\" cy=\"\(cy)\" r=\"5\">"
                mark += "<title>\(HTMLFormat.escape(title))</title></circle>"
                if let anchor = anchors[p.id] { mark = "<a href=\"#\(anchor)\">\(mark)</a>" }
                out += mark + "\n"
            }
            out += "<text class=\"count\" x=\"\(Int(width - right + 10))\" y=\"\(cy)\" dy=\"0.35em\">\(lanePoints.count)</text>\n"
        }
        let axisY = top + Double(hosts.count) * lane + 4
        out += "<line class=\"axis\" x1=\"\(Int(left))\" y1=\"\(HTMLFormat.coordinate(axisY))\" "
        out += "x2=\"\(Int(width - right))\" y2=\"\(HTMLFormat.coordinate(axisY))\"/>\n"
        let longRange = t1 - t0 > 2 * 86_400
        for k in 0...4 {
            let t = t0 + (t1 - t0) * Double(k) / 4
            let utc = LogTime(epochSeconds: t).utc
            let chars = Array(utc)
            let label = longRange ? String(chars[0..<10]) : String(chars[5..<10]) + " " + String(chars[11..<16])
            let anchor = k == 0 ? "start" : (k == 4 ? "end" : "middle")
            out += "<line class=\"tick\" x1=\"\(x(t))\" y1=\"\(HTMLFormat.coordinate(axisY))\" x2=\"\(x(t))\" "
            out += "y2=\"\(HTMLFormat.coordinate(axisY + 5))\"/>"
            out += "<text class=\"tick\" x=\"\(x(t))\" y=\"\(HTMLFormat.coordinate(axisY + 18))\" text-anchor=\"\(anchor)\">\(label)</text>\n"
        }
        out += "</svg>\n"
        var note = "Times in UTC. Marks: "
        note += "<span class=\"key k-oom\"></span> OOM kill "
        note += "<span class=\"key k-allocation-failure\"></span> allocation failure "
        note += "<span class=\"key k-memory-dump\"></span> memory dump; the number on the right counts a host's reports."
        if hidden > 0 { note += " \(hidden) host(s) with fewer reports are not drawn." }
        let untimed = points.count - timed.count
        if untimed > 0 { note += " \(untimed) report(s) without a log time are not on the timeline." }
        out += "<p class=\"note\">\(note)</p>\n"
        return out
    }
}
