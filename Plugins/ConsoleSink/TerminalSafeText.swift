import Foundation
import OOMLensSinkAPI

/// Makes log-derived text safe to print on a terminal: a process name, host or cgroup comes from whoever wrote
/// the log, and must neither send escape sequences to the terminal nor start a line that looks like the report's.
///
/// Control characters (C0, DEL, C1) and the bidirectional overrides that reorder text on screen are written as
/// visible escapes: `\n`, `\r`, `\t`, `\e`, or `\u{XXXX}`. A backslash is doubled so that the escapes stay
/// unambiguous.
enum TerminalSafeText {
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default:
                if needsEscape(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0x5C: true
        default: false
        }
    }

    /// The event with every string in it (values and dictionary keys) made visible. Events are rare, so this
    /// goes through the event's JSON form rather than naming every field.
    static func visible(_ event: OOMEvent) -> OOMEvent {
        guard let data = try? JSONEncoder().encode(event),
              let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let cleaned = try? JSONSerialization.data(withJSONObject: clean(tree), options: [.fragmentsAllowed]),
              let result = try? JSONDecoder().decode(OOMEvent.self, from: cleaned)
        else { return event }
        return result
    }

    private static func clean(_ value: Any) -> Any {
        switch value {
        case let s as String: return visible(s)
        case let array as [Any]: return array.map(clean)
        case let object as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in object { out[visible(k)] = clean(v) }
            return out
        default: return value
        }
    }
}
