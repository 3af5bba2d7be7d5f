/// Builds one complete kernel OOM-killer report in the format of the host's kernel (5.4 … 6.12): trigger
/// line, CPU line, call trace, then either the Mem-Info block (global OOM) or the memory-cgroup block
/// (container OOM), the task table, the `oom-kill:` summary, the `Killed process` line and usually the
/// `oom_reaper:` line.
///
/// The victim is the task with the most badness points (§9.4), and the kill line repeats its table figures.
enum OOMReportWriter {
    /// An allocation request as the trigger line prints it.
    private struct Allocation {
        var mask: UInt64
        var names: String
        var order: Int
        var path: Path
    }

    /// Where in the kernel the allocation that failed came from; decides the call trace.
    private enum Path {
        case pageFault, syscall, pageFaultWithoutContext, memcgCharge
    }

    private static let memcgGroupSizesMiB = [256, 512, 1024, 2048, 4096, 8192]

    /// Builds the report's kernel messages for `host`.
    static func makeReport(host: HostProfile, hostIndex: Int, random: inout SeededRandom) -> KernelMessageBlock {
        let isMemcg = random.chance(host.memcgShare)
        var tasks: [TaskRow]
        var totalPages: Int
        var containerCgroup = ""
        var containerCpuset = ""
        var limitPages = 0
        if isMemcg {
            limitPages = random.pick(memcgGroupSizesMiB) * 256
            (containerCgroup, containerCpuset) = containerNames(host: host, random: &random)
            tasks = TaskTableBuilder.containerTable(limitPages: limitPages, cgroup: containerCgroup, host: host,
                                                    random: &random)
            totalPages = limitPages
        } else {
            tasks = TaskTableBuilder.hostTable(host: host, hostIndex: hostIndex, random: &random)
            totalPages = host.memoryGiB * 262_144 + host.swapKB / 4
        }
        var victimIndex = 0
        for index in tasks.indices where tasks[index].badness(totalPages: totalPages)
            > tasks[victimIndex].badness(totalPages: totalPages)
        {
            victimIndex = index
        }
        let victim = tasks[victimIndex]
        let trigger: TaskRow
        if random.chance(0.6) {
            trigger = victim
        } else {
            let candidates = tasks.filter { $0.residentPages > 1_000 }
            trigger = candidates.isEmpty ? victim : random.pick(candidates)
        }
        let allocation = chooseAllocation(host: host, isMemcg: isMemcg, random: &random)

        var block = KernelMessageBlock()
        block.line { text in
            text.append(string: trigger.name)
            text.append(" invoked oom-killer: gfp_mask=0x")
            text.appendHex(allocation.mask)
            text.append("(")
            text.append(string: allocation.names)
            text.append("), order=")
            text.appendDecimal(allocation.order)
            text.append(", oom_score_adj=")
            text.appendDecimal(trigger.oomScoreAdj)
        }
        appendCPULine(to: &block, host: host, trigger: trigger, random: &random)
        block.line { text in
            text.append("Hardware name: ")
            text.append(string: host.hardwareName)
        }
        appendCallTrace(to: &block, kernel: host.kernel, path: allocation.path, random: &random)
        if isMemcg {
            MemcgInfoWriter.append(to: &block, host: host, cgroup: containerCgroup, limitPages: limitPages,
                                   tasks: tasks, random: &random)
        } else {
            MemInfoWriter.append(to: &block, host: host, tasks: tasks, random: &random)
        }
        block.line("Tasks state (memory values in pages):")
        if host.kernel.taskTableHasRSSBreakdown {
            block.line("[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name")
        } else {
            block.line("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name")
        }
        for task in tasks {
            block.line { task.append(to: &$0, withRSSBreakdown: host.kernel.taskTableHasRSSBreakdown) }
        }
        block.line { text in
            if isMemcg {
                text.append("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=")
                text.append(string: containerCpuset)
                text.append(",mems_allowed=0,oom_memcg=")
                text.append(string: containerCgroup)
            } else {
                text.append("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom")
            }
            text.append(",task_memcg=")
            text.append(string: victim.cgroup)
            text.append(",task=")
            text.append(string: victim.name)
            text.append(",pid=")
            text.appendDecimal(victim.pid)
            text.append(",uid=")
            text.appendDecimal(victim.uid)
        }
        block.line { text in
            text.append(isMemcg ? "Memory cgroup out of memory: Killed process " : "Out of memory: Killed process ")
            text.appendDecimal(victim.pid)
            text.append(" (")
            text.append(string: victim.name)
            text.append(") total-vm:")
            text.appendDecimal(victim.totalVMPages * 4)
            text.append("kB, anon-rss:")
            text.appendDecimal(victim.residentAnonPages * 4)
            text.append("kB, file-rss:")
            text.appendDecimal(victim.residentFilePages * 4)
            text.append("kB, shmem-rss:")
            text.appendDecimal(victim.residentSharedPages * 4)
            text.append("kB, UID:")
            text.appendDecimal(victim.uid)
            text.append(" pgtables:")
            text.appendDecimal(victim.pageTableBytes / 1024)
            text.append("kB oom_score_adj:")
            text.appendDecimal(victim.oomScoreAdj)
        }
        if random.chance(0.85) {
            block.line { text in
                text.append("oom_reaper: reaped process ")
                text.appendDecimal(victim.pid)
                text.append(" (")
                text.append(string: victim.name)
                text.append("), now anon-rss:0kB, file-rss:")
                text.appendDecimal(random.below(3) == 0 ? victim.residentFilePages * 4 / 10 : 0)
                text.append("kB, shmem-rss:0kB")
            }
        }
        return block
    }

