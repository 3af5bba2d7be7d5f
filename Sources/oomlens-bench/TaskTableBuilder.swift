/// Builds the task table of one OOM report: the processes of a host (global OOM) or of a container
/// (memory-cgroup OOM), sized so that together they fill the memory that ran out.
enum TaskTableBuilder {
    /// The rows of a global OOM on `host`, sorted by PID, whose resident sets add up to most of the RAM.
    static func hostTable(host: HostProfile, hostIndex: Int, random: inout SeededRandom) -> [TaskRow] {
        var rows: [TaskRow] = []
        // System services keep their PIDs from report to report: take them from a stream that depends only
        // on the host.
        var stablePIDs = SeededRandom(seed: UInt64(hostIndex), stream: 0xD0_5EED)
        var nextPID = 300 + stablePIDs.below(60)
        for template in ProcessCatalog.systemServices {
            nextPID += 1 + stablePIDs.below(40)
            rows.append(makeRow(template, pid: nextPID, residentPages: random.inRange(template.residentPages),
                                host: host, random: &random))
        }
        let applications = ProcessCatalog.applications(for: host.role)
        let ramPages = host.memoryGiB * 262_144
        for (index, template) in applications.enumerated() where index < applications.count - 1 {
            for _ in 0..<random.inRange(template.copies) {
                rows.append(makeRow(template, pid: LogTextPieces.randomProcessID(&random),
                                    residentPages: random.inRange(template.residentPages), host: host,
                                    random: &random))
            }
        }
        // The last application is the memory hog: its copies share whatever is left of about 90% of RAM.
        let hog = applications[applications.count - 1]
        let used = rows.reduce(0) { $0 + $1.residentPages }
        let target = ramPages * random.inRange(86...94) / 100
        let copies = random.inRange(hog.copies)
        let share = max(hog.residentPages.lowerBound, (target - used) / copies)
        for copy in 0..<copies {
            let pages = copy == 0 ? share + share / 8 : share - share / (8 * max(copies - 1, 1))
            rows.append(makeRow(hog, pid: LogTextPieces.randomProcessID(&random), residentPages: max(pages, 1),
                                host: host, random: &random))
        }
        rows.sort { $0.pid < $1.pid }
        return rows
    }

    /// The rows of a memory-cgroup OOM: the processes of one container, filling `limitPages`.
    static func containerTable(limitPages: Int, cgroup: String, host: HostProfile,
                               random: inout SeededRandom) -> [TaskRow]
    {
        let templates = random.pick(ProcessCatalog.containerApplications)
        var rows: [TaskRow] = []
        var pid = LogTextPieces.randomProcessID(&random)
        var used = 0
        for (index, template) in templates.enumerated() {
            var pages = random.inRange(template.residentPages)
            if index == templates.count - 1 {
                pages = max(1, limitPages - used - limitPages * random.below(3) / 100)
            }
            var row = makeRow(template, pid: pid, residentPages: min(pages, limitPages), host: host,
                              random: &random)
            row.cgroup = cgroup
            row.swapEntries = 0
            used += row.residentPages
            rows.append(row)
            pid += 1 + random.below(30)
        }
        return rows
    }

    private static func makeRow(_ template: ProcessTemplate, pid: Int, residentPages: Int, host: HostProfile,
                                random: inout SeededRandom) -> TaskRow
    {
        let filePages = residentPages * random.inRange(1...8) / 100
        let sharedPages = random.chance(0.2) ? residentPages * random.inRange(1...3) / 100 : 0
        let anonPages = residentPages - filePages - sharedPages
        let totalVM = residentPages * random.inRange(120...400) / 100 + random.inRange(5_000...50_000)
        let pageTablePages = (residentPages + 511) / 512 + random.inRange(2...20)
        let swap = host.swapKB > 0 && residentPages > 10_000 ? residentPages * random.below(15) / 100 : 0
        return TaskRow(pid: pid, uid: template.uid, totalVMPages: totalVM, residentAnonPages: anonPages,
                       residentFilePages: filePages, residentSharedPages: sharedPages,
                       pageTableBytes: pageTablePages * 4096, swapEntries: swap, oomScoreAdj: template.oomScoreAdj,
                       name: template.name, cgroup: template.cgroup)
    }
}
