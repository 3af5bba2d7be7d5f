import OOMLensSinkAPI

/// Makes random but self-consistent ``SynthesizedReportParameters`` for any era, from a seed.
///
/// The values follow the kernel's rules where they matter to a decoder: watermarks grow min < low < high,
/// `lowmem_reserve` is computed from the managed pages of the zones above, buddy counts add up to the free
/// memory, the victim is the eligible task with the largest rss, names are at most 15 bytes (TASK_COMM_LEN)
/// and include spaces, slashes, colons and parentheses. The same seed always gives the same parameters.
public struct SynthesizedParameterGenerator {
    public internal(set) var random: SynthSeededRandom

    public init(seed: UInt64) {
        random = SynthSeededRandom(seed: seed)
    }

    /// Task names as `p->comm` holds them: at most 15 bytes; some with spaces, slashes, colons, parentheses.
    public static let taskNames = [
        "postgres", "java", "mysqld", "node /opt/www/p", "CPU 0/KVM", "(sd-pam)", "Plex Media Serv",
        "php-fpm: pool w", "my (app) v2", "gunicorn: work", "python3", "chrome", "Web Content", "redis-server",
        "uwsgi", "sshd", "rsyslogd", "systemd-journal", "containerd", "nginx", "bash", "tmux: server", "a:b:c",
    ]

    /// Names a trigger can have besides the task names (kernel threads allocate too).
    public static let triggerOnlyNames = ["kworker/u8:3", "kswapd0", "khugepaged"]