    /// The container's cgroup path and cpuset name (Kubernetes with containerd, or plain Docker).
    private static func containerNames(host: HostProfile, random: inout SeededRandom) -> (String, String) {
        var id = TextBuffer(capacity: 64)
        LogTextPieces.appendHexID(to: &id, random: &random, count: 64)
        let containerID = String(decoding: id.bytes, as: UTF8.self)
        if host.role == .worker || random.chance(0.5) {
            var pod = TextBuffer(capacity: 36)
            LogTextPieces.appendUUID(to: &pod, random: &random, separator: UInt8(ascii: "_"))
            let podID = String(decoding: pod.bytes, as: UTF8.self)
            let scope = "cri-containerd-\(containerID).scope"
            return ("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod\(podID).slice/\(scope)", scope)
        }
        let scope = "docker-\(containerID).scope"
        return ("/system.slice/\(scope)", scope)
    }

    private static func chooseAllocation(host: HostProfile, isMemcg: Bool, random: inout SeededRandom) -> Allocation {
        let movable = host.kernel.highUserMovableMask
        let isSix = host.kernel.release.hasPrefix("6.")
        if isMemcg {
            return random.chance(0.7)
                ? Allocation(mask: 0xcc0, names: "GFP_KERNEL", order: 0, path: .memcgCharge)
                : Allocation(mask: movable, names: "GFP_HIGHUSER_MOVABLE", order: 0, path: .memcgCharge)
        }
        switch random.below(20) {
        case 0..<11:
            return Allocation(mask: movable, names: "GFP_HIGHUSER_MOVABLE", order: 0, path: .pageFault)
        case 11..<14:
            if isSix {
                let names = host.kernel.cpuLineHasUID ? "GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP"
                    : "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO"
                return Allocation(mask: movable | 0x40100, names: names, order: 0, path: .pageFault)
            }
            return Allocation(mask: movable | 0x100, names: "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", order: 0,
                              path: .pageFault)
        case 14..<16:
            return Allocation(mask: 0xcc0, names: "GFP_KERNEL", order: random.chance(0.3) ? random.inRange(1...3) : 0,
                              path: .syscall)
        case 16..<19:
            return Allocation(mask: 0x400cc0, names: "GFP_KERNEL_ACCOUNT", order: 0, path: .syscall)
        default:
            return Allocation(mask: 0, names: "", order: 0, path: .pageFaultWithoutContext)
        }
    }

    private static func appendCPULine(to block: inout KernelMessageBlock, host: HostProfile, trigger: TaskRow,
                                      random: inout SeededRandom)
    {
        block.line { text in
            text.append("CPU: ")
            text.appendDecimal(random.below(8))
            if host.kernel.cpuLineHasUID {
                text.append(" UID: ")
                text.appendDecimal(trigger.uid)
            }
            text.append(" PID: ")
            text.appendDecimal(trigger.pid)
            text.append(" Comm: ")
            text.append(string: trigger.name)
            text.append(host.role == .build ? " Tainted: G           OE      " : " Not tainted ")
            text.append(string: host.kernel.release)
            text.append(" ")
            text.append(string: host.kernel.buildTag)
        }
    }

