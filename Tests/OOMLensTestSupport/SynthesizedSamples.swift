import OOMLensSinkAPI

/// One file of the project's `samples/` folder: its name, prefix style, the reports it holds and its lines.
public struct SynthesizedSampleFile: Sendable {
    /// The file name in `samples/`; a `.gz` name is written as text and compressed with `gzip -9n`.
    public var name: String
    public var style: LogPrefixStyle
    public var reports: [SynthesizedReport]
    public var lines: [String]
}

/// The hand-tuned reports and noise of the shipped `samples/` folder (see samples/README.md).
///
/// The files were written from these definitions, so a test can check that the shipped files still decode to
/// exactly these reports. The rotation set `syslog.2.gz`, `syslog.1`, `syslog` is a central rsyslog server's log
/// (several hosts, newlines of multi-line messages escaped as `#012`); `dmesg-6.1.txt` is a raw `dmesg`.
public enum SynthesizedSamples {
    /// Every sample file, oldest of the rotation set first.
    public static var all: [SynthesizedSampleFile] { [rotatedTwice, rotatedOnce, live, dmesg61] }

    // MARK: - syslog.2.gz: 32-bit lowmem exhaustion with HighMem free

    /// A 32-bit kiosk whose lowmem (DMA + Normal) is exhausted while 1.2 GB of HighMem is free.
    public static var lowmemReport: SynthesizedReport {
        let tasks = [
            SynthesizedTask(pid: 412, uid: 0, totalVMPages: 2913, rssPages: 211, pageTablePages: 8, oomScoreAdj: -1000,
                            name: "systemd-udevd"),
            SynthesizedTask(pid: 790, uid: 0, totalVMPages: 1637, rssPages: 95, pageTablePages: 6, name: "cron"),
            SynthesizedTask(pid: 1388, uid: 0, totalVMPages: 37521, rssPages: 11822, pageTablePages: 52, name: "Xorg"),
            SynthesizedTask(pid: 1529, uid: 1000, totalVMPages: 15322, rssPages: 1890, pageTablePages: 18,
                            name: "openbox"),
            SynthesizedTask(pid: 1561, uid: 1000, totalVMPages: 412_366, rssPages: 231_120, pageTablePages: 401,
                            oomScoreAdj: 300, name: "chromium"),
            SynthesizedTask(pid: 1604, uid: 1000, totalVMPages: 188_200, rssPages: 80112, pageTablePages: 190,
                            oomScoreAdj: 300, name: "chromium"),
            SynthesizedTask(pid: 2231, uid: 104, totalVMPages: 10220, rssPages: 2640, pageTablePages: 15,
                            name: "collectd"),
        ]
        let zones = [
            SynthesizedZone(node: nil, name: "DMA", freeKB: 3276, minKB: 64, lowKB: 80, highKB: 96, presentKB: 15984,
                            managedKB: 15908, lowmemReservePages: [0, 840, 3921, 3921],
                            freeBlocks: [3, 2, 3, 2, 1, 2, 1, 1, 0, 1, 0],
                            migrateTypes: ["U", "U", "UM", "M", "E", "UM", "M", "R", nil, "R", nil],
                            allUnreclaimable: true, pagesScanned: 31_722),
            SynthesizedZone(node: nil, name: "Normal", freeKB: 3212, minKB: 3700, lowKB: 4624, highKB: 5548,
                            presentKB: 890_872, managedKB: 860_596, lowmemReservePages: [0, 0, 24651, 24651],
                            freeBlocks: [418, 91, 26, 6, 1, 1, 0, 0, 0, 0, 0],
                            migrateTypes: ["UEM", "UEM", "UM", "M", "R", "R", nil, nil, nil, nil, nil],
                            allUnreclaimable: true, pagesScanned: 2_118_240),
            SynthesizedZone(node: nil, name: "HighMem", freeKB: 1_275_668, minKB: 512, lowKB: 640, highKB: 768,
                            presentKB: 3_157_976, managedKB: 3_155_452, lowmemReservePages: [0, 0, 0, 0],
                            freeBlocks: [2301, 1920, 1410, 922, 611, 402, 208, 99, 37, 12, 230],
                            migrateTypes: ["UM", "UM", "UM", "M", "M", "M", "M", "M", "M", "M", "MR"],
                            pagesScanned: 0),
        ]
        let chromium = tasks[4]
        let parameters = SynthesizedReportParameters(
            era: .linux3_10, host: "kiosk3", kernelRelease: "3.10.108-pae",
            hardwareName: "Shuttle Inc. XS35V4/FS57V4, BIOS 2.17 09/24/2014",
            trigger: SynthesizedTrigger(comm: "collectd", pid: 2231, cpu: 1, gfpMask: "0xd0", order: 0),
            cpuCount: 2, zones: zones, swapTotalKB: 0, swapFreeKB: 0, pageCachePages: 5518, ramPages: 1_016_208,
            reservedPages: 8219, highMemPages: 789_494, tasks: tasks,
            selection: SynthesizedKillSelection(pid: chromium.pid, comm: chromium.name, score: 529),
            victim: SynthesizedVictim(pid: chromium.pid, comm: chromium.name, uid: 1000, totalVMKB: 1_649_464,
                                      anonRSSKB: 905_580, fileRSSKB: 18_900, pgtablesKB: 1604, oomScoreAdj: 300))
        return ReportSynthesizer.synthesize(parameters)
    }

