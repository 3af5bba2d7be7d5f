import ArgumentParser

/// The `oomlens-bench` command: writes realistic syslog rotation sets and measures `oomlens` against
/// `zcat | grep` on them.
@main
struct OOMLensBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oomlens-bench",
        abstract: "Generate syslog corpora and benchmark oomlens against zcat | grep on them.",
        discussion: """
            Typical use: `oomlens-bench generate --out /tmp/oomlens-corpus --size 1GB`, then \
            `oomlens-bench run /tmp/oomlens-corpus`; `oomlens-bench follow-latency` times follow mode from a \
            report's last line to its event. See docs/benchmarks.md.
            """,
        subcommands: [GenerateCommand.self, BenchmarkRunCommand.self, ScalingCommand.self, FollowLatencyCommand.self]
    )

    /// Starts as a ``MeasuringLauncher`` when asked to, else parses the command line as usual.
    static func main() {
        MeasuringLauncher.runIfRequested()
        main(nil)
    }
}
