/// The `zcat | grep` baseline that every benchmark compares oomlens with: `zcat <gz files> | grep -c` and
/// `grep -c <plain files>`, whose wall times add up to the baseline.
enum BaselineCommands {
    /// The line every baseline command counts.
    static let pattern = "invoked oom-killer"

    /// The baseline's parts for the files of `inventory` (one per kind of file present).
    static func parts(_ inventory: CorpusInventory) -> [MeasuredCommand] {
        let gzip = inventory.gzipFiles
        let plain = inventory.plainFiles
        let quotedPattern = "'\(pattern)'"
        var commands: [MeasuredCommand] = []
        if !gzip.isEmpty {
            commands.append(MeasuredCommand(
                label: "zcat <\(gzip.count) gz> | grep -c \(quotedPattern)",
                arguments: ["/bin/sh", "-c", "zcat -- \"$@\" | grep -c \(quotedPattern)", "sh"] + gzip.map(\.path),
                standardOutput: .pipe, inputBytes: gzip.reduce(0) { $0 + $1.bytes },
                inputLines: gzip.reduce(0) { $0 + $1.lines }, successfulExitCodes: [0, 1], isBaselinePart: true))
        }
        if !plain.isEmpty {
            commands.append(MeasuredCommand(
                label: "grep -c \(quotedPattern) <\(plain.count) plain>",
                arguments: ["grep", "-c", pattern, "--"] + plain.map(\.path),
                standardOutput: .pipe, inputBytes: plain.reduce(0) { $0 + $1.bytes },
                inputLines: plain.reduce(0) { $0 + $1.lines }, successfulExitCodes: [0, 1], isBaselinePart: true))
        }
        return commands
    }
}
