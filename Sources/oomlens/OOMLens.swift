import ArgumentParser

/// The `oomlens` command: finds, decodes and explains kernel OOM-killer reports in logs.
@main
struct OOMLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oomlens",
        abstract: "Find, decode and explain Linux OOM-killer reports in syslogs, dmesg and journalctl output.",
        subcommands: [RunCommand.self, FollowCommand.self, ValidateCommand.self, StagesCommand.self, SchemaCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
