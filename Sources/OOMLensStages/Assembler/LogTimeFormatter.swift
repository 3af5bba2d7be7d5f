#if canImport(Glibc)
import Glibc
#endif
import OOMLensCore

/// Renders a prefix's wall time as RFC 3339. A time printed without an offset is local time of the machine
/// running OOMLens (the `TZ` environment variable applies), as `date` would read it.
enum LogTimeFormatter {
    static func rfc3339(_ t: PackedTime) -> String? {
        guard t.isSet, t.year > 0 else { return nil }
        var offset = Int(t.offsetMinutes)
        if !t.hasOffset {
            var parts = tm()
            parts.tm_year = Int32(t.year) - 1900
            parts.tm_mon = Int32(t.month) - 1
            parts.tm_mday = Int32(t.day)
            parts.tm_hour = Int32(t.hour)
            parts.tm_min = Int32(t.minute)
            parts.tm_sec = Int32(t.second)
            parts.tm_isdst = -1
            var epoch = mktime(&parts)
            var local = tm()
            localtime_r(&epoch, &local)
            offset = Int(local.tm_gmtoff) / 60
        }
        var s = pad(Int(t.year), 4) + "-" + pad(Int(t.month), 2) + "-" + pad(Int(t.day), 2) + "T" + pad(Int(t.hour), 2)
            + ":" + pad(Int(t.minute), 2) + ":" + pad(Int(t.second), 2)
        if t.nanoseconds > 0 {
            var frac = pad(Int(t.nanoseconds), 9)
            while frac.hasByteSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        if offset == 0 {
            s += "Z"
        } else {
            let a = abs(offset)
            s += (offset < 0 ? "-" : "+") + pad(a / 60, 2) + ":" + pad(a % 60, 2)
        }
        return s
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