    static var rotatedTwice: SynthesizedSampleFile {
        let report = lowmemReport
        let before: [SynthesizedLogEntry] = [
            program("gw1", "dnsmasq-dhcp", 911, "DHCPACK(br0) 192.168.20.31 00:1e:06:45:9a:10 kiosk3", facility: 3),
            program("kiosk3", "CRON", 2190, "(root) CMD (/usr/local/bin/rotate-screens >/dev/null 2>&1)", facility: 9),
            kernel("kiosk3", "usb 2-1: USB disconnect, device number 4"),
            program("kiosk3", "collectd", 2231, "plugin_read: read-function of plugin `rrdcached' failed.",
                    severity: 3),
            program("gw1", "sshd", 30111, "Accepted publickey for ops from 192.168.20.5 port 52814 ssh2", facility: 4),
        ]
        let inside: [SynthesizedLogEntry] = [
            program("gw1", "dnsmasq-dhcp", 911, "DHCPREQUEST(br0) 192.168.20.44 00:1e:06:45:9b:02", facility: 3),
            program("kiosk3", "chromium", 1561, "[1561:1561:0128/031245.118920:ERROR:gpu_process_host.cc(961)] "
                + "GPU process exited unexpectedly: exit_code=512", facility: 1, severity: 3),
            program("gw1", "sshd", 30111, "pam_unix(sshd:session): session opened for user ops(uid=1000) by (uid=0)",
                    facility: 10),
        ]
        let after: [SynthesizedLogEntry] = [
            program("kiosk3", "kiosk-session", 1502, "browser exited (signal 9), restarting in 5 s", facility: 1,
                    severity: 4),
            kernel("kiosk3", "Xorg[1388]: segfault at 0 ip 0809a3f2 sp bfd1a2c0 error 4 in Xorg[8048000+1f5000]"),
            program("gw1", "CRON", 30240, "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
                    facility: 9),
        ]
        let entries = before + SynthesizedLogInterleaver.scatter(inside, into: report.entries, seed: 31) + after
        var writer = LogPrefixWriter(style: .rsyslogEscapedNewlines,
                                     start: LogPrefixClock(year: 2024, month: 1, day: 28, hour: 3, minute: 12,
                                                           second: 44, micros: 508_113),
                                     uptimeMicros: 4_211_902_771)
        return SynthesizedSampleFile(name: "syslog.2.gz", style: .rsyslogEscapedNewlines, reports: [report],
                                     lines: writer.render(entries))
    }

    // MARK: - syslog.1: cgroup-v2 memory-cgroup OOM of a container (5.15)

