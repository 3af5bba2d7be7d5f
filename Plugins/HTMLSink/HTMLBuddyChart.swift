import OOMLensSinkAPI

/// Per report, one histogram per zone of free blocks by order (the buddy allocator's free lists), as inline SVG.
///
/// A bar's height is the free memory at that order (blocks × block size), the number above it the block count.
/// Orders at or above the failed request's order are drawn in the "usable" colour.
enum HTMLBuddyChart {
    private static let panelWidth = 300.0
    private static let panelHeight = 150.0
    private static let plotTop = 30.0
    private static let plotBottom = 130.0

    /// The panels, or an empty string when no zone has buddy counts.
    static func render(_ e: OOMEvent) -> String {
        let requested = max(0, e.trigger?.order ?? 0)
        var out = ""
        for z in e.zones {
            guard let b = z.buddy, !b.counts.isEmpty, b.empty != true else { continue }
            out += panel(z, b, requested: requested)
        }
        guard !out.isEmpty else { return "" }
        var note = "Bar height: free memory held in blocks of that order; number: free blocks. "
        note += requested > 0
            ? "Orders ≥ \(requested) (dark) could serve this order-\(requested) request."
            : "Every order could serve this order-0 request."
        return "<div class=\"buddy\">\n" + out + "</div>\n<p class=\"note\">\(note)</p>\n"
    }

    private static func panel(_ z: OOMEvent.Zone, _ b: OOMEvent.Buddy, requested: Int) -> String {
        let pageKB = Double(b.page_kb ?? 4)
        let kb = b.counts.enumerated().map { Double($0.element) * pageKB * Double(1 << min($0.offset, 40)) }
        let largest = max(kb.max() ?? 0, 1)
        let n = Double(b.counts.count)
        let slot = (panelWidth - 20) / n
        let name = (z.node.map { "Node \($0) " } ?? "") + z.zone
        let total = b.total_kb.map { " · \(HTMLFormat.kb($0)) free" } ?? ""
        var out = "<svg class=\"buddy-panel\" role=\"img\" aria-label=\"Free blocks by order\" "
        out += "viewBox=\"0 0 \(Int(panelWidth)) \(Int(panelHeight))\" width=\"\(Int(panelWidth))\" "
        out += "height=\"\(Int(panelHeight))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<text class=\"panel-title\" x=\"10\" y=\"14\">\(HTMLFormat.escape(name + total))</text>\n"
        out += "<line class=\"axis\" x1=\"10\" y1=\"\(Int(plotBottom))\" x2=\"\(Int(panelWidth - 10))\" y2=\"\(Int(plotBottom))\"/>\n"
        for (order, count) in b.counts.enumerated() {
            let h = kb[order] > 0 ? max(1, kb[order] / largest * (plotBottom - plotTop - 12)) : 0
            let x = 10 + Double(order) * slot + 1
            let w = max(1, slot - 2)
            let cls = order >= requested ? "order-usable" : "order-small"
            var type = ""
            if let types = b.types, order < types.count, let t = types[order] { type = " (\(t))" }
            let title = "order \(order): \(HTMLFormat.grouped(count)) block(s) of \(HTMLFormat.kb(Int64(pageKB) << Int64(min(order, 40))))"
                + " = \(HTMLFormat.kb(Int64(kb[order])))\(type)"
            out += "<g><title>\(HTMLFormat.escape(title))</title>"
            out += "<rect class=\"\(cls)\" x=\"\(HTMLFormat.coordinate(x))\" y=\"\(HTMLFormat.coordinate(plotBottom - h))\" "
            out += "width=\"\(HTMLFormat.coordinate(w))\" height=\"\(HTMLFormat.coordinate(h))\"/>"
            out += "<text class=\"count\" x=\"\(HTMLFormat.coordinate(x + w / 2))\" y=\"\(HTMLFormat.coordinate(plotBottom - h - 3))\" "
            out += "text-anchor=\"middle\">\(shortCount(count))</text>"
            out += "<text class=\"order\" x=\"\(HTMLFormat.coordinate(x + w / 2))\" y=\"\(Int(plotBottom + 13))\" "
            out += "text-anchor=\"middle\">\(order)</text></g>\n"
        }
        return out + "</svg>\n"
    }

    /// A block count in at most four characters: `812`, `9.5k`, `12k`, `3.1M`.
    static func shortCount(_ v: Int64) -> String {
        if v < 1000 { return String(v) }
        if v < 10_000 { return HTMLFormat.oneDecimal(Double(v) / 1000) + "k" }
        if v < 1_000_000 { return String(v / 1000) + "k" }
        return HTMLFormat.oneDecimal(Double(v) / 1_000_000) + "M"
    }
}
