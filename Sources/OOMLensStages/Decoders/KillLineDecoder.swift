import OOMLensSinkAPI

/// Decodes the conclusion lines that name processes (kernel-oom-report-format.md §6.1–6.4): the selection
/// line, the `Killed process` line in every variant, the `oom_reaper:` line, and the memory.oom.group opener.
enum KillLineDecoder {
    /// What ends the name inside `(…)`, tried in this order; the last occurrence in the line is used, so a
    /// name may hold `)` and spaces.
    private static let commEnds = ["), UID ", ") total-vm:", ") vsz:", "), now ", ") score "]

    /// `<msg>: Kill process %d (%s) score %d or sacrifice child` (2.6.36–5.0), `<msg>: kill process … or a
    /// child` (2.6.20–2.6.35), `Out of Memory: Kill process … and children.` (≤2.6.19). The first one wins.
    /// - Returns: true when `text` is a selection line.
    static func decodeSelection(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        guard let range = TextParsing.range(of: "Kill process ", in: text)
                ?? TextParsing.range(of: "kill process ", in: text),
              let scoreRange = TextParsing.lastRange(of: ") score ", in: text),
              scoreRange.lowerBound > range.upperBound
        else { return false }
        var scanner = LineScanner(text[range.upperBound...])
        guard let pid = scanner.readInteger().flatMap({ Int(exactly: $0) }), scanner.skip(" (") else { return false }
        let comm = text[scanner.position..<scoreRange.lowerBound]
        var scoreScanner = LineScanner(text[scoreRange.upperBound...])
        let score = scoreScanner.readInteger().flatMap { Int(exactly: $0) }
        state.evidence.selectionLine = true
        guard event.kill == nil else { return true }
        event.kill = OOMEvent.Kill(pid: pid, comm: String(comm), score: score)
        recordMessage(text[..<range.lowerBound], into: &event)
        return true
    }

    /// `[<msg>: ]Killed process …` in all its forms:
    ///
    /// - `Killed process %d (%s)[.]` (≤2.6.32; with `Out of Memory: ` before it up to 2.6.19)
    /// - `… (%s) vsz:%lukB, anon-rss:%lukB, file-rss:%lukB` (2.6.33–2.6.35)
    /// - `… (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB[, shmem-rss:%lukB]` (2.6.36–5.0)
    /// - `<msg>: Killed process … shmem-rss:%lukB[, UID:%u pgtables:%lukB oom_score_adj:%hd]` (5.1+)
    /// - RHEL 6 `Killed process %d, UID %d, (%s) total-vm:…`, RHEL 7 `Killed process %d (%s), UID %d, total-vm:…`
    ///
    /// The first goes to `victim`; after the memory.oom.group line every one goes to `group_kills`.
    /// - Returns: true when `text` is a `Killed process` line.
    static func decodeKilled(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        guard let range = TextParsing.range(of: "Killed process ", in: text) else { return false }
        var scanner = LineScanner(text[range.upperBound...])
        guard let pid = scanner.readInteger().flatMap({ Int(exactly: $0) }) else { return false }
        var uid: Int?
        if scanner.skip(", UID ") {
            uid = scanner.readInteger().flatMap { Int(exactly: $0) }
            _ = scanner.skip(",")
        }
        scanner.skipSpaces()
        guard scanner.skip("("), let (comm, rest) = splitComm(scanner.rest) else { return false }
        var victim = OOMEvent.Victim(pid: pid, comm: String(comm))
        victim.uid = uid
        readMemoryFields(rest, into: &victim)

        let message = text[..<range.lowerBound]
        if TextParsing.contains("total-vm:", in: rest) {
            if message.isEmpty {
                state.evidence.killedWithoutMessage = true
            } else {
                state.evidence.killedWithMessage = true
            }
        }
        if TextParsing.contains("UID:", in: rest), TextParsing.contains("pgtables:", in: rest) {
            state.evidence.killedWithUIDAndPgtables = true
        }

        if state.inGroupKill {
            event.group_kills?.append(victim)
        } else if event.victim == nil {
            event.victim = victim
            recordMessage(message, into: &event)
        }
        return true
    }

