import OOMLensCore

/// Recognises a line's prefix from its bytes and returns the fields, with offsets relative to the line.
///
/// Formats, tried by the first byte: `<PRI>` (kernel console level, or RFC 5424 with `<PRI>1 `), `[` (dmesg
/// uptime, journalctl short-monotonic, dmesg -T in any locale), a digit (ISO/RFC 3339 syslog, dmesg
/// --time-format=iso, /dev/kmsg records), a letter (traditional syslog and journalctl short/short-precise,
/// `dmesg --decode` facility:level). Anything else is bare kernel text.
enum LinePrefixParser {
    typealias Bytes = UnsafePointer<UInt8>

    static func parse(_ line: UnsafeRawBufferPointer, referenceYear: Int, referenceMonth: Int) -> LineFields {
        var f = LineFields()
        let n = line.count
        guard n > 0, let raw = line.baseAddress else {
            f.flags = LineFields.fromKernel
            return f
        }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        var i = 0
        var kernelLevel = false
        if p[0] == 0x3C, let (pri, after) = priority(p, n) {
            if after + 1 < n, p[after] == 0x31, p[after + 1] == 0x20 {
                if parseRFC5424(p, n, after + 2, &f) { return finish(p, n, &f) }
            }
            i = after
            kernelLevel = pri < 8  // facility 0 = kernel
        }
        guard i < n else { return bare(p, n, i, &f) }
        let c = p[i]
        if c == 0x5B {  // [
            if parseBracket(p, n, i, &f) { return finish(p, n, &f) }
        } else if isDigit(c) {
            if parseDigitStart(p, n, i, &f) {
                if f.format == .isoSyslog || f.format == .dmesgISO || f.format == .kmsg { return finish(p, n, &f) }
            }
        } else if isLetter(c) {
            if parseTraditional(p, n, i, &f, referenceYear, referenceMonth) { return finish(p, n, &f) }
            if parseDecodePrefix(p, n, i, &f) { return finish(p, n, &f) }
        }
        _ = kernelLevel
        return bare(p, n, i, &f)
    }

    // MARK: - formats

    /// `<N>`: returns the number and the index after `>`.
    @inline(__always)
    static func priority(_ p: Bytes, _ n: Int) -> (Int, Int)? {
        var i = 1
        var v = 0
        while i < n, i <= 4, isDigit(p[i]) {
            v = v * 10 + Int(p[i] &- 0x30)
            i += 1
        }
        guard i > 1, i < n, p[i] == 0x3E else { return nil }
        return (v, i + 1)
    }

