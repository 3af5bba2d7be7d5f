/// A strict reader of the text exposition format for the tests: `# HELP`/`# TYPE` lines and samples, label
/// values with only the `\\`, `\"` and `\n` escapes. Returns nil on anything else.
public func parseExposition(_ text: String) -> (samples: [PromSample], types: [String: String])? {
    var samples: [PromSample] = []
    var types: [String: String] = [:]
    guard text.hasSuffix("\n") else { return nil }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        if line.hasPrefix("# HELP ") { continue }
        if line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            guard parts.count == 4 else { return nil }
            types[String(parts[2])] = String(parts[3])
            continue
        }
        var chars = Array(line)
        var i = 0
        var name = ""
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == ":" {
            name.append(chars[i])
            i += 1
        }
        guard !name.isEmpty else { return nil }
        var labels: [String: String] = [:]
        if i < chars.count, chars[i] == "{" {
            i += 1
            while i < chars.count, chars[i] != "}" {
                var key = ""
                while i < chars.count, chars[i] != "=" {
                    key.append(chars[i])
                    i += 1
                }
                guard i + 1 < chars.count, chars[i + 1] == "\"" else { return nil }
                i += 2
                var value = ""
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\" {
                        guard i + 1 < chars.count else { return nil }
                        switch chars[i + 1] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: return nil
                        }
                        i += 2
                    } else {
                        value.append(chars[i])
                        i += 1
                    }
                }
                guard i < chars.count, labels[key] == nil else { return nil }
                labels[key] = value
                i += 1
                if i < chars.count, chars[i] == "," { i += 1 }
            }
            guard i < chars.count else { return nil }
            i += 1
        }
        guard i < chars.count, chars[i] == " " else { return nil }
        chars.removeFirst(i + 1)
        guard let value = Double(String(chars)) else { return nil }
        samples.append(PromSample(name: name, labels: labels, value: value))
    }
    return (samples, types)
}