    /// `oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB` (4.6+),
    /// and the `unable to reap` / `giving up` lines, which are recognised and skipped.
    /// - Returns: true when `text` is an `oom_reaper:` line.
    static func decodeReaper(_ text: Substring, into event: inout OOMEvent) -> Bool {
        guard text.hasBytePrefix("oom_reaper: ") else { return false }
        var scanner = LineScanner(text.dropFirst("oom_reaper: ".count))
        guard scanner.skip("reaped process "), let pid = scanner.readInteger().flatMap({ Int(exactly: $0) }),
              scanner.skip(" ("), let (comm, rest) = splitComm(scanner.rest)
        else { return true }
        guard event.reaped == nil else { return true }
        var reaped = OOMEvent.Victim(pid: pid, comm: String(comm))
        readMemoryFields(rest, into: &reaped)
        event.reaped = reaped
        return true
    }

    /// `Tasks in %s are going to be killed due to memory.oom.group set` (4.19+): the `Killed process`
    /// lines after it go to `group_kills`.
    /// - Returns: true when `text` is that line.
    static func decodeGroupKill(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        guard text.hasBytePrefix("Tasks in "), TextParsing.contains("memory.oom.group", in: text) else { return false }
        state.inGroupKill = true
        if event.group_kills == nil { event.group_kills = [] }
        return true
    }

    /// Splits `name) rest` (the text after the opening parenthesis) at the end of the name.
    private static func splitComm(_ text: Substring) -> (Substring, Substring)? {
        for end in commEnds {
            if let range = TextParsing.lastRange(of: end, in: text) {
                return (text[..<range.lowerBound], text[text.index(after: range.lowerBound)...])
            }
        }
        var body = TextParsing.trimmed(text)
        if body.hasByteSuffix(".") { body = body.dropLast() }
        guard body.hasByteSuffix(")") else { return nil }
        return (body.dropLast(), body[body.endIndex...])
    }

    /// Reads `total-vm:NkB, anon-rss:NkB, …, UID:N pgtables:NkB oom_score_adj:N` and RHEL 7's `, UID N,`.
    private static func readMemoryFields(_ text: Substring, into victim: inout OOMEvent.Victim) {
        let tokens = TextParsing.tokens(text, extraSeparator: UInt8(ascii: ","))
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "UID", index < tokens.count, let uid = TextParsing.integer(tokens[index]) {
                victim.uid = Int(exactly: uid)
                index += 1
                continue
            }
            guard let colon = TextParsing.index(of: UInt8(ascii: ":"), in: token) else { continue }
            let value = token[token.index(after: colon)...]
            switch token[..<colon] {
            case "total-vm", "vsz": victim.total_vm_kb = TextParsing.kilobytes(value, allowBare: true)
            case "anon-rss": victim.anon_rss_kb = TextParsing.kilobytes(value, allowBare: true)
            case "file-rss": victim.file_rss_kb = TextParsing.kilobytes(value, allowBare: true)
            case "shmem-rss": victim.shmem_rss_kb = TextParsing.kilobytes(value, allowBare: true)
            case "pgtables": victim.pgtables_kb = TextParsing.kilobytes(value, allowBare: true)
            case "UID": victim.uid = TextParsing.integer(value).flatMap { Int(exactly: $0) }
            case "oom_score_adj": victim.oom_score_adj = TextParsing.integer(value).flatMap { Int(exactly: $0) }
            default: break
            }
        }
    }

    /// Keeps the `<msg>` before the kill line (`Out of memory`, `Memory cgroup out of memory`, …).
    private static func recordMessage(_ prefix: Substring, into event: inout OOMEvent) {
        guard event.kill_message == nil else { return }
        var message = TextParsing.trimmed(prefix)
        if message.hasByteSuffix(":") { message = message.dropLast() }
        if !message.isEmpty { event.kill_message = String(message) }
    }
}
