/// One generated OOM report split for the follow-latency bench: the lines up to the kill line, then the kill
/// line alone (the `oom_reaper:` line after it is left out, so the kill line is the report's last line).
struct LatencyReport {
    /// The lines before the kill line, each with its syslog prefix and line feed.
    var head: [UInt8]
    /// The `Killed process` line, with its prefix and line feed.
    var killLine: [UInt8]
    /// The victim's PID, as the kill line names it (the event's `victim.pid`).
    var victimPID: Int

    /// Builds the next report for `host`, advancing `clock` by a second per report.
    init(host: HostProfile, hostIndex: Int, clock: inout SyslogClock, random: inout SeededRandom) {
        let block = OOMReportWriter.makeReport(host: host, hostIndex: hostIndex, random: &random)
        let marker = Array("Killed process ".utf8)
        var uptime = SyslogPrefix.uptimeMicroseconds(host: host, clock: clock, random: &random)
        var buffer = TextBuffer(capacity: 32 * 1024)
        var kill: [UInt8] = []
        var victim = 0
        for index in block.lines.indices {
            let text = block.lineText(index)
            if index > 0 && !block.lines[index].continuesRecord { uptime += Int64(random.inRange(3...600)) }
            var line = TextBuffer(capacity: 512)
            SyslogPrefix.appendKernel(to: &line, clock: &clock, host: host, uptimeMicroseconds: uptime)
            line.append(text)
            line.newline()
            if let at = Self.find(marker, in: text) {
                kill = line.bytes
                victim = Self.number(in: text, from: at + marker.count)
                break
            }
            buffer.append(line)
        }
        clock.advance(by: 1000)
        head = buffer.bytes
        killLine = kill
        victimPID = victim
    }

    /// The index in `text` where `needle` starts, if it occurs.
    static func find(_ needle: [UInt8], in text: ArraySlice<UInt8>) -> Int? {
        guard text.count >= needle.count else { return nil }
        var i = text.startIndex
        while i + needle.count <= text.endIndex {
            if text[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func number(in text: ArraySlice<UInt8>, from start: Int) -> Int {
        var value = 0
        var i = start
        while i < text.endIndex, text[i] >= 0x30, text[i] <= 0x39 {
            value = value * 10 + Int(text[i] - 0x30)
            i += 1
        }
        return value
    }
}