    /// Random parameters for `era` on `host`.
    public mutating func parameters(for era: SynthesizedKernelEra, host: String) -> SynthesizedReportParameters {
        let cpuCount = random.pick([1, 2, 4])
        let twoNodes = [.linux4_8, .linux4_19, .linux6_1].contains(era) && random.chance(30)
        let canFragment = [.linux4_8, .linux4_19, .linux6_1].contains(era)
        let fragmentedOrder = canFragment && random.chance(25) ? random.int(in: 2...3) : 0
        let zones = era.isMemcg ? [] : makeZones(era: era, twoNodes: twoNodes, fragmentedOrder: fragmentedOrder)
        let pageKB: Int64 = 4
        let ramPages = zones.reduce(Int64(0)) { $0 + $1.presentKB } / pageKB
        let managedPages = zones.reduce(Int64(0)) { $0 + $1.managedKB } / pageKB
        let totalRAMPages = era.isMemcg ? 4_194_304 : ramPages
        // A memcg OOM's tasks share the cgroup's limit; a global OOM's share the machine's RAM.
        let memcgLimitKB = Int64(random.pick([262_144, 524_288, 1_048_576, 2_097_152]))
        let swapTotalKB: Int64 = random.chance(40) ? random.pick([1_048_572, 2_097_148, 8_388_604]) : 0
        let swapFreeKB = swapTotalKB == 0 ? 0 : random.int64(in: 0...(swapTotalKB / 50))

        var tasks = makeTasks(era: era, count: era.isMemcg ? random.int(in: 1...5) : random.int(in: 3...9),
                              ramPages: era.isMemcg ? memcgLimitKB / pageKB : totalRAMPages,
                              withSwap: swapTotalKB > 0)
        let victimIndex = tasks.indices.filter { tasks[$0].oomScoreAdj != -1000 }
            .max(by: { tasks[$0].rssPages < tasks[$1].rssPages }) ?? 0
        if tasks[victimIndex].oomScoreAdj == -1000 { tasks[victimIndex].oomScoreAdj = 0 }
        let victimTask = tasks[victimIndex]
        let victim = makeVictim(victimTask, era: era, pageKB: pageKB)
        let totalPages = max(1, (era.isMemcg ? memcgLimitKB / pageKB : managedPages) + swapTotalKB / pageKB)
        let points = victimTask.rssPages + victimTask.pageTablePages + victimTask.swapents
        var selection = SynthesizedKillSelection(pid: victim.pid, comm: victim.comm,
                                                 score: score(points: points, totalPages: totalPages, era: era,
                                                              task: victimTask))
        // Up to 5.0 the kernel may kill a child instead of the selected task ("Kill 1386, Killed 593").
        if era.printsSelectionLine, tasks.count > 1, random.chance(15) {
            let parent = tasks[(victimIndex + 1) % tasks.count]
            selection.pid = parent.pid
            selection.comm = parent.name
        }

        let triggerTask = random.chance(60) ? victimTask : random.pick(tasks)
        let triggerComm = random.chance(10) && !era.isMemcg ? random.pick(Self.triggerOnlyNames) : triggerTask.name
        let (mask, names) = gfp(era: era, order: fragmentedOrder)
        let trigger = SynthesizedTrigger(
            comm: triggerComm, pid: triggerComm == triggerTask.name ? triggerTask.pid : random.int(in: 30...400),
            cpu: random.int(in: 0...(cpuCount - 1)), gfpMask: mask, gfpFlagNames: names, order: fragmentedOrder,
            oomScoreAdj: triggerTask.oomScoreAdj, oomAdj: triggerTask.oomAdj)

        let memcg: SynthesizedMemcg? = switch era {
        case .memcgV1: makeMemcgV1(limitKB: memcgLimitKB)
        case .memcgV2: makeMemcgV2(limitKB: memcgLimitKB)
        default: nil
        }
        let highMemKB = zones.filter { $0.name == "HighMem" }.reduce(Int64(0)) { $0 + $1.presentKB }
        return SynthesizedReportParameters(
            era: era, host: host, trigger: trigger,
            cpuset: random.pick(["/", "/", "/", "docker-4f1a9c2e7b.scope", "vcpu0"]),
            memsAllowed: twoNodes ? "0-1" : "0", cpuCount: cpuCount, pageSizeKB: pageKB, zones: zones,
            swapTotalKB: swapTotalKB, swapFreeKB: swapFreeKB,
            swapCachePages: swapTotalKB == 0 ? 0 : random.int64(in: 0...900),
            pageCachePages: random.int64(in: 300...40_000), ramPages: totalRAMPages,
            reservedPages: max(0, ramPages - managedPages), highMemPages: highMemKB / pageKB, tasks: tasks,
            includeTaskTable: era == .linux2_6_19to31 ? random.chance(60) : true, selection: selection, victim: victim,
            victimCgroup: random.pick(["/system.slice/postgresql.service",
                                       "/user.slice/user-1000.slice/session-2.scope",
                                       "/system.slice/docker-4f1a9c2e7b.scope", "/"]),
            memcg: memcg, includeKillLines: true, includeReaperLine: random.chance(70))
    }

    /// The printed score: the badness (2.6.18–2.6.35, unbounded) or points × 1000 / totalpages (later).
    private mutating func score(points: Int64, totalPages: Int64, era: SynthesizedKernelEra,
                                task: SynthesizedTask) -> Int {
        switch era {
        case .linux2_6_18, .linux2_6_19to31:
            return Int(task.totalVMPages + random.int64(in: 0...5000))
        default:
            return Int(max(1, points * 1000 / totalPages))
        }
    }

