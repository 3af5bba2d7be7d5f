import OOMLensSinkAPI

/// Decodes the lines that say who triggered the report and how: the `invoked oom-killer:` line in its five
/// historical forms, the `<comm> cpuset=… mems_allowed=…` line, and the `page allocation failure` line.
enum TriggerLineDecoder {
    private static let anchor = " invoked oom-killer: "
    private static let commlessPrefix = "oom-killer: "
    private static let allocationFailureAnchor = ": page allocation failure"

    /// The trigger line (kernel-oom-report-format.md §2.1):
    ///
    /// - `oom-killer: gfp_mask=0x%x[, order=%d]` (up to 2.6.18, no task name)
    /// - `%s invoked oom-killer: gfp_mask=0x%x, order=%d, oomkilladj=%d` (2.6.19–2.6.31)
    /// - `…, order=%d, oom_adj=%d` (2.6.32–2.6.35), `…, oom_adj=%d, oom_score_adj=%d` (2.6.36–3.5)
    /// - `…, order=%d, oom_score_adj=%hd` (3.8+), with `gfp_mask=%#x(%pGg)` from 4.6 and
    ///   `, nodemask=%*pbl` before `order` in 4.10–4.20.
    ///
    /// The task name may hold spaces, colons and parentheses, so it is everything before the first
    /// ` invoked oom-killer: `. Only the first trigger line of a report is used.
    /// - Returns: true when `text` is a trigger line.
    static func decodeTrigger(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        // A report has one trigger line, and the assembler starts every report at it: skip the search after it.
        if state.gfpMaskKnown { return false }
        let comm: Substring?
        let parameters: Substring
        if text.hasBytePrefix(commlessPrefix) {
            comm = nil
            parameters = text.dropFirst(commlessPrefix.count)
        } else if let range = TextParsing.range(of: anchor, in: text) {
            comm = text[..<range.lowerBound]
            parameters = text[range.upperBound...]
        } else {
            return false
        }
        guard parameters.hasBytePrefix("gfp_mask=") else { return false }
        var trigger = event.trigger ?? OOMEvent.Trigger()
        guard trigger.gfp_mask == nil else { return true }

        var scanner = LineScanner(parameters)
        _ = scanner.skip("gfp_mask=")
        trigger.gfp_mask = scanner.readHexLiteral().map(String.init)
        var printedFlags = false
        if scanner.skip("("), let flags = scanner.readUntil(")") {
            trigger.gfp_flags_printed = flagNames(flags)
            printedFlags = true
        }
        var sawOomkilladj = false
        var sawOomAdj = false
        var sawScoreAdj = false
        var sawNodemask = false
        for (key, value) in keyValues(scanner.rest) {
            switch key {
            case "order": trigger.order = TextParsing.int(TextParsing.integer(value))
            case "oomkilladj":
                trigger.oomkilladj = TextParsing.int(TextParsing.integer(value))
                sawOomkilladj = true
            case "oom_adj":
                trigger.oom_adj = TextParsing.int(TextParsing.integer(value))
                sawOomAdj = true
            case "oom_score_adj":
                trigger.oom_score_adj = TextParsing.int(TextParsing.integer(value))
                sawScoreAdj = true
            case "nodemask":
                trigger.nodemask = String(value)
                sawNodemask = true
            default: break
            }
        }
        if let comm, trigger.comm == nil { trigger.comm = String(comm) }
        event.trigger = trigger

        if comm == nil {
            state.evidence.trigger = .noComm
        } else if sawOomkilladj {
            state.evidence.trigger = .oomkilladj
        } else if sawOomAdj {
            state.evidence.trigger = sawScoreAdj ? .oomAdjAndScoreAdj : .oomAdj
        } else if printedFlags {
            state.evidence.trigger = sawNodemask ? .scoreAdjWithFlagsAndNodemask : .scoreAdjWithFlags
        } else {
            state.evidence.trigger = .scoreAdj
        }
        return true
    }