    /// A Node.js container that hits its 1 GiB memory.max on a 5.15 kernel with cgroup v2.
    public static var containerReport: SynthesizedReport {
        let tasks = [
            SynthesizedTask(pid: 48163, uid: 1000, totalVMPages: 654, rssPages: 110, pageTablePages: 11, name: "sh"),
            SynthesizedTask(pid: 48177, uid: 1000, totalVMPages: 183_212, rssPages: 10870, pageTablePages: 181,
                            name: "npm run start"),
            SynthesizedTask(pid: 48211, uid: 1000, totalVMPages: 5_316_601, rssPages: 258_337, pageTablePages: 1057,
                            name: "node"),
        ]
        let scope = "/system.slice/docker-7c41d2b9e0a8f5d1.scope"
        let stat: [SynthesizedMemcg.Stat] = [
            .init("anon", 1_045_413_888), .init("file", 12_734_464), .init("kernel_stack", 491_520),
            .init("pagetables", 4_993_024), .init("percpu", 9360), .init("sock", 0), .init("shmem", 0),
            .init("file_mapped", 8_110_080), .init("file_dirty", 0), .init("file_writeback", 0),
            .init("swapcached", 0), .init("anon_thp", 0), .init("file_thp", 0), .init("shmem_thp", 0),
            .init("inactive_anon", 1_045_286_912), .init("active_anon", 126_976), .init("inactive_file", 6_811_648),
            .init("active_file", 5_922_816), .init("unevictable", 0), .init("slab_reclaimable", 1_174_552),
            .init("slab_unreclaimable", 1_516_576), .init("slab", 2_691_128), .init("workingset_refault_anon", 0),
            .init("workingset_refault_file", 28114), .init("workingset_activate_anon", 0),
            .init("workingset_activate_file", 7201), .init("workingset_restore_anon", 0),
            .init("workingset_restore_file", 3106), .init("workingset_nodereclaim", 0), .init("pgfault", 2_841_906),
            .init("pgmajfault", 1312), .init("pgrefill", 9104), .init("pgscan", 181_522), .init("pgsteal", 30944),
            .init("pgactivate", 266_130), .init("pgdeactivate", 9104), .init("pglazyfree", 0),
            .init("pglazyfreed", 0), .init("thp_fault_alloc", 0), .init("thp_collapse_alloc", 0),
        ]
        let memcg = SynthesizedMemcg(
            oomCgroup: scope, taskCgroup: scope,
            memory: OOMEvent.CounterUsage(usage_kb: 1_048_576, limit_kb: 1_048_576, failcnt: 3391),
            swap: OOMEvent.CounterUsage(usage_kb: 0, limit_kb: 0, failcnt: 0), memoryStat: stat)
        let parameters = SynthesizedReportParameters(
            era: .memcgV2, host: "web2", kernelRelease: "5.15.0-91-generic",
            hardwareName: "Amazon EC2 t3.large/, BIOS 1.0 10/16/2017",
            trigger: SynthesizedTrigger(comm: "node", pid: 48211, cpu: 1, gfpMask: "0x100cca",
                                        gfpFlagNames: ["GFP_HIGHUSER_MOVABLE"], order: 0),
            cpuset: "docker-7c41d2b9e0a8f5d1.scope", cpuCount: 2, zones: [], ramPages: 2_031_297,
            reservedPages: 0, tasks: tasks, selection: SynthesizedKillSelection(pid: 48211, comm: "node", score: 0),
            victim: SynthesizedVictim(pid: 48211, comm: "node", uid: 1000, totalVMKB: 21_266_404,
                                      anonRSSKB: 1_020_912, fileRSSKB: 12436, pgtablesKB: 4228),
            memcg: memcg, includeReaperLine: true)
        return ReportSynthesizer.synthesize(parameters)
    }

