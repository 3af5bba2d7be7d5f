/// Decodes the lines that end a report without (or besides) a kill (kernel-oom-report-format.md §6.5–6.7):
///
/// - `Out of memory and no killable processes...` (a panic message up to 4.14, a warning from 4.19)
/// - `Kernel panic - not syncing: …`: with `panic_on_oom` in it (every era's wording), or another reason
///   about memory such as `System is deadlocked on memory` (other panics are not the report's)
/// - `<msg>: OOM victim %d (%s) is already exiting. Skip killing the task` (5.15+)
/// - `OOM request ignored. No task eligible` (SysRq-f)
enum OutcomeLineDecoder {
    /// - Returns: true when `text` is one of these lines.
    static func decode(_ text: Substring, state: inout DecodingState) -> Bool {
        var matched = false
        if TextParsing.contains("Out of memory and no killable processes", in: text) {
            state.sawNoKillableProcess = true
            matched = true
        }
        if text.hasBytePrefix("Kernel panic - not syncing: ") {
            if TextParsing.contains("panic_on_oom", in: text) {
                state.sawPanicOnOOM = true
                matched = true
            } else if TextParsing.contains("memory", in: text) {
                state.sawPanic = true
                matched = true
            }
        }
        if TextParsing.contains("is already exiting. Skip killing the task", in: text) {
            state.sawVictimAlreadyExiting = true
            matched = true
        }
        if text.hasBytePrefix("OOM request ignored") {
            state.sawRequestIgnored = true
            matched = true
        }
        return matched
    }

    /// The `outcome` value: a panic_on_oom panic first, then the reason no victim was killed, then a plain
    /// panic, then `killed` when a victim is known.
    static func outcome(of state: DecodingState, hasVictim: Bool) -> String? {
        if state.sawPanicOnOOM { return "panic-on-oom" }
        if state.sawNoKillableProcess { return "no-killable-process" }
        if state.sawPanic { return "panic" }
        if hasVictim { return "killed" }
        if state.sawVictimAlreadyExiting { return "victim-already-exiting" }
        if state.sawRequestIgnored { return "request-ignored" }
        return nil
    }
}