    /// The cpuset line `%s cpuset=%s mems_allowed=%s` (2.6.29–4.20).
    /// - Returns: true when `text` is a cpuset line.
    static func decodeCpuset(_ text: Substring, into event: inout OOMEvent) -> Bool {
        guard let cpusetRange = TextParsing.range(of: " cpuset=", in: text),
              let memsRange = TextParsing.lastRange(of: " mems_allowed=", in: text),
              memsRange.lowerBound >= cpusetRange.upperBound
        else { return false }
        var trigger = event.trigger ?? OOMEvent.Trigger()
        if trigger.cpuset == nil { trigger.cpuset = String(text[cpusetRange.upperBound..<memsRange.lowerBound]) }
        if trigger.mems_allowed == nil {
            trigger.mems_allowed = String(TextParsing.trimmed(text[memsRange.upperBound...]))
        }
        event.trigger = trigger
        return true
    }

    /// The allocation-failure warning, which plays the trigger's part in an `allocation-failure` report:
    /// `%s: page allocation failure. order:%d, mode:0x%x` (2.6), `%s: page allocation failure: order:%u,
    /// mode:%#x(%pGg)[, nodemask=%*pbl][,cpuset=%s,mems_allowed=%*pbl]` (4.x–6.x).
    /// - Returns: true when `text` is such a line.
    static func decodeAllocationFailure(_ text: Substring, into event: inout OOMEvent) -> Bool {
        guard let anchorRange = TextParsing.range(of: allocationFailureAnchor, in: text) else { return false }
        var trigger = event.trigger ?? OOMEvent.Trigger()
        guard trigger.gfp_mask == nil else { return true }
        trigger.comm = trigger.comm ?? String(text[..<anchorRange.lowerBound])
        let rest = text[anchorRange.upperBound...]
        if let orderRange = TextParsing.range(of: "order:", in: rest) {
            var scanner = LineScanner(rest[orderRange.upperBound...])
            trigger.order = TextParsing.int(scanner.readInteger())
        }
        if let modeRange = TextParsing.range(of: "mode:", in: rest) {
            var scanner = LineScanner(rest[modeRange.upperBound...])
            trigger.gfp_mask = scanner.readHexLiteral().map(String.init)
            if scanner.skip("("), let flags = scanner.readUntil(")") {
                trigger.gfp_flags_printed = flagNames(flags)
            }
        }
        if let nodemaskRange = TextParsing.range(of: "nodemask=", in: rest) {
            let value = rest[nodemaskRange.upperBound...]
            let end = TextParsing.range(of: ",cpuset=", in: value)?.lowerBound ?? value.endIndex
            trigger.nodemask = String(TextParsing.trimmed(value[..<end]))
        }
        if let cpusetRange = TextParsing.range(of: ",cpuset=", in: rest),
           let memsRange = TextParsing.range(of: ",mems_allowed=", in: rest),
           memsRange.lowerBound >= cpusetRange.upperBound
        {
            trigger.cpuset = String(rest[cpusetRange.upperBound..<memsRange.lowerBound])
            trigger.mems_allowed = String(TextParsing.trimmed(rest[memsRange.upperBound...]))
        }
        event.trigger = trigger
        return true
    }

    /// The names inside `(…)` after the mask, split on `|` (an empty list for `()`).
    private static func flagNames(_ text: Substring) -> [String] {
        TextParsing.split(text, separator: "|").map { String(TextParsing.trimmed($0)) }
    }

    /// Splits `, key=value, key=value` (values may hold commas, as `nodemask=0-1,3` does, but not `, `).
    private static func keyValues(_ text: Substring) -> [(Substring, Substring)] {
        var result: [(Substring, Substring)] = []
        for part in TextParsing.split(text, separator: ", ") {
            let item = TextParsing.trimmed(part)
            guard let equals = TextParsing.index(of: UInt8(ascii: "="), in: item) else { continue }
            result.append((item[..<equals], item[item.index(after: equals)...]))
        }
        return result
    }
}
