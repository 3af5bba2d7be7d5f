import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line description of the machine a benchmark runs on, for the report header.
enum MachineDescription {
    /// For example `2 cores (AMD EPYC 7B13), 23.5 GiB RAM, Linux 6.1.0-18-amd64`.
    static func current() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        var parts = ["\(cores) core\(cores == 1 ? "" : "s")" + (cpuModel().map { " (\($0))" } ?? "")]
        if let memoryKB = memoryTotalKB() {
            parts.append(Format.fixed(Double(memoryKB) / 1_048_576, 1) + " GiB RAM")
        }
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: names.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        parts.append("Linux " + release)
        return parts.joined(separator: ", ")
    }

    /// The current time as `2025-03-01 12:00 UTC`.
    static func now() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date())
    }

    private static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static func memoryTotalKB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            return line.split(separator: " ").compactMap { Int($0) }.first
        }
        return nil
    }
}