    private static func appendCallTrace(to block: inout KernelMessageBlock, kernel: KernelProfile, path: Path,
                                        random: inout SeededRandom)
    {
        let modern = kernel.traceHasTaskMarkers
        block.line("Call Trace:")
        if modern { block.line(" <TASK>") }
        for frame in kernel.stackDumpFrames { block.line(string: frame) }
        let frames: [StaticString]
        switch path {
        case .pageFault:
            frames = modern
                ? [" __alloc_pages_slowpath.constprop.0+0xcbd/0xe10", " __alloc_pages+0x30b/0x330",
                   " vma_alloc_folio+0xa0/0x360", " do_anonymous_page+0x11e/0x7a0", " __handle_mm_fault+0x92f/0xfa0",
                   " handle_mm_fault+0xdf/0x2d0", " do_user_addr_fault+0x1be/0x6a0", " exc_page_fault+0x74/0x170",
                   " asm_exc_page_fault+0x26/0x30"]
                : [" __alloc_pages_slowpath+0xdde/0xeb0", " __alloc_pages_nodemask+0x2d0/0x320",
                   " alloc_pages_vma+0x7f/0x220", " do_anonymous_page+0x1e1/0x650", " __handle_mm_fault+0x8c1/0x1080",
                   " handle_mm_fault+0xca/0x200", " do_user_addr_fault+0x1f9/0x450", " __do_page_fault+0x58/0x90",
                   " do_page_fault+0x2c/0xe0", " page_fault+0x34/0x40"]
        case .syscall:
            frames = modern
                ? [" __alloc_pages_slowpath.constprop.0+0xcbd/0xe10", " __alloc_pages+0x30b/0x330",
                   " alloc_pages+0x90/0x1a0", " pipe_write+0x3c5/0x6e0", " vfs_write+0x3d3/0x410",
                   " ksys_write+0x6f/0xf0", " do_syscall_64+0x58/0xc0", " entry_SYSCALL_64_after_hwframe+0x6e/0xd8"]
                : [" __alloc_pages_slowpath+0xdde/0xeb0", " __alloc_pages_nodemask+0x2d0/0x320",
                   " alloc_pages_current+0x87/0xe0", " pipe_write+0x2e4/0x4e0", " new_sync_write+0x125/0x1c0",
                   " __vfs_write+0x29/0x40", " vfs_write+0xb9/0x1a0", " ksys_write+0x67/0xe0",
                   " __x64_sys_write+0x1a/0x20", " do_syscall_64+0x57/0x190",
                   " entry_SYSCALL_64_after_hwframe+0x44/0xa9"]
        case .pageFaultWithoutContext:
            frames = modern
                ? [" pagefault_out_of_memory+0x4e/0x60", " do_user_addr_fault+0x2b2/0x6a0",
                   " exc_page_fault+0x74/0x170", " asm_exc_page_fault+0x26/0x30"]
                : [" pagefault_out_of_memory+0x53/0x62", " mm_fault_error+0x68/0x130",
                   " do_user_addr_fault+0x3a2/0x450", " __do_page_fault+0x58/0x90", " do_page_fault+0x2c/0xe0",
                   " page_fault+0x34/0x40"]
        case .memcgCharge:
            frames = modern
                ? [" mem_cgroup_out_of_memory+0x13f/0x160", " try_charge_memcg+0x687/0x740",
                   " charge_memcg+0x45/0xb0", " __mem_cgroup_charge+0x2d/0x80", " do_anonymous_page+0x110/0x3b0",
                   " __handle_mm_fault+0x8a1/0xfa0", " handle_mm_fault+0xdf/0x2d0",
                   " do_user_addr_fault+0x1be/0x6a0", " exc_page_fault+0x74/0x170", " asm_exc_page_fault+0x26/0x30"]
                : [" mem_cgroup_out_of_memory+0xc2/0xe0", " try_charge+0x7a6/0x800",
                   " mem_cgroup_try_charge+0x71/0x190", " do_anonymous_page+0x13a/0x650",
                   " __handle_mm_fault+0x8c1/0x1080", " handle_mm_fault+0xca/0x200",
                   " do_user_addr_fault+0x1f9/0x450", " __do_page_fault+0x58/0x90", " do_page_fault+0x2c/0xe0",
                   " page_fault+0x34/0x40"]
        }
        for frame in frames { block.line { $0.append(frame) } }
        appendUserRegisters(to: &block, isSyscall: path == .syscall, random: &random)
        if modern { block.line(" </TASK>") }
    }

    /// The user-space register dump at the end of the trace (`RIP: 0033:…` through `R13: …`).
    private static func appendUserRegisters(to block: inout KernelMessageBlock, isSyscall: Bool,
                                            random: inout SeededRandom)
    {
        let instruction = 0x7f00_0000_0000 | (random.next() & 0xff_ffff_ffff)
        block.line { text in
            text.append("RIP: 0033:0x")
            text.appendHex(instruction)
        }
        block.line { text in
            if random.chance(0.5) {
                text.append("Code: Unable to access opcode bytes at 0x")
                text.appendHex(instruction - 0x2a)
                text.append(".")
            } else {
                text.append("Code:")
                for index in 0..<42 {
                    let byte = random.next() & 0xff
                    text.append(index == 21 ? " <" : " ")
                    text.appendHex(byte, digits: 2)
                    if index == 21 { text.append(">") }
                }
            }
        }
        block.line { text in
            text.append("RSP: 002b:00007ff")
            text.appendHex(random.next(), digits: 9)
            text.append(" EFLAGS: 000")
            text.append(random.chance(0.5) ? "10206" : "00246")
            if isSyscall {
                text.append(" ORIG_RAX: 0000000000000001")
            }
        }
        let registerRows: [[StaticString]] = [["RAX", "RBX", "RCX"], ["RDX", "RSI", "RDI"], ["RBP", "R08", "R09"],
                                              ["R10", "R11", "R12"], ["R13", "R14", "R15"]]
        for row in registerRows {
            block.line { text in
                for (index, name) in row.enumerated() {
                    if index > 0 { text.append(" ") }
                    text.append(name)
                    text.append(": ")
                    let value = random.chance(0.4) ? random.next() & 0xffff : random.next() >> UInt64(random.below(24))
                    text.appendHex(value, digits: 16)
                }
            }
        }
    }
}
