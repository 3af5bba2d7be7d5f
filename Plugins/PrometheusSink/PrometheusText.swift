/// Pieces of the Prometheus text exposition format (version 0.0.4).
public enum PrometheusText {
    /// A label value: backslash, double quote and line feed escaped as `\\`, `\"` and `\n`.
    public static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `{a="x",b="y"}` with escaped values, or nothing when there are no labels.
    public static func labels(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// A sample value: integers without a decimal point, other values as Go's `ParseFloat` reads them.
    public static func value(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// The `# HELP` and `# TYPE` lines of a metric family.
    public static func header(_ name: String, type: String, help: String) -> String {
        var escaped = ""
        for c in help.unicodeScalars {
            switch c {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(c)
            }
        }
        return "# HELP \(name) \(escaped)\n# TYPE \(name) \(type)\n"
    }
}
