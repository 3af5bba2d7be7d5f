import OOMLensSinkAPI

/// Decodes the line `dump_stack()` prints about the current task: its pid, uid, name and the kernel release.
///
/// - `Pid: %d, comm: %.20s %s %s %.*s` (by 2.6.24 – 3.9, x86)
/// - `CPU: %d PID: %d Comm: %.20s %s %s %.*s` (3.10–6.10), with `Kdump: loaded ` before the taint on 5.x
/// - `CPU: %d UID: %u PID: %d Comm: …` (6.11+)
///
/// The taint is `Not tainted` or `Tainted: <letters and spaces>`; the release is the first token after it
/// that starts with a digit (kernel-oom-report-format.md §2.3). Only the first such line of a report counts:
/// later ones come from other dumps interleaved with it.
enum TaskIdentityLineDecoder {
    /// - Returns: true when `text` is a `CPU: … PID:` or `Pid: …, comm:` line.
    static func decode(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        var scanner = LineScanner(text)
        var uid: Int64?
        let pid: Int64
        if scanner.skip("CPU: ") {
            guard scanner.readInteger() != nil else { return false }
            if scanner.skip(" UID: ") { uid = scanner.readInteger() }
            guard scanner.skip(" PID: "), let value = scanner.readInteger(), scanner.skip(" Comm: ") else {
                return false
            }
            pid = value
            if uid != nil { state.evidence.cpuLineWithUID = true }
        } else if scanner.skip("Pid: ") {
            guard let value = scanner.readInteger(), scanner.skip(", comm: ") else { return false }
            pid = value
        } else {
            return false
        }
        guard !state.sawTaskIdentityLine else { return true }
        state.sawTaskIdentityLine = true

        let (comm, release) = splitCommAndRelease(scanner.rest)
        var trigger = event.trigger ?? OOMEvent.Trigger()
        trigger.pid = TextParsing.int(pid)
        if let uid { trigger.uid = TextParsing.int(uid) }
        if trigger.comm == nil, !comm.isEmpty { trigger.comm = String(comm) }
        event.trigger = trigger
        if let release, event.kernel.release == nil { event.kernel.release = String(release) }
        return true
    }

    /// Splits `<comm> [Kdump: loaded ]Not tainted|Tainted: <flags> <release> #…` into the name and release.
    private static func splitCommAndRelease(_ text: Substring) -> (Substring, Substring?) {
        let notTainted = TextParsing.range(of: " Not tainted", in: text)
        let tainted = TextParsing.range(of: " Tainted: ", in: text)
        let marker: Range<Substring.Index>?
        switch (notTainted, tainted) {
        case let (a?, b?): marker = a.lowerBound < b.lowerBound ? a : b
        case let (a?, nil): marker = a
        case let (nil, b?): marker = b
        case (nil, nil): marker = nil
        }
        guard let marker else { return (TextParsing.trimmed(text), nil) }
        var comm = text[..<marker.lowerBound]
        if let kdump = TextParsing.range(of: " Kdump: ", in: comm) { comm = comm[..<kdump.lowerBound] }
        let release = TextParsing.tokens(text[marker.upperBound...]).first(where: TextParsing.startsWithDigit)
        return (comm, release)
    }
}