    static var rotatedOnce: SynthesizedSampleFile {
        let report = containerReport
        let before: [SynthesizedLogEntry] = [
            program("web2", "dockerd", 811, "time=\"2024-01-31T22:40:09.771Z\" level=info msg=\"Container health "
                + "status changed\" container=7c41d2b9e0a8 status=unhealthy", facility: 3),
            program("db1", "postgres", 30688, "[30688] LOG:  checkpoint starting: time", facility: 1),
            program("web2", "systemd", 1, "Started Session 311 of User deploy.", facility: 3),
            kernel("web2", "br-5f1c2a: port 2(veth9c1d2e7) entered forwarding state"),
        ]
        let inside: [SynthesizedLogEntry] = [
            program("web2", "containerd", 732, "time=\"2024-01-31T22:40:10.112Z\" level=info msg=\"TaskOOM event "
                + "container_id:\\\"7c41d2b9e0a8f5d1\\\"\"", facility: 3),
            program("db1", "CRON", 30980, "(postgres) CMD (/usr/local/bin/pg-backup.sh --incremental)", facility: 9),
            program("web2", "earlyoom", 604, "mem avail:  3911 of  7780 MiB (50.27%), swap free:    0 of    0 MiB "
                + "( 0.00%)", facility: 3),
        ]
        let after: [SynthesizedLogEntry] = [
            program("web2", "dockerd", 811, "time=\"2024-01-31T22:40:10.203Z\" level=info msg=\"ignoring event\" "
                + "container=7c41d2b9e0a8 module=libcontainerd namespace=moby topic=/tasks/delete", facility: 3),
            program("web2", "systemd", 1, "docker-7c41d2b9e0a8f5d1.scope: A process of this unit has been killed by "
                + "the OOM killer.", facility: 3, severity: 5),
            program("web2", "node-exporter", 902, "level=info msg=\"memory cgroup OOM kill counted\" "
                + "cgroup=/system.slice/docker-7c41d2b9e0a8f5d1.scope count=1", facility: 3),
            program("db1", "sshd", 31002, "Disconnected from user backup 10.0.0.12 port 40622", facility: 4),
        ]
        let entries = before + SynthesizedLogInterleaver.scatter(inside, into: report.entries, seed: 57) + after
        var writer = LogPrefixWriter(style: .rsyslogEscapedNewlines,
                                     start: LogPrefixClock(year: 2024, month: 1, day: 31, hour: 22, minute: 40,
                                                           second: 9, micros: 804_220),
                                     uptimeMicros: 901_113_004_512)
        return SynthesizedSampleFile(name: "syslog.1", style: .rsyslogEscapedNewlines, reports: [report],
                                     lines: writer.render(entries))
    }

    // MARK: - syslog: 4.19 global OOM at order 3 (fragmentation)

