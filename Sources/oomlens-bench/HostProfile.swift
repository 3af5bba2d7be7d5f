/// One machine whose lines appear in the generated log: its name, kernel, memory and the programs it runs.
struct HostProfile: Sendable {
    /// What the machine mostly runs; decides the application processes in its OOM task tables.
    enum Role: Sendable {
        case web, database, worker, cache, build
    }

    var name: String
    var role: Role
    var kernel: KernelProfile
    /// Installed memory in GiB.
    var memoryGiB: Int
    /// Swap size in kB (0 = no swap).
    var swapKB: Int
    /// Whether rsyslog keeps the kernel's `[seconds.micros]` stamp in kernel lines.
    var printsUptime: Bool
    /// How long before the corpus start the machine booted, in seconds.
    var bootedSecondsBeforeStart: Int64
    /// The DMI string on the `Hardware name:` line.
    var hardwareName: String
    /// Share of this host's OOM reports that are memory-cgroup (container) OOMs.
    var memcgShare: Double
    /// Relative share of the log's lines that come from this host.
    var lineWeight: Int
    /// Relative share of the OOM reports that come from this host.
    var reportWeight: Int

    /// The hosts of every generated corpus, one per kernel era.
    static let all: [HostProfile] = [
        HostProfile(name: "web-01", role: .web, kernel: .ubuntu5_4, memoryGiB: 8, swapKB: 2_097_148,
                    printsUptime: true, bootedSecondsBeforeStart: 3_456_789,
                    hardwareName: "QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.13.0-1ubuntu1.1 04/01/2014",
                    memcgShare: 0, lineWeight: 30, reportWeight: 25),
        HostProfile(name: "db-01", role: .database, kernel: .ubuntu5_15, memoryGiB: 32, swapKB: 0,
                    printsUptime: false, bootedSecondsBeforeStart: 15_180_285,
                    hardwareName: "Dell Inc. PowerEdge R640/0H28RR, BIOS 2.17.1 11/15/2022",
                    memcgShare: 0, lineWeight: 20, reportWeight: 15),
        HostProfile(name: "worker-03", role: .worker, kernel: .debian6_1, memoryGiB: 16, swapKB: 0,
                    printsUptime: false, bootedSecondsBeforeStart: 864_512,
                    hardwareName: "Amazon EC2 m5.xlarge/, BIOS 1.0 10/16/2017",
                    memcgShare: 0.6, lineWeight: 25, reportWeight: 30),
        HostProfile(name: "cache-01", role: .cache, kernel: .ubuntu6_8, memoryGiB: 8, swapKB: 1_048_572,
                    printsUptime: true, bootedSecondsBeforeStart: 75_669,
                    hardwareName: "QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.3-debian-1.16.3-2 04/01/2014",
                    memcgShare: 0.2, lineWeight: 15, reportWeight: 15),
        HostProfile(name: "build-02", role: .build, kernel: .debian6_12, memoryGiB: 16, swapKB: 4_194_300,
                    printsUptime: false, bootedSecondsBeforeStart: 1_234_567,
                    hardwareName: "To Be Filled By O.E.M. To Be Filled By O.E.M./Z77 Extreme6, BIOS P2.80 07/01/2013",
                    memcgShare: 0.3, lineWeight: 10, reportWeight: 15),
    ]

    static let lineWeights = all.map(\.lineWeight)
    static let reportWeights = all.map(\.reportWeight)
}
