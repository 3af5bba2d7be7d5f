/// Writes lines that look like OOM kills to a careless matcher but are not kernel OOM-killer reports:
/// systemd-oomd and earlyoom kills, a Java `OutOfMemoryError`, node-problem-detector quoting a
/// `Killed process` line, and a kernel hung-task call trace.
///
/// None of them contains `invoked oom-killer`, so `grep -c 'invoked oom-killer'` still counts exactly the
/// generated reports.
enum DecoyWriter {
    private static let javaThreads: [StaticString] = ["main", "http-nio-8080-exec-7", "kafka-producer-network-thread",
                                                      "ForkJoinPool.commonPool-worker-3", "scheduling-1"]
    private static let javaFrames: [StaticString] = [
        "java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
        "java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)",
        "java.base/java.util.ArrayList.grow(ArrayList.java:237)",
        "com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3629)",
        "org.apache.kafka.common.memory.MemoryPool$1.tryAllocate(MemoryPool.java:30)",
    ]
    private static let victims: [StaticString] = ["java", "node", "python3", "chrome", "firefox", "gnome-shell",
                                                  "postgres", "ruby"]

    /// Writes one decoy (one to fifteen lines) for `host` at the clock's time.
    static func write(into buffer: inout TextBuffer, clock: inout SyslogClock, host: HostProfile,
                      random: inout SeededRandom)
    {
        switch random.below(5) {
        case 0: writeSystemdOomd(&buffer, &clock, host, &random)
        case 1: writeEarlyoom(&buffer, &clock, host, &random)
        case 2: writeJavaOutOfMemory(&buffer, &clock, host, &random)
        case 3: writeNodeProblemDetector(&buffer, &clock, host, &random)
        default: writeHungTaskTrace(&buffer, &clock, host, &random)
        }
    }