    private mutating func makeTasks(era: SynthesizedKernelEra, count: Int, ramPages: Int64,
                                    withSwap: Bool) -> [SynthesizedTask] {
        var pid = random.int(in: 300...3000)
        var tasks: [SynthesizedTask] = []
        let big = max(Int64(2000), ramPages / 2)
        for index in 0..<count {
            pid += random.int(in: 1...4000)
            let name = random.pick(Self.taskNames)
            let rss = index == count - 1 || random.chance(20) ? random.int64(in: (big / 3)...big)
                : random.int64(in: 40...max(41, big / 20))
            let totalVM = rss + random.int64(in: 2000...(rss + 50_000))
            let scoreAdj = random.chance(12) ? -1000 : (random.chance(15) ? 300 : 0)
            tasks.append(SynthesizedTask(
                pid: pid, uid: random.pick([0, 0, 27, 33, 101, 999, 1000, 1001]), totalVMPages: totalVM,
                rssPages: rss, pageTablePages: totalVM / 512 + 3, pmdPages: totalVM / 262_144 + 3,
                swapents: withSwap ? random.int64(in: 0...(rss / 4)) : 0, oomScoreAdj: scoreAdj,
                oomAdj: scoreAdj == -1000 ? -17 : (scoreAdj > 0 ? 5 : 0),
                cpu: random.int(in: 0...3), name: name))
        }
        // The largest task is killed; keep it eligible and its rss unique.
        if let last = tasks.indices.last {
            tasks[last].rssPages = tasks.map(\.rssPages).max()! + random.int64(in: 1...999)
            tasks[last].totalVMPages = max(tasks[last].totalVMPages, tasks[last].rssPages + 1000)
            tasks[last].pageTablePages = tasks[last].totalVMPages / 512 + 3
            tasks[last].oomScoreAdj = random.pick([0, 0, 300])
            tasks[last].oomAdj = tasks[last].oomScoreAdj > 0 ? 5 : 0
        }
        return tasks
    }

    private mutating func makeVictim(_ task: SynthesizedTask, era: SynthesizedKernelEra,
                                     pageKB: Int64) -> SynthesizedVictim {
        let rssKB = task.rssPages * pageKB
        let filePages = task.rssPages / Int64(random.int(in: 12...80))
        let shmemPages: Int64 = random.chance(20) ? task.rssPages / 100 : 0
        return SynthesizedVictim(
            pid: task.pid, comm: task.name, uid: task.uid, totalVMKB: task.totalVMPages * pageKB,
            anonRSSKB: rssKB - (filePages + shmemPages) * pageKB, fileRSSKB: filePages * pageKB,
            shmemRSSKB: shmemPages * pageKB, pgtablesKB: task.pageTablePages * pageKB, oomScoreAdj: task.oomScoreAdj)
    }

    /// A realistic allocation mask (and its printed names) for the era; `order` > 0 picks a slab-style mask.
    private mutating func gfp(era: SynthesizedKernelEra, order: Int) -> (String, [String]) {
        switch era {
        case .linux2_6_18: return (random.pick(["0x201d2", "0xd0", "0x200d2", "0x280d2"]), [])
        case .linux2_6_19to31: return (random.pick(["0x201d2", "0x200da", "0xd0", "0x1200d2"]), [])
        case .rhel6_2_6_32: return (random.pick(["0x280da", "0x201da", "0x84d0", "0xd0"]), [])
        case .linux3_10: return (random.pick(["0x201da", "0x280da", "0x2084d0", "0xd0"]), [])
        case .linux4_8:
            if order > 0 { return ("0x24040c0", ["GFP_KERNEL", "__GFP_COMP"]) }
            return random.pick([("0x24201ca", ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"]), ("0x24000c0", ["GFP_KERNEL"]),
                                ("0x24280ca", ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"])])
        case .linux4_19:
            if order > 0 { return ("0x6040c0", ["GFP_KERNEL", "__GFP_COMP"]) }
            return random.pick([("0x6200ca", ["GFP_HIGHUSER_MOVABLE"]), ("0x6000c0", ["GFP_KERNEL"]),
                                ("0x6280ca", ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"])])
        case .linux6_1:
            if order > 0 { return ("0x40dc0", ["GFP_KERNEL", "__GFP_COMP", "__GFP_ZERO"]) }
            return random.pick([("0x140dca", ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP", "__GFP_ZERO"]),
                                ("0x100cca", ["GFP_HIGHUSER_MOVABLE"]), ("0xcc0", ["GFP_KERNEL"])])
        case .memcgV1:
            return random.pick([("0x14000c0", ["GFP_KERNEL"]), ("0x14200ca", ["GFP_HIGHUSER_MOVABLE"]),
                                ("0x14280ca", ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"])])
        case .memcgV2:
            return random.pick([("0xcc0", ["GFP_KERNEL"]), ("0x100cca", ["GFP_HIGHUSER_MOVABLE"]),
                                ("0x140cca", ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP"])])
        }
    }
}
