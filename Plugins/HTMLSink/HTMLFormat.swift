/// Text for the HTML report: escaping of everything that comes from a log, and readable numbers.
///
/// Log text is hostile input. Every string that reaches the page goes through ``escape(_:)``, in element text
/// and in (always double-quoted) attribute values alike.
enum HTMLFormat {
    /// `&`, `<`, `>`, `"` and `'` as entities; other control characters than tab, LF and CR as U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// An integer with thousands separators: `1,234,567`.
    static func grouped<T: BinaryInteger>(_ v: T) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// A size given in kB: `812 kB`, `37.5 MiB`, `3.2 GiB`.
    static func kb(_ v: Int64) -> String {
        let a = abs(Double(v))
        if a < 10_000 { return grouped(v) + " kB" }
        if a < 10_000 * 1024 { return oneDecimal(Double(v) / 1024) + " MiB" }
        return oneDecimal(Double(v) / 1024 / 1024) + " GiB"
    }

    /// `v` with one decimal and thousands separators.
    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int64((v * 10).rounded())
        return (tenths < 0 ? "-" : "") + grouped(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
    }

    /// A coordinate for SVG, with at most one decimal.
    static func coordinate(_ v: Double) -> String {
        let tenths = Int64((v * 10).rounded())
        let whole = String(tenths.magnitude / 10)
        let sign = tenths < 0 ? "-" : ""
        return tenths.magnitude % 10 == 0 ? sign + whole : sign + whole + "." + String(tenths.magnitude % 10)
    }
}