    private static func writeSystemdOomd(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile,
                                         _ random: inout SeededRandom)
    {
        let uid = random.inRange(1000...1003)
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "systemd-oomd", pid: 800 + random.below(40))
        buffer.append("Killed /user.slice/user-")
        buffer.appendDecimal(uid)
        buffer.append(".slice/user@")
        buffer.appendDecimal(uid)
        buffer.append(".service/app.slice/app-")
        buffer.append(random.pick(["firefox", "code", "chromium", "slack"] as [StaticString]))
        buffer.append("-")
        buffer.appendDecimal(random.inRange(2000...99_999))
        buffer.append(".scope due to memory pressure for /user.slice/user-")
        buffer.appendDecimal(uid)
        buffer.append(".slice being ")
        buffer.appendDecimal(random.inRange(51...97))
        buffer.append(".")
        buffer.appendZeroPadded(random.below(100), digits: 2)
        buffer.append("% > 50.00% for > 20s with reclaim activity")
        buffer.newline()
    }

    private static func writeEarlyoom(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile,
                                      _ random: inout SeededRandom)
    {
        let daemon = 600 + random.below(100)
        let totalMiB = host.memoryGiB * 1024 - 190
        let availableMiB = totalMiB * random.inRange(10...90) / 1000
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "earlyoom", pid: daemon)
        buffer.append("mem avail: ")
        buffer.appendDecimal(availableMiB, width: 5)
        buffer.append(" of ")
        buffer.appendDecimal(totalMiB, width: 5)
        buffer.append(" MiB ( ")
        buffer.appendDecimal(availableMiB * 100 / totalMiB)
        buffer.append(".")
        buffer.appendZeroPadded(availableMiB * 10_000 / totalMiB % 100, digits: 2)
        buffer.append("%), swap free:    0 of    0 MiB ( 0.00%)")
        buffer.newline()
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "earlyoom", pid: daemon)
        buffer.append("low memory! at or below SIGTERM limits: mem 10.00%, swap 10.00%")
        buffer.newline()
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "earlyoom", pid: daemon)
        buffer.append("sending SIGTERM to process ")
        LogTextPieces.appendProcessID(to: &buffer, random: &random)
        buffer.append(" \"")
        buffer.append(random.pick(victims))
        buffer.append("\": badness ")
        buffer.appendDecimal(random.inRange(600...1000))
        buffer.append(", VmRSS ")
        buffer.appendDecimal(random.inRange(300...12_000))
        buffer.append(" MiB")
        buffer.newline()
    }

    private static func writeJavaOutOfMemory(_ buffer: inout TextBuffer, _ clock: inout SyslogClock,
                                             _ host: HostProfile, _ random: inout SeededRandom)
    {
        let pid = LogTextPieces.randomProcessID(&random)
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "java", pid: pid)
        buffer.append("Exception in thread \"")
        buffer.append(random.pick(javaThreads))
        buffer.append("\" java.lang.OutOfMemoryError: Java heap space")
        buffer.newline()
        for _ in 0..<random.inRange(1...3) {
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "java", pid: pid)
            buffer.append("#011at ")
            buffer.append(random.pick(javaFrames))
            buffer.newline()
        }
    }

    private static func writeNodeProblemDetector(_ buffer: inout TextBuffer, _ clock: inout SyslogClock,
                                                 _ host: HostProfile, _ random: inout SeededRandom)
    {
        let pid = 2000 + random.below(300)
        let totalVM = random.inRange(200_000...9_000_000)
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "node-problem-detector", pid: pid)
        buffer.append("I")
        clock.appendKlogStamp(to: &buffer)
        buffer.appendZeroPadded(random.below(1000), digits: 3)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.appendDecimal(pid, width: 7)
        buffer.append(" log_monitor.go:160] New status generated: &{Source:kernel-monitor Events:[{Severity:warn ")
        buffer.append("Reason:OOMKilling Message:Killed process ")
        LogTextPieces.appendProcessID(to: &buffer, random: &random)
        buffer.append(" (")
        buffer.append(random.pick(victims))
        buffer.append(") total-vm:")
        buffer.appendDecimal(totalVM)
        buffer.append("kB, anon-rss:")
        buffer.appendDecimal(totalVM / 2)
        buffer.append("kB, file-rss:0kB, shmem-rss:0kB}] Conditions:[]}")
        buffer.newline()
    }

    private static let hungTasks: [(name: StaticString, frames: [StaticString])] = [
        ("jbd2/sda1-8", [" io_schedule+0x46/0x70", " bit_wait_io+0x11/0x70", " __wait_on_bit+0x33/0xa0",
                         " out_of_line_wait_on_bit+0x8d/0xb0", " jbd2_journal_commit_transaction+0x16a2/0x1a80",
                         " kjournald2+0xa9/0x280", " kthread+0x127/0x150", " ret_from_fork+0x1f/0x30"]),
        ("kworker/u8:2", [" io_schedule+0x46/0x70", " folio_wait_bit_common+0x13d/0x350",
                          " writeback_sb_inodes+0x1e2/0x460", " __writeback_inodes_wb+0x4c/0xe0",
                          " wb_writeback+0x1d7/0x2d0", " wb_workfn+0x2e6/0x4b0", " process_one_work+0x1e5/0x3b0",
                          " worker_thread+0x50/0x3a0", " kthread+0xe8/0x120", " ret_from_fork+0x34/0x50"]),
        ("postgres", [" rwsem_down_write_slowpath+0x23c/0x4e0", " down_write+0x4d/0x60",
                      " ext4_buffered_write_iter+0x3c/0x140", " vfs_write+0x23f/0x410", " ksys_write+0x6f/0xf0",
                      " do_syscall_64+0x58/0xc0", " entry_SYSCALL_64_after_hwframe+0x6e/0xd8"]),
    ]

    private static func writeHungTaskTrace(_ buffer: inout TextBuffer, _ clock: inout SyslogClock,
                                           _ host: HostProfile, _ random: inout SeededRandom)
    {
        let task = random.pick(hungTasks)
        let pid = random.inRange(200...60_000)
        var block = KernelMessageBlock()
        block.line { text in
            text.append("INFO: task ")
            text.append(task.name)
            text.append(":")
            text.appendDecimal(pid)
            text.append(" blocked for more than ")
            text.appendDecimal(120 * random.inRange(1...4))
            text.append(" seconds.")
        }
        block.line { text in
            text.append("      Not tainted ")
            text.append(string: host.kernel.release)
            text.append(" ")
            text.append(string: host.kernel.buildTag)
        }
        block.line("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.")
        block.line { text in
            text.append("task:")
            text.append(task.name)
            text.append(repeating: UInt8(ascii: " "), count: 15 - task.name.utf8CodeUnitCount)
            text.append(" state:D stack:0     pid:")
            text.appendDecimal(pid, width: 5)
            text.append(" ppid:2      flags:0x00004000")
        }
        block.line("Call Trace:")
        if host.kernel.traceHasTaskMarkers { block.line(" <TASK>") }
        block.line(" __schedule+0x2cd/0x8a0")
        block.line(" schedule+0x4e/0xc0")
        for frame in task.frames { block.line { $0.append(frame) } }
        if host.kernel.traceHasTaskMarkers { block.line(" </TASK>") }
        var uptime = SyslogPrefix.uptimeMicroseconds(host: host, clock: clock, random: &random)
        for index in block.lines.indices {
            SyslogPrefix.appendKernel(to: &buffer, clock: &clock, host: host, uptimeMicroseconds: uptime)
            buffer.append(block.lineText(index))
            buffer.newline()
            uptime += Int64(random.inRange(2...40))
        }
    }
}