    /// A database server where an order-3 (32 kB) kernel allocation fails: Normal has 102 MB free, all of it
    /// in blocks of 16 kB or less.
    public static var fragmentationReport: SynthesizedReport {
        let tasks = [
            SynthesizedTask(pid: 398, uid: 0, totalVMPages: 35312, rssPages: 2381, pageTablePages: 67,
                            name: "systemd-journal"),
            SynthesizedTask(pid: 421, uid: 0, totalVMPages: 5683, rssPages: 311, pageTablePages: 17,
                            oomScoreAdj: -1000, name: "systemd-udevd"),
            SynthesizedTask(pid: 688, uid: 104, totalVMPages: 56445, rssPages: 702, pageTablePages: 23,
                            name: "rsyslogd"),
            SynthesizedTask(pid: 731, uid: 0, totalVMPages: 3966, rssPages: 271, pageTablePages: 18,
                            oomScoreAdj: -1000, name: "sshd"),
            SynthesizedTask(pid: 1204, uid: 112, totalVMPages: 181_562, rssPages: 4611, pageTablePages: 46,
                            name: "prometheus-node"),
            SynthesizedTask(pid: 1339, uid: 113, totalVMPages: 2_204_715, rssPages: 27110, pageTablePages: 129,
                            name: "postgres"),
            SynthesizedTask(pid: 30688, uid: 113, totalVMPages: 2_206_120, rssPages: 512_440, pageTablePages: 1126,
                            name: "postgres"),
            SynthesizedTask(pid: 30690, uid: 113, totalVMPages: 2_298_781, rssPages: 1_803_722, pageTablePages: 3664,
                            name: "postgres"),
            SynthesizedTask(pid: 30712, uid: 113, totalVMPages: 2_205_934, rssPages: 98201, pageTablePages: 260,
                            name: "postgres"),
            SynthesizedTask(pid: 30877, uid: 1000, totalVMPages: 22801, rssPages: 1190, pageTablePages: 25,
                            name: "pg_dump"),
            SynthesizedTask(pid: 30901, uid: 1000, totalVMPages: 47211, rssPages: 10042, pageTablePages: 55,
                            name: "tmux: server"),
        ]
        let zones = [
            SynthesizedZone(node: 0, name: "DMA", freeKB: 15872, minKB: 64, lowKB: 80, highKB: 96, presentKB: 15992,
                            managedKB: 15908, lowmemReservePages: [0, 2991, 15557, 15557, 15557],
                            freeBlocks: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 3],
                            migrateTypes: [nil, nil, nil, nil, nil, nil, nil, "U", "U", "U", "M"]),
            SynthesizedZone(node: 0, name: "DMA32", freeKB: 43888, minKB: 12984, lowKB: 16228, highKB: 19472,
                            presentKB: 3_129_212, managedKB: 3_063_632, lowmemReservePages: [0, 0, 12565, 12565, 12565],
                            freeBlocks: [5523, 1883, 420, 0, 0, 0, 0, 0, 0, 0, 0],
                            migrateTypes: ["UME", "UME", "UM", nil, nil, nil, nil, nil, nil, nil, nil]),
            SynthesizedZone(node: 0, name: "Normal", freeKB: 104_460, minKB: 54532, lowKB: 68164, highKB: 81796,
                            presentKB: 13_107_200, managedKB: 12_866_960, lowmemReservePages: [0, 0, 0, 0, 0],
                            freeBlocks: [14020, 3811, 1119, 0, 0, 0, 0, 0, 0, 0, 0],
                            migrateTypes: ["UME", "UME", "UM", nil, nil, nil, nil, nil, nil, nil, nil]),
        ]
        let parameters = SynthesizedReportParameters(
            era: .linux4_19, host: "db1", kernelRelease: "4.19.0-25-amd64",
            hardwareName: "Dell Inc. PowerEdge R630/02C2CP, BIOS 2.13.0 05/14/2021",
            trigger: SynthesizedTrigger(comm: "postgres", pid: 30712, cpu: 6, gfpMask: "0x6040c0",
                                        gfpFlagNames: ["GFP_KERNEL", "__GFP_COMP"], order: 3),
            cpuCount: 8, zones: zones, pageCachePages: 561_337, ramPages: 4_063_101, reservedPages: 76476,
            tasks: tasks, selection: SynthesizedKillSelection(pid: 30690, comm: "postgres", score: 453),
            victim: SynthesizedVictim(pid: 30690, comm: "postgres", uid: 113, totalVMKB: 9_195_124,
                                      anonRSSKB: 5_012_344, fileRSSKB: 105_392, shmemRSSKB: 2_097_152,
                                      pgtablesKB: 14656),
            includeReaperLine: true)
        return ReportSynthesizer.synthesize(parameters)
    }

    static var live: SynthesizedSampleFile {
        let report = fragmentationReport
        let before: [SynthesizedLogEntry] = [
            program("db1", "CRON", 31140, "(root) CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report "
                + "/etc/cron.daily ))", facility: 9),
            program("web2", "sshd", 2211, "Accepted publickey for deploy from 10.0.4.17 port 51234 ssh2: ED25519 "
                + "SHA256:q3d9Zr1kXb0", facility: 4),
            program("db1", "postgres", 30712, "[30712] LOG:  duration: 8123.441 ms  statement: REFRESH MATERIALIZED "
                + "VIEW CONCURRENTLY sales_daily", facility: 1),
        ]
        let inside: [SynthesizedLogEntry] = [
            program("web2", "systemd-oomd", 612, "Killed /user.slice/user-1000.slice/session-4.scope due to memory "
                + "pressure for /user.slice/user-1000.slice being 71.02% > 60.00% for > 20s with reclaim activity",
                    facility: 3, severity: 5),
            program("db1", "prometheus-node", 1204, "level=error msg=\"error reading textfile collector\" "
                + "file=/var/lib/node/oom.prom err=\"Out of memory: Killed process 1 (x)\"", facility: 3,
                    severity: 3),
        ]
        let after: [SynthesizedLogEntry] = [
            program("db1", "postgres", 1339, "[1339] LOG:  server process (PID 30690) was terminated by signal 9: "
                + "Killed", facility: 1),
            program("db1", "postgres", 1339, "[1339] LOG:  terminating any other active server processes",
                    facility: 1),
            kernel("db1", "TCP: request_sock_TCP: Possible SYN flooding on port 5432. Sending cookies.  Check SNMP "
                + "counters."),
            program("db1", "postgres", 1339, "[1339] LOG:  all server processes terminated; reinitializing",
                    facility: 1),
        ]
        let entries = before + SynthesizedLogInterleaver.scatter(inside, into: report.entries, seed: 83) + after
        var writer = LogPrefixWriter(style: .rsyslogEscapedNewlines,
                                     start: LogPrefixClock(year: 2024, month: 2, day: 2, hour: 4, minute: 10,
                                                           second: 1, micros: 377_021),
                                     uptimeMicros: 3_318_977_201_884)
        return SynthesizedSampleFile(name: "syslog", style: .rsyslogEscapedNewlines, reports: [report],
                                     lines: writer.render(entries))
    }

    // MARK: - dmesg-6.1.txt: raw dmesg of a 6.1 global OOM

    /// An 8 GB virtual machine where a Java service runs the whole machine out of memory (6.1, no swap).
    public static var dmesgReport: SynthesizedReport {
        let tasks = [
            SynthesizedTask(pid: 311, uid: 0, totalVMPages: 12582, rssPages: 1437, pageTablePages: 26,
                            oomScoreAdj: -250, name: "systemd-journal"),
            SynthesizedTask(pid: 344, uid: 0, totalVMPages: 6563, rssPages: 1012, pageTablePages: 17,
                            oomScoreAdj: -1000, name: "systemd-udevd"),
            SynthesizedTask(pid: 602, uid: 0, totalVMPages: 3921, rssPages: 520, pageTablePages: 14, name: "cron"),
            SynthesizedTask(pid: 655, uid: 0, totalVMPages: 3867, rssPages: 1104, pageTablePages: 18,
                            oomScoreAdj: -1000, name: "sshd"),
            SynthesizedTask(pid: 1880, uid: 998, totalVMPages: 1_222_760, rssPages: 31622, pageTablePages: 112,
                            name: "Plex Media Serv"),
            SynthesizedTask(pid: 2716, uid: 1001, totalVMPages: 2_102_445, rssPages: 1_861_790, pageTablePages: 3820,
                            name: "java"),
            SynthesizedTask(pid: 2940, uid: 1001, totalVMPages: 25610, rssPages: 2310, pageTablePages: 30,
                            name: "my (app) v2"),
        ]
        let zones = [
            SynthesizedZone(node: 0, name: "DMA", freeKB: 13784, minKB: 84, lowKB: 104, highKB: 124,
                            presentKB: 15992, managedKB: 15360, lowmemReservePages: [0, 2991, 7992, 7992, 7992],
                            freeBlocks: [0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 3],
                            migrateTypes: [nil, "U", "U", nil, "U", "U", "U", nil, "U", nil, "M"]),
            SynthesizedZone(node: 0, name: "DMA32", freeKB: 36632, minKB: 16832, lowKB: 21040, highKB: 25248,
                            presentKB: 3_129_212, managedKB: 3_063_644, lowmemReservePages: [0, 0, 5000, 5000, 5000],
                            freeBlocks: [1620, 913, 402, 151, 61, 22, 9, 3, 1, 0, 0],
                            migrateTypes: ["UME", "UME", "UME", "UME", "UM", "UM", "M", "M", "M", nil, nil]),
            SynthesizedZone(node: 0, name: "Normal", freeKB: 27156, minKB: 28136, lowKB: 35168, highKB: 42200,
                            presentKB: 5_242_880, managedKB: 5_120_768, lowmemReservePages: [0, 0, 0, 0, 0],
                            freeBlocks: [2310, 905, 344, 96, 21, 4, 1, 0, 0, 0, 0],
                            migrateTypes: ["UME", "UME", "UME", "UM", "M", "M", "H", nil, nil, nil, nil],
                            pagesScanned: 0),
        ]
        let parameters = SynthesizedReportParameters(
            era: .linux6_1, host: "vm-batch", kernelRelease: "6.1.0-18-cloud-amd64",
            hardwareName: "QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014",
            trigger: SynthesizedTrigger(comm: "java", pid: 2716, cpu: 3, gfpMask: "0x140dca",
                                        gfpFlagNames: ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP", "__GFP_ZERO"], order: 0),
            cpuCount: 4, zones: zones, pageCachePages: 3411, ramPages: 2_097_021, reservedPages: 47078, tasks: tasks,
            selection: SynthesizedKillSelection(pid: 2716, comm: "java", score: 0),
            victim: SynthesizedVictim(pid: 2716, comm: "java", uid: 1001, totalVMKB: 8_409_780, anonRSSKB: 7_438_420,
                                      fileRSSKB: 8740, pgtablesKB: 15280),
            victimCgroup: "/system.slice/batch-runner.service", includeReaperLine: true)
        return ReportSynthesizer.synthesize(parameters)
    }

    static var dmesg61: SynthesizedSampleFile {
        let report = dmesgReport
        let before: [SynthesizedLogEntry] = [
            kernel("vm-batch", "EXT4-fs (vda1): mounted filesystem 1c9a3f2e-77d1-4b52-9e0a-4f1bd2c8e611 with ordered "
                + "data mode. Quota mode: none."),
            kernel("vm-batch", "virtio_net virtio1 enp1s0: renamed from eth0"),
            program("vm-batch", "systemd-journald", 311, "Under memory pressure, flushing caches.", facility: 3),
        ]
        let after: [SynthesizedLogEntry] = [
            program("vm-batch", "systemd", 1, "batch-runner.service: A process of this unit has been killed by the "
                + "OOM killer.", facility: 3, severity: 5),
            kernel("vm-batch", "audit: type=1131 audit(1706847003.512:219): pid=1 uid=0 auid=4294967295 ses=4294967295 "
                + "subj=unconfined msg='unit=batch-runner comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" "
                + "hostname=? addr=? terminal=? res=failed'"),
        ]
        let entries = before + report.entries + after
        var writer = LogPrefixWriter(style: .dmesg,
                                     start: LogPrefixClock(year: 2024, month: 2, day: 2, hour: 4, minute: 10,
                                                           second: 1),
                                     uptimeMicros: 86_412_339_104)
        return SynthesizedSampleFile(name: "dmesg-6.1.txt", style: .dmesg, reports: [report],
                                     lines: writer.render(entries))
    }

    // MARK: - helpers

    private static func program(_ host: String, _ program: String, _ pid: Int, _ message: String,
                                facility: Int = 3, severity: Int = 6) -> SynthesizedLogEntry {
        .program(host: host, line: NoiseLine(program: program, pid: pid, facility: facility, severity: severity,
                                             message: message))
    }

    private static func kernel(_ host: String, _ text: String) -> SynthesizedLogEntry {
        .kernel(host: host, lines: [SynthesizedKernelLine(text)])
    }
}
