/// An RFC 3339 time from an event's `time` field, read without locale or time-zone database.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, and `Z` or a `±HH:MM` offset.
public struct LogTime: Equatable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// The fraction's digits as printed, without the dot; empty when there was none.
    public var fraction: String

    public init?(_ text: String) {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
              b[13] == 0x3A, b[16] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        var digits = ""
        if b[i] == 0x2E {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                digits.unicodeScalars.append(Unicode.Scalar(b[i]))
                i += 1
            }
            guard !digits.isEmpty else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, b.count >= i + 6, b[i + 3] == 0x3A,
                  let oh = number(i + 1, 2), let om = number(i + 4, 2), oh < 24, om < 60 {
            offset = (oh * 60 + om) * 60 * (b[i] == 0x2D ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Self.daysFromCivil(year, month, day)
        epochSeconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        fraction = digits
    }

    /// The instant `seconds` after the epoch, to the millisecond.
    public init(epochSeconds seconds: Double) {
        let whole = seconds.rounded(.down)
        epochSeconds = Int64(whole)
        let millis = Int(((seconds - whole) * 1000).rounded())
        fraction = millis == 0 ? "" : String(String(1000 + min(millis, 999)).dropFirst())
    }

    /// Seconds since the epoch, fraction included.
    public var seconds: Double {
        Double(epochSeconds) + (fraction.isEmpty ? 0 : Double("0." + fraction) ?? 0)
    }

    /// The same instant in UTC, as `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; text order is time order.
    public var utc: String {
        let dayNumber = epochSeconds >= 0 ? epochSeconds / 86_400 : -((-epochSeconds + 86_399) / 86_400)
        let (y, m, d) = Self.civilFromDays(Int(dayNumber))
        let s = Int(epochSeconds - dayNumber * 86_400)
        var text = Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2) + "T" + Self.pad(s / 3600, 2) + ":"
            + Self.pad(s / 60 % 60, 2) + ":" + Self.pad(s % 60, 2)
        if !fraction.isEmpty { text += "." + fraction }
        return text + "Z"
    }

    /// The UTC date, `YYYY-MM-DD`.
    public var utcDay: String { String(utc.prefix(10)) }

    public static func < (a: LogTime, b: LogTime) -> Bool { a.seconds < b.seconds }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
