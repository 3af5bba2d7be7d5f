import OOMLensSinkAPI

/// Per report, one bar per zone: free memory against the min, low and high watermarks, with the reserve that
/// the watermark check adds to min (inline SVG). Each zone has its own scale; the numbers are printed below.
enum HTMLZoneChart {
    private static let width = 960.0
    private static let labelWidth = 150.0
    private static let barWidth = 640.0
    private static let row = 46.0

    /// The SVG, or an empty string when no zone has a free count.
    static func render(_ e: OOMEvent) -> String {
        let zones = e.zones.filter { $0.free_kb != nil }
        guard !zones.isEmpty else { return "" }
        let height = Double(zones.count) * row + 26
        var out = "<svg class=\"zones\" role=\"img\" aria-label=\"Free memory and watermarks per zone\" "
        out += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        out += "xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (i, z) in zones.enumerated() {
            out += bar(z, e, y: Double(i) * row)
        }
        let ly = Double(zones.count) * row + 14
        let keys = [("zone-free", "free"), ("zone-short", "free below min + reserve"), ("zone-reserve", "reserve"),
                    ("mark-min", "min"), ("mark-low", "low"), ("mark-high", "high")]
        var lx = labelWidth
        for (cls, text) in keys {
            out += "<rect class=\"\(cls) legend\" x=\"\(Int(lx))\" y=\"\(HTMLFormat.coordinate(ly - 8))\" width=\"12\" height=\"10\"/>"
            out += "<text class=\"legend\" x=\"\(Int(lx + 16))\" y=\"\(HTMLFormat.coordinate(ly))\">\(text)</text>\n"
            lx += 24 + Double(text.count) * 6.6
        }
        return out + "</svg>\n"
    }

    /// The reserve the allocation had to leave above min in this zone, and where the number comes from.
    static func reserve(_ z: OOMEvent.Zone, _ e: OOMEvent) -> (kb: Int64, source: String)? {
        if let check = e.diagnosis?.failed_zones.first(where: { $0.zone == z.zone && $0.node == z.node }) {
            return check.reserve_kb > 0 ? (check.reserve_kb, "reserve in the failed watermark check") : nil
        }
        if let r = z.lowmem_reserve_pages, let largest = r.max(), largest > 0 {
            return (largest * (z.buddy?.page_kb ?? 4), "largest lowmem_reserve (pages × page size)")
        }
        return nil
    }

    private static func bar(_ z: OOMEvent.Zone, _ e: OOMEvent, y: Double) -> String {
        let free = z.free_kb ?? 0
        let minKB = z.min_kb ?? 0
        let reserve = reserve(z, e)
        let needed = minKB + (reserve?.kb ?? 0)
        let scale = Double(max(free, z.low_kb ?? 0, z.high_kb ?? 0, needed, 1)) * 1.05
        func x(_ kb: Int64) -> Double { labelWidth + Double(kb) / scale * barWidth }
        let name = (z.node.map { "Node \($0) " } ?? "") + z.zone
        var numbers = "free \(HTMLFormat.kb(free))"
        if let v = z.min_kb { numbers += " · min \(HTMLFormat.kb(v))" }
        if let v = z.low_kb { numbers += " · low \(HTMLFormat.kb(v))" }
        if let v = z.high_kb { numbers += " · high \(HTMLFormat.kb(v))" }
        if let r = reserve { numbers += " · reserve \(HTMLFormat.kb(r.kb))" }
        if z.all_unreclaimable == true { numbers += " · all unreclaimable" }
        var title = "\(name): \(numbers)"
        if let r = reserve { title += " (\(r.source))" }
        let top = y + 6
        let h = 16.0
        let mid = HTMLFormat.coordinate(top + h / 2)
        var out = "<g><title>\(HTMLFormat.escape(title))</title>"
        out += "<text class=\"zone-name\" x=\"\(Int(labelWidth - 10))\" y=\"\(mid)\" dy=\"0.35em\" text-anchor=\"end\">"
        out += "\(HTMLFormat.escape(name))</text>"
        out += rect("zone-track", labelWidth, top, barWidth, h)
        out += rect(free < needed ? "zone-short" : "zone-free", labelWidth, top, x(free) - labelWidth, h)
        if let r = reserve {
            out += rect("zone-reserve", x(minKB), top - 3, x(minKB + r.kb) - x(minKB), h + 6)
        }
        for (cls, v) in [("mark-min", z.min_kb), ("mark-low", z.low_kb), ("mark-high", z.high_kb)] {
            guard let v else { continue }
            out += "<rect class=\"\(cls)\" x=\"\(HTMLFormat.coordinate(x(v) - 1))\" y=\"\(HTMLFormat.coordinate(top - 4))\" "
            out += "width=\"2\" height=\"\(HTMLFormat.coordinate(h + 8))\"/>"
        }
        out += "<text class=\"zone-numbers\" x=\"\(Int(labelWidth))\" y=\"\(HTMLFormat.coordinate(top + h + 15))\">"
        out += "\(HTMLFormat.escape(numbers))</text></g>\n"
        return out
    }

    private static func rect(_ cls: String, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
        "<rect class=\"\(cls)\" x=\"\(HTMLFormat.coordinate(x))\" y=\"\(HTMLFormat.coordinate(y))\" "
            + "width=\"\(HTMLFormat.coordinate(max(0, w)))\" height=\"\(HTMLFormat.coordinate(h))\"/>"
    }
}