    static func bare(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> LineFields {
        f = LineFields()
        f.format = .bare
        f.flags = LineFields.fromKernel
        f.messageStart = Int32(start)
        return finish(p, n, &f)
    }

    /// `[ 1234.567890] msg`, `[ 1234.567890] host kernel: msg`, `[Mon Aug 12 03:54:03 2025] msg`.
    static func parseBracket(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> Bool {
        var i = start + 1
        while i < n, p[i] == 0x20 { i += 1 }
        guard i < n else { return false }
        if isDigit(p[i]) {
            guard let (micros, after) = uptime(p, n, i), after < n, p[after] == 0x5D else { return false }
            f.uptimeMicros = micros
            var m = after + 1
            if m < n, p[m] == 0x20 { m += 1 }
            // journalctl -o short-monotonic: a host and `kernel:` (or `name[pid]:`) follow.
            var g = f
            if hostAndProgram(p, n, m, &g, strictProgram: true) {
                g.format = .journalMonotonic
                f = g
                return true
            }
            f.format = .dmesg
            f.flags |= LineFields.fromKernel
            f.messageStart = Int32(m)
            return true
        }
        // dmesg -T: [Day Mon DD HH:MM:SS YYYY]
        var j = i
        while j < n, p[j] != 0x20, p[j] != 0x5D { j += 1 }  // day name
        guard j < n, p[j] == 0x20 else { return false }
        while j < n, p[j] == 0x20 { j += 1 }
        let monthStart = j
        while j < n, p[j] != 0x20, p[j] != 0x5D { j += 1 }
        guard j < n, p[j] == 0x20 else { return false }
        let month = MonthNames.pack(p + monthStart, j - monthStart).map(MonthNames.month) ?? 0
        while j < n, p[j] == 0x20 { j += 1 }
        guard let (day, afterDay) = number(p, n, j, maxDigits: 2), afterDay < n, p[afterDay] == 0x20 else { return false }
        guard var t = clock(p, n, afterDay + 1), t.end < n, p[t.end] == 0x20 else { return false }
        guard let (year, afterYear) = number(p, n, t.end + 1, maxDigits: 4), afterYear < n, p[afterYear] == 0x5D else {
            return false
        }
        if month > 0, day <= 31, isValidDay(UInt8(day), month: UInt8(month)) {
            t.time.year = Int16(year)
            t.time.month = UInt8(month)
            t.time.day = UInt8(day)
            f.time = t.time
        }
        f.format = .dmesgHuman
        f.flags |= LineFields.fromKernel
        var m = afterYear + 1
        if m < n, p[m] == 0x20 { m += 1 }
        f.messageStart = Int32(m)
        return true
    }

    /// ISO syslog, dmesg --time-format=iso, or a /dev/kmsg record.
    static func parseDigitStart(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> Bool {
        if let (t, end, comma) = isoTimestamp(p, n, start) {
            f.time = t
            guard end < n, p[end] == 0x20 else {
                if end == n {
                    f.format = .isoSyslog
                    f.messageStart = Int32(n)
                    return true
                }
                return false
            }
            if comma {
                f.format = .dmesgISO
                f.flags |= LineFields.fromKernel
                f.messageStart = Int32(end + 1)
                return true
            }
            f.format = .isoSyslog
            if !hostAndProgram(p, n, end + 1, &f, strictProgram: false) {
                f.messageStart = Int32(end + 1)
            }
            return true
        }
        return parseKmsg(p, n, start, &f)
    }

    /// `level,seq,usec,flags[,…];message`.
    static func parseKmsg(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> Bool {
        guard let (prio, a) = number(p, n, start, maxDigits: 4), a < n, p[a] == 0x2C,
              let (_, b) = number(p, n, a + 1, maxDigits: 20), b < n, p[b] == 0x2C,
              let (usec, c) = number(p, n, b + 1, maxDigits: 20), c < n, p[c] == 0x2C
        else { return false }
        var i = c + 1
        while i < n, p[i] != 0x3B {
            if p[i] == 0x20 { return false }
            i += 1
        }
        guard i < n else { return false }
        f.format = .kmsg
        f.uptimeMicros = Int64(usec)
        if prio >> 3 == 0 { f.flags |= LineFields.fromKernel }
        f.messageStart = Int32(i + 1)
        return true
    }

    /// `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`; `start` is after `1 `.
    static func parseRFC5424(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> Bool {
        var i = start
        if i < n, p[i] == 0x2D {
            i += 1
        } else {
            guard let (t, end, _) = isoTimestamp(p, n, i) else { return false }
            f.time = t
            i = end
        }
        guard i < n, p[i] == 0x20 else { return false }
        i += 1
        let host = token(p, n, i)
        i = host.end + 1
        let app = token(p, n, i)
        i = app.end + 1
        let procid = token(p, n, i)
        i = procid.end + 1
        let msgid = token(p, n, i)
        i = msgid.end + 1
        guard i <= n else { return false }
        if !(host.end - host.start == 1 && p[host.start] == 0x2D) {
            f.hostStart = Int32(host.start)
            f.hostEnd = Int32(host.end)
        }
        if !(app.end - app.start == 1 && p[app.start] == 0x2D) {
            f.programStart = Int32(app.start)
            f.programEnd = Int32(app.end)
            if isKernelProgram(p, app.start, app.end) { f.flags |= LineFields.fromKernel }
        }
        if let (pid, e) = number(p, n, procid.start, maxDigits: 10), e == procid.end { f.pid = Int32(truncatingIfNeeded: pid) }
        // Structured data: `-` or one or more `[…]` elements.
        if i < n, p[i] == 0x2D {
            i += 1
        } else {
            while i < n, p[i] == 0x5B {
                while i < n, p[i] != 0x5D {
                    if p[i] == 0x5C { i += 1 }
                    i += 1
                }
                i += 1
            }
        }
        if i < n, p[i] == 0x20 { i += 1 }
        if i + 2 < n, p[i] == 0xEF, p[i + 1] == 0xBB, p[i + 2] == 0xBF { i += 3 }
        f.format = .rfc5424
        f.messageStart = Int32(min(i, n))
        return true
    }

    /// `Mmm dd HH:MM:SS[.ffffff] host program[pid]: msg` (traditional syslog, journalctl short/short-precise).
    static func parseTraditional(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields, _ refYear: Int,
                                 _ refMonth: Int) -> Bool {
        let i = start
        guard i + 14 <= n, p[i + 3] == 0x20 else { return false }
        let month = englishMonth(p[i], p[i + 1], p[i + 2])
        guard month > 0 else { return false }
        // The day is `dd`, ` d` (syslog pads with a space) or `d` (some writers do not pad).
        let d1 = p[i + 4]
        let d2 = p[i + 5]
        var clockAt = i + 7
        var day: UInt8
        if isDigit(d1), d2 == 0x20 {
            day = d1 &- 0x30
            clockAt = i + 6
        } else {
            guard (d1 == 0x20 || isDigit(d1)), isDigit(d2), p[i + 6] == 0x20 else { return false }
            day = (d1 == 0x20 ? 0 : (d1 &- 0x30) &* 10) &+ (d2 &- 0x30)
        }
        guard isValidDay(day, month: UInt8(month)), var t = clock(p, n, clockAt) else { return false }
        t.time.month = UInt8(month)
        t.time.day = day
        let year = month > refMonth ? refYear - 1 : refYear
        t.time.year = Int16(truncatingIfNeeded: year)
        f.time = t.time
        f.format = t.hadFraction ? .journalPrecise : .traditionalSyslog
        var m = t.end
        guard m < n, p[m] == 0x20 else {
            f.messageStart = Int32(m)
            return m == n
        }
        m += 1
        if !hostAndProgram(p, n, m, &f, strictProgram: false) {
            f.messageStart = Int32(m)
        }
        return true
    }

    /// `kern  :warn  : ` from `dmesg --decode`, then the usual timestamp.
    static func parseDecodePrefix(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields) -> Bool {
        var i = start
        while i < n, isLetter(p[i]) { i += 1 }
        let facilityEnd = i
        while i < n, p[i] == 0x20 { i += 1 }
        guard i < n, p[i] == 0x3A else { return false }
        i += 1
        guard i < n, isLetter(p[i]) else { return false }
        while i < n, isLetter(p[i]) { i += 1 }
        while i < n, p[i] == 0x20 { i += 1 }
        guard i + 1 < n, p[i] == 0x3A, p[i + 1] == 0x20 else { return false }
        i += 2
        let kernel = facilityEnd - start == 4 && p[start] == 0x6B && p[start + 1] == 0x65 && p[start + 2] == 0x72
            && p[start + 3] == 0x6E
        var g = LineFields()
        if i < n, p[i] == 0x5B, parseBracket(p, n, i, &g) {
        } else if i < n, isDigit(p[i]), let (t, end, _) = isoTimestamp(p, n, i) {
            g.time = t
            g.messageStart = Int32(end < n && p[end] == 0x20 ? end + 1 : end)
        } else {
            g.messageStart = Int32(i)
        }
        g.format = .dmesgISO
        g.flags = kernel ? LineFields.fromKernel : 0
        f = g
        return true
    }

    // MARK: - pieces

    /// `host program[pid]: ` or `program: ` (or busybox `host facility.level program: `) from `start`.
    /// With `strictProgram`, the program must be `kernel` or carry a `[pid]` (used after a dmesg timestamp).
    static func hostAndProgram(_ p: Bytes, _ n: Int, _ start: Int, _ f: inout LineFields, strictProgram: Bool) -> Bool {
        var a = token(p, n, start)
        guard a.end > a.start else { return false }
        var hostStart = -1
        var hostEnd = -1
        if p[a.end - 1] != 0x3A || a.end == n {
            // `a` is the host; the program follows.
            hostStart = a.start
            hostEnd = a.end
            guard a.end < n else { return false }
            a = token(p, n, a.end + 1)
            guard a.end > a.start else { return false }
            // busybox: `user.warn` between host and program.
            if p[a.end - 1] != 0x3A, isFacilityLevel(p, a.start, a.end), a.end < n {
                a = token(p, n, a.end + 1)
                guard a.end > a.start else { return false }
            }
        }
        // `a` should now be `program:` or `program[pid]:`.
        guard p[a.end - 1] == 0x3A else { return false }
        var progEnd = a.end - 1
        var pid: Int32 = -1
        if progEnd > a.start, p[progEnd - 1] == 0x5D {
            var k = progEnd - 2
            var v: Int64 = 0
            var mul: Int64 = 1
            while k > a.start, isDigit(p[k]) {
                v += Int64(p[k] &- 0x30) * mul
                mul *= 10
                k -= 1
            }
            guard k > a.start, p[k] == 0x5B, mul > 1 else { return false }
            pid = Int32(truncatingIfNeeded: v)
            progEnd = k
        }
        guard progEnd > a.start else { return false }
        let kernel = isKernelProgram(p, a.start, progEnd)
        if strictProgram && !kernel && pid < 0 { return false }
        if hostStart >= 0 {
            f.hostStart = Int32(hostStart)
            f.hostEnd = Int32(hostEnd)
        }
        f.programStart = Int32(a.start)
        f.programEnd = Int32(progEnd)
        f.pid = pid
        if kernel { f.flags |= LineFields.fromKernel }
        var m = a.end
        if m < n, p[m] == 0x20 { m += 1 }
        f.messageStart = Int32(m)
        return true
    }

    /// Final touches on the message: an inner kernel `[seconds]` (syslog of kernel lines), a printk caller id,
    /// leading white space (continuation lines).
    @inline(__always)
    static func finish(_ p: Bytes, _ n: Int, _ f: inout LineFields) -> LineFields {
        var m = Int(f.messageStart)
        if f.isKernel, m < n, p[m] == 0x5B, f.uptimeMicros < 0 {
            var i = m + 1
            while i < n, p[i] == 0x20 { i += 1 }
            if i < n, isDigit(p[i]), let (micros, after) = uptime(p, n, i), after < n, p[after] == 0x5D {
                f.uptimeMicros = micros
                m = after + 1
                if m < n, p[m] == 0x20 { m += 1 }
            }
        }
        // CONFIG_PRINTK_CALLER: `[  T1234] ` or `[    C3] `.
        if f.isKernel, m + 3 < n, p[m] == 0x5B {
            var i = m + 1
            while i < n, p[i] == 0x20 { i += 1 }
            if i + 1 < n, p[i] == 0x54 || p[i] == 0x43, isDigit(p[i + 1]) {
                i += 1
                while i < n, isDigit(p[i]) { i += 1 }
                if i < n, p[i] == 0x5D {
                    m = i + 1
                    if m < n, p[m] == 0x20 { m += 1 }
                }
            }
        }
        if m < n, p[m] == 0x20 || p[m] == 0x09 {
            f.flags |= LineFields.continuation
            while m < n, p[m] == 0x20 || p[m] == 0x09 { m += 1 }
        }
        f.messageStart = Int32(m)
        f.messageEnd = Int32(n)
        return f
    }

    /// `seconds.micros` (the fraction may have any length, but must be there); returns microseconds and the index
    /// after.
    @inline(__always)
    static func uptime(_ p: Bytes, _ n: Int, _ start: Int) -> (Int64, Int)? {
        var i = start
        var secs: Int64 = 0
        while i < n, isDigit(p[i]), i - start < 12 {
            secs = secs &* 10 &+ Int64(p[i] &- 0x30)
            i += 1
        }
        guard i > start else { return nil }
        var micros: Int64 = 0
        // Kernel timestamps always have a fraction: `[  593]` is a task-table row, not a time.
        guard i < n, p[i] == 0x2E else { return nil }
        do {
            i += 1
            var scale: Int64 = 100_000
            while i < n, isDigit(p[i]) {
                micros += Int64(p[i] &- 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        return (secs * 1_000_000 + micros, i)
    }

    /// `HH:MM:SS[.fraction]` at `start`.
    @inline(__always)
    static func clock(_ p: Bytes, _ n: Int, _ start: Int) -> (time: PackedTime, end: Int, hadFraction: Bool)? {
        let i = start
        guard i + 8 <= n, isDigit(p[i]), isDigit(p[i + 1]), p[i + 2] == 0x3A, isDigit(p[i + 3]), isDigit(p[i + 4]),
              p[i + 5] == 0x3A, isDigit(p[i + 6]), isDigit(p[i + 7]) else { return nil }
        var t = PackedTime()
        t.hour = (p[i] &- 0x30) &* 10 &+ (p[i + 1] &- 0x30)
        t.minute = (p[i + 3] &- 0x30) &* 10 &+ (p[i + 4] &- 0x30)
        t.second = (p[i + 6] &- 0x30) &* 10 &+ (p[i + 7] &- 0x30)
        // A clock that cannot be (25:61:99) is not a time: a hostile line must not give an invalid timestamp.
        guard t.hour <= 23, t.minute <= 59, t.second <= 60 else { return nil }
        var j = i + 8
        var frac = false
        if j < n, p[j] == 0x2E || p[j] == 0x2C, j + 1 < n, isDigit(p[j + 1]) {
            frac = true
            j += 1
            var ns: UInt32 = 0
            var scale: UInt32 = 100_000_000
            while j < n, isDigit(p[j]) {
                ns &+= UInt32(p[j] &- 0x30) &* scale
                scale /= 10
                j += 1
            }
            t.nanoseconds = ns
        }
        return (t, j, frac)
    }

    /// True when `day` exists in `month` (1-12) of some year: Feb 29 passes, since a prefix may print no year.
    @inline(__always)
    static func isValidDay(_ day: UInt8, month: UInt8) -> Bool {
        guard day >= 1 else { return false }
        switch month {
        case 2: return day <= 29
        case 4, 6, 9, 11: return day <= 30
        default: return day <= 31
        }
    }

    /// `YYYY-MM-DD[T ]HH:MM:SS[.frac|,frac][Z|±HH:MM|±HHMM]`; also reports whether the fraction used a comma.
    static func isoTimestamp(_ p: Bytes, _ n: Int, _ start: Int) -> (PackedTime, Int, Bool)? {
        let i = start
        guard i + 19 <= n, isDigit(p[i]), isDigit(p[i + 1]), isDigit(p[i + 2]), isDigit(p[i + 3]), p[i + 4] == 0x2D,
              isDigit(p[i + 5]), isDigit(p[i + 6]), p[i + 7] == 0x2D, isDigit(p[i + 8]), isDigit(p[i + 9]),
              p[i + 10] == 0x54 || p[i + 10] == 0x20,
              var c = clock(p, n, i + 11) else { return nil }
        let comma = c.hadFraction && p[i + 19] == 0x2C
        var year = Int(p[i] &- 0x30) * 1000
        year += Int(p[i + 1] &- 0x30) * 100
        year += Int(p[i + 2] &- 0x30) * 10
        year += Int(p[i + 3] &- 0x30)
        c.time.year = Int16(year)
        c.time.month = (p[i + 5] &- 0x30) &* 10 &+ (p[i + 6] &- 0x30)
        c.time.day = (p[i + 8] &- 0x30) &* 10 &+ (p[i + 9] &- 0x30)
        guard c.time.month >= 1, c.time.month <= 12, isValidDay(c.time.day, month: c.time.month) else { return nil }
        var j = c.end
        if j < n, p[j] == 0x5A {
            c.time.hasOffset = true
            j += 1
        } else if j + 3 <= n, p[j] == 0x2B || p[j] == 0x2D, isDigit(p[j + 1]), isDigit(p[j + 2]) {
            let sign: Int16 = p[j] == 0x2D ? -1 : 1
            let hh = Int16(p[j + 1] &- 0x30) * 10 + Int16(p[j + 2] &- 0x30)
            var mm: Int16 = 0
            var k = j + 3
            if k < n, p[k] == 0x3A { k += 1 }
            if k + 2 <= n, isDigit(p[k]), isDigit(p[k + 1]) {
                mm = Int16(p[k] &- 0x30) * 10 + Int16(p[k + 1] &- 0x30)
                k += 2
            }
            c.time.hasOffset = true
            c.time.offsetMinutes = sign * (hh * 60 + mm)
            j = k
        }
        return (c.time, j, comma)
    }

    /// A run of non-space bytes from `start`.
    @inline(__always)
    static func token(_ p: Bytes, _ n: Int, _ start: Int) -> (start: Int, end: Int) {
        var i = start
        while i < n, p[i] != 0x20 { i &+= 1 }
        return (start, i)
    }

    @inline(__always)
    static func number(_ p: Bytes, _ n: Int, _ start: Int, maxDigits: Int) -> (Int, Int)? {
        var i = start
        var v = 0
        while i < n, isDigit(p[i]), i - start < maxDigits {
            v = v &* 10 &+ Int(p[i] &- 0x30)
            i += 1
        }
        return i > start ? (v, i) : nil
    }

    /// `user.warn`, `kern.err`: letters, one dot, letters.
    static func isFacilityLevel(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
        var dot = -1
        for i in s..<e {
            if p[i] == 0x2E {
                if dot >= 0 { return false }
                dot = i
            } else if !isLetter(p[i]) && !isDigit(p[i]) {
                return false
            }
        }
        return dot > s && dot < e - 1
    }

    @inline(__always)
    static func isKernelProgram(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
        e - s == 6 && p[s] == 0x6B && p[s + 1] == 0x65 && p[s + 2] == 0x72 && p[s + 3] == 0x6E && p[s + 4] == 0x65
            && p[s + 5] == 0x6C
    }

    /// English three-letter month, case as syslog prints it; 0 when not a month.
    @inline(__always)
    static func englishMonth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        let key = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        switch key {
        case 0x4A616E: return 1   // Jan
        case 0x466562: return 2   // Feb
        case 0x4D6172: return 3   // Mar
        case 0x417072: return 4   // Apr
        case 0x4D6179: return 5   // May
        case 0x4A756E: return 6   // Jun
        case 0x4A756C: return 7   // Jul
        case 0x417567: return 8   // Aug
        case 0x536570: return 9   // Sep
        case 0x4F6374: return 10  // Oct
        case 0x4E6F76: return 11  // Nov
        case 0x446563: return 12  // Dec
        default: return 0
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
}
