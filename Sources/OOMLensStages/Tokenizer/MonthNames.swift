/// Month abbreviations as `strftime("%b")` prints them in common locales, packed for allocation-free lookup.
///
/// `dmesg -T` prints localised day and month names (`[Di Aug 12 03:54:03 2025]`); syslog uses English.
enum MonthNames {
    /// Packs up to 8 bytes, lower-casing ASCII letters and dropping one trailing `.`; nil when longer.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64? {
        var n = count
        if n > 0, p[n - 1] == 0x2E { n -= 1 }
        guard n > 0, n <= 8 else { return nil }
        var key: UInt64 = 0
        for i in 0..<n {
            var b = p[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            key |= UInt64(b) << (8 * UInt64(i))
        }
        return key
    }

    static func pack(_ s: String) -> UInt64 {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { pack($0.baseAddress!, $0.count)! }
    }

    /// Month (1–12) of a packed name, or 0.
    @inline(__always)
    static func month(_ key: UInt64) -> Int {
        for (k, m) in table where k == key { return m }
        return 0
    }

    /// English first: it is the common case, and the loop stops at the first match.
    static let table: [(UInt64, Int)] = {
        let names: [[String]] = [
            ["jan", "ene", "gen", "janv", "sty", "янв", "led", "tammi"],
            ["feb", "fev", "févr", "lut", "фев", "úno", "helmi"],
            ["mar", "mär", "mrz", "mrt", "mars", "мар", "bře", "maalis"],
            ["apr", "abr", "avr", "avril", "kwi", "апр", "dub", "huhti"],
            ["may", "mai", "mag", "mei", "maj", "май", "kvě", "touko"],
            ["jun", "juin", "giu", "cze", "июн", "čvn", "kesä"],
            ["jul", "juil", "lug", "lip", "июл", "čvc", "heinä"],
            ["aug", "ago", "août", "sie", "авг", "srp", "elo"],
            ["sep", "sept", "set", "wrz", "сен", "zář", "syys"],
            ["oct", "okt", "ott", "out", "paź", "окт", "říj", "loka"],
            ["nov", "lis", "ноя", "marras"],
            ["dec", "dez", "dic", "déc", "gru", "дек", "pro", "joulu"],
        ]
        var t: [(UInt64, Int)] = []
        for (i, list) in names.enumerated() {
            for name in list where name.utf8.count <= 8 { t.append((pack(name), i + 1)) }
        }
        // English names first.
        return t.sorted { a, b in
            let ea = names[a.1 - 1].first.map(pack) == a.0
            let eb = names[b.1 - 1].first.map(pack) == b.0
            return ea && !eb
        }
    }()
}
