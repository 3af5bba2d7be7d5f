import Foundation
import OOMLensSinkAPI

/// Generates the damaged and hostile inputs of the corrupt-input corpus: cut, flipped and padded gzip members,
/// NULs, an enormous line, binary noise, interleaved hosts, a huge task table and reports that never end.
///
/// Everything is built from the report synthesiser with fixed seeds, so a failure repeats. Large inputs are
/// written straight to disk in pieces, never held whole in memory.
public enum CorruptCorpus {
    /// A clean syslog with `reports` synthesised OOM reports from several hosts, with other programs' lines
    /// between them: the text the damaged gzip cases start from.
    public static func baseLog(reports: Int = 40, seed: UInt64 = 7) -> (text: [UInt8], reports: [SynthesizedReport]) {
        var generator = SynthesizedParameterGenerator(seed: seed)
        let eras: [SynthesizedKernelEra] = [.linux3_10, .linux4_19, .linux6_1, .memcgV2, .linux4_8, .memcgV1]
        var synthesized: [SynthesizedReport] = []
        var entries: [SynthesizedLogEntry] = []
        for i in 0..<reports {
            let host = "node\(i % 5)"
            let report = ReportSynthesizer.synthesize(generator.parameters(for: eras[i % eras.count], host: host))
            synthesized.append(report)
            let noise = (0..<40).map { k in
                SynthesizedLogEntry.program(host: host, line: NoiseWriter.syslogLines[(i + k) % NoiseWriter.syslogLines.count])
            }
            entries += noise + report.entries
        }
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        return (Array(LogPrefixWriter.fileText(writer.render(entries)).utf8), synthesized)
    }

    /// One report of `host` as syslog lines.
    public static func reportLines(host: String, era: SynthesizedKernelEra = .linux6_1, seed: UInt64 = 11,
                                   tasks: Int? = nil) -> (lines: [String], report: SynthesizedReport) {
        var generator = SynthesizedParameterGenerator(seed: seed)
        var parameters = generator.parameters(for: era, host: host)
        if let tasks {
            // A crowded host: the victim keeps the largest RSS, the other rows are small daemons.
            let victim = parameters.tasks.first { $0.pid == parameters.victim.pid } ?? parameters.tasks[0]
            parameters.tasks = (0..<tasks).map { i in
                if i == tasks / 2 { return victim }
                return SynthesizedTask(pid: 100_000 + i, uid: 1000, totalVMPages: 4096 + Int64(i % 97),
                                       rssPages: 100 + Int64(i % 1000), pageTablePages: 12, name: "worker-\(i)")
            }
        }
        let report = ReportSynthesizer.synthesize(parameters)
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        return (writer.render(report.entries), report)
    }

    // MARK: - damaged gzip

    /// The member cut after every `step` bytes: `(cut offset, bytes)`.
    public static func cuts(of member: [UInt8], every step: Int = 4096) -> [(offset: Int, bytes: [UInt8])] {
        stride(from: step, to: member.count, by: step).map { ($0, Array(member[0..<$0])) }
    }

    /// The member with one byte of its deflate data inverted, `fraction` of the way through the data.
    public static func flippedDeflateByte(_ member: [UInt8], at fraction: Double = 0.5) -> (offset: Int, bytes: [UInt8]) {
        // The data sits between the 10-byte header (no optional fields here) and the 8-byte trailer.
        let offset = 10 + Int(Double(member.count - 18) * fraction)
        var bytes = member
        bytes[offset] ^= 0xFF
        return (offset, bytes)
    }

    /// The member with its CRC-32 (the trailer's first 4 bytes) changed.
    public static func badCRC(_ member: [UInt8]) -> [UInt8] {
        var bytes = member
        bytes[bytes.count - 8] ^= 0x5A
        return bytes
    }

    /// The member with its ISIZE (the trailer's last 4 bytes: the length modulo 2^32) changed.
    public static func badLength(_ member: [UInt8]) -> [UInt8] {
        var bytes = member
        bytes[bytes.count - 4] &+= 1
        return bytes
    }

    /// The member followed by bytes that are not a gzip member.
    public static func garbageAfter(_ member: [UInt8], _ garbage: [UInt8] = Array("not gzip: tail of a copy\n".utf8))
        -> [UInt8]
    {
        member + garbage
    }

    // MARK: - hostile plain files

    /// `count` NUL bytes and no line feed.
    public static func writeNULs(to path: String, count: Int) {
        writeRepeated(to: path, byte: 0, count: count, before: [], after: [])
    }

    /// `before`, then one line of `count` bytes `x`, then `after`.
    public static func writeHugeLine(to path: String, count: Int, before: [String], after: [String]) {
        writeRepeated(to: path, byte: 0x78, count: count, before: Array(LogPrefixWriter.fileText(before).utf8),
                      after: [0x0A] + Array(LogPrefixWriter.fileText(after).utf8))
    }

    /// `count` pseudo-random bytes (never starting with a compression magic number).
    public static func binary(count: Int, seed: UInt64 = 99) -> [UInt8] {
        var random = SynthSeededRandom(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            var word = random.next()
            for _ in 0..<8 where i < count {
                bytes[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
        if count > 0 { bytes[0] = 0x7F }
        return bytes
    }

    /// Two hosts' reports, their messages shuffled into each other.
    public static func interleavedHosts(seed: UInt64 = 5) -> (lines: [String], reports: [SynthesizedReport]) {
        var generator = SynthesizedParameterGenerator(seed: seed)
        let a = ReportSynthesizer.synthesize(generator.parameters(for: .linux6_1, host: "alpha"))
        let b = ReportSynthesizer.synthesize(generator.parameters(for: .linux4_19, host: "bravo"))
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        return (writer.render(SynthesizedLogInterleaver.merge([a.entries, b.entries], seed: seed)), [a, b])
    }

    /// `count` OOM headers and nothing else, from `hosts` hosts in turn.
    public static func writeHeadersWithoutEnd(to path: String, count: Int, hosts: Int) {
        writeLines(to: path, count: count) { i in
            "Feb  2 04:10:01 h\(i % hosts) kernel: stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|"
                + "__GFP_COMP), order=0, oom_score_adj=0\n"
        }
    }

    // MARK: - writing

    private static func writeRepeated(to path: String, byte: UInt8, count: Int, before: [UInt8], after: [UInt8]) {
        let chunk = [UInt8](repeating: byte, count: 1 << 20)
        withFile(path) { write in
            write(before)
            var left = count
            while left > 0 {
                let n = min(left, chunk.count)
                write(n == chunk.count ? chunk : Array(chunk[0..<n]))
                left -= n
            }
            write(after)
        }
    }

    private static func writeLines(to path: String, count: Int, _ line: (Int) -> String) {
        withFile(path) { write in
            var pending: [UInt8] = []
            pending.reserveCapacity(1 << 20)
            for i in 0..<count {
                pending += line(i).utf8
                if pending.count >= 1 << 20 {
                    write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            write(pending)
        }
    }

    private static func withFile(_ path: String, _ body: (([UInt8]) -> Void) -> Void) {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        defer { try? handle.close() }
        body { bytes in handle.write(Data(bytes)) }
    }
}
