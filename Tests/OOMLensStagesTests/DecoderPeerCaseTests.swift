import Foundation
import OOMLensSinkAPI
import OOMLensStages
import Testing

/// Builds decoder input: hand-written kernel messages, or the reports of a real log under
/// `../shared/peer-cases`, with the log prefix removed the simple way.
enum DecoderInput {
    /// One `ReportLine` per line of `text`; lines that begin with white space are continuations.
    static func lines(_ text: String) -> [ReportLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            guard !raw.allSatisfy(\.isWhitespace) else { return nil }
            return line(String(raw), number: index + 1)
        }
    }

    /// A fresh event to decode into.
    static func event() -> OOMEvent {
        OOMEvent(id: "test", kind: .oom, complete: false, source: .init(path: "-", first_line: 1, last_line: 1))
    }

    /// Decodes `text` (hand-written messages) into a fresh event.
    static func decode(_ text: String) -> OOMEvent {
        var event = event()
        ReportDecoder.decode(lines(text), into: &event)
        return event
    }

    /// The path of a file under the shared peer cases, found from this source file.
    static func peerCase(_ relative: String) -> URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1, !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/peer-cases").appendingPathComponent(relative)
    }

    /// The kernel messages of a real log, split into reports at each trigger line (lines before the first
    /// trigger are dropped). Lines of other programs are left out.
    static func reports(inPeerCase relative: String) throws -> [[ReportLine]] {
        let text = try String(contentsOf: peerCase(relative), encoding: .utf8)
        var reports: [[ReportLine]] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let message = kernelMessage(String(raw)) else { continue }
            let line = line(message, number: index + 1)
            if line.text.contains(" invoked oom-killer: ") || line.text.hasPrefix("oom-killer: ") {
                reports.append([line])
            } else if !reports.isEmpty, !line.text.isEmpty {
                reports[reports.count - 1].append(line)
            }
        }
        return reports
    }

    /// Every kernel message of a real log as one report (for dumps without a trigger line).
    static func allLines(inPeerCase relative: String) throws -> [ReportLine] {
        let text = try String(contentsOf: peerCase(relative), encoding: .utf8)
        return text.split(separator: "\n").enumerated().compactMap { index, raw in
            kernelMessage(String(raw)).map { line($0, number: index + 1) }
        }
    }

    /// Decodes the `index`th report of a real log.
    static func decodeReport(_ index: Int = 0, inPeerCase relative: String) throws -> OOMEvent {
        let all = try reports(inPeerCase: relative)
        try #require(all.count > index)
        var event = event()
        ReportDecoder.decode(all[index], into: &event)
        return event
    }

    /// The kernel text of a log line: after `kernel: ` in syslog lines, after a leading `[…]` timestamp that
    /// holds `.` or `:`; a line of another program (a syslog prefix without `kernel: `) is `nil`. A line
    /// without any prefix is returned whole (a bare log, or a message the transport broke in two).
    private static func kernelMessage(_ raw: String) -> String? {
        var text = Substring(raw)
        if let range = text.range(of: " kernel: ") {
            text = text[range.upperBound...]
        } else if isSyslogPrefixed(text) {
            return nil
        }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let inside = text[text.index(after: text.startIndex)..<close]
            if inside.contains(".") || inside.contains(":") {
                text = text[text.index(after: close)...]
                if text.hasPrefix(" ") { text = text.dropFirst() }
            }
        }
        return String(text)
    }

    private static func isSyslogPrefixed(_ text: Substring) -> Bool {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return text.count > 16 && months.contains(String(text.prefix(3))) && text.dropFirst(3).hasPrefix(" ")
    }

    private static func line(_ message: String, number: Int) -> ReportLine {
        let trimmed = message.drop(while: { $0 == " " || $0 == "\t" })
        return ReportLine(text: String(trimmed), lineNumber: number, continuation: trimmed.count != message.count)
    }
}

/// The facts the peers' expected.json files assert, checked against the decoder on their real logs.
@Suite struct DecoderPeerCaseTests {
    private func zone(_ event: OOMEvent, _ name: String, node: Int? = nil) throws -> OOMEvent.Zone {
        try #require(event.zones.first { $0.zone == name && $0.node == node })
    }

    @Test func seed314LowmemReport() throws {
        let all = try DecoderInput.reports(inPeerCase: "seeds/seed-3.14-i686-lowmem.log")
        #expect(all.count == 1)
        let event = try DecoderInput.decodeReport(inPeerCase: "seeds/seed-3.14-i686-lowmem.log")
        #expect(event.kernel.release == "3.14.24-wt-ldr-TC")
        #expect(event.kernel.era == "3.8-4.5")
        let trigger = try #require(event.trigger)
        #expect(trigger.comm == "python")
        #expect(trigger.pid == 593)
        #expect(trigger.gfp_mask == "0x2084d0")
        #expect(trigger.gfp_flags_printed == nil)
        #expect(trigger.order == 0)
        #expect(trigger.oom_score_adj == 0)
        #expect(trigger.cpuset == "/")
        #expect(trigger.mems_allowed == "0")

        #expect(event.zones.map(\.zone) == ["DMA", "Normal", "HighMem"])
        let dma = try zone(event, "DMA")
        #expect([dma.free_kb, dma.min_kb, dma.low_kb, dma.high_kb] == [3388, 64, 80, 96])
        #expect(dma.present_kb == 15992 && dma.managed_kb == 15916)
        #expect(dma.lowmem_reserve_pages == [0, 839, 1996, 1996])
        #expect(dma.all_unreclaimable == true)
        #expect(dma.fields["pages_scanned"] == 0)
        #expect(dma.fields_kb["kernel_stack"] == 16)
        #expect(dma.fields_kb["isolated(anon)"] == 0)
        #expect(dma.buddy?.counts == [21, 15, 9, 9, 5, 3, 2, 1, 1, 0, 0])
        #expect(dma.buddy?.total_kb == 3388)
        let normal = try zone(event, "Normal")
        #expect([normal.free_kb, normal.min_kb, normal.low_kb, normal.high_kb] == [3556, 3672, 4588, 5508])
        #expect(normal.present_kb == 892920 && normal.managed_kb == 860136)
        #expect(normal.lowmem_reserve_pages == [0, 0, 9257, 9257])
        #expect(normal.all_unreclaimable == true)
        #expect(normal.buddy?.page_kb == 4)
        #expect(normal.buddy?.counts == [333, 269, 0, 1, 1, 0, 0, 0, 0, 0, 0])
        #expect(normal.buddy?.types == ["UEM", "M", nil, "R", "R", nil, nil, nil, nil, nil, nil])
        #expect(normal.buddy?.total_kb == 3580)
        #expect(normal.buddy?.total_mismatch == nil)
        let highmem = try zone(event, "HighMem")
        #expect([highmem.free_kb, highmem.min_kb, highmem.low_kb, highmem.high_kb] == [1155752, 512, 1776, 3040])
        #expect(highmem.present_kb == 1184968)
        #expect(highmem.lowmem_reserve_pages == [0, 0, 0, 0])
        #expect(highmem.all_unreclaimable == false)
        #expect(highmem.buddy?.counts == [1085, 1427, 1298, 1116, 933, 723, 506, 280, 103, 28, 121])
        #expect(highmem.buddy?.total_kb == 1155820)

        #expect(event.meminfo?["active_anon"] == 3208)
        #expect(event.meminfo?["free"] == 290674)
        #expect(event.meminfo?["free_cma"] == 0)
        #expect(event.meminfo?.count == 18)
        #expect(event.swap?.total_kb == 0 && event.swap?.free_kb == 0 && event.swap?.cache_pages == 0)
        #expect(event.pages == ["pagecache": 5177, "ram": 523470, "highmem": 296242, "reserved": 0])
        #expect(event.tasks.count == 31)
        #expect(event.tasks.first { $0.pid == 593 }?.rss_pages == 710)
        #expect(event.tasks.last?.name == "cron")
        #expect(event.kill == OOMEvent.Kill(pid: 1386, comm: "python", score: 2))
        #expect(event.kill_message == "Out of memory")
        let victim = try #require(event.victim)
        #expect(victim.pid == 593 && victim.comm == "python")
        #expect(victim.total_vm_kb == 18720 && victim.anon_rss_kb == 2184 && victim.file_rss_kb == 656)
        #expect(event.outcome == "killed")
    }

    @Test func busyboxZoneDumpWithoutZoneLinesForEveryBuddyLine() throws {
        var event = DecoderInput.event()
        ReportDecoder.decode(try DecoderInput.allLines(inPeerCase: "seeds/seed-busybox-2.6-zone-dump.log"), into: &event)
        #expect(event.zones.map(\.zone) == ["DMA", "DMA32", "Normal", "HighMem"])
        let dma = try zone(event, "DMA")
        #expect([dma.free_kb, dma.min_kb, dma.low_kb, dma.high_kb, dma.present_kb] == [3548, 68, 84, 100, 16384])
        #expect(dma.fields_kb["active"] == 0 && dma.fields_kb["inactive"] == 0)
        #expect(dma.lowmem_reserve_pages == [0, 0, 880, 4080])
        #expect(dma.all_unreclaimable == true)
        #expect(dma.buddy?.counts == [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0])
        #expect(dma.buddy?.total_kb == 3548)
        #expect(dma.buddy?.types == nil)
        let dma32 = try zone(event, "DMA32")
        #expect(dma32.free_kb == 0 && dma32.min_kb == 0 && dma32.present_kb == 0)
        #expect(dma32.lowmem_reserve_pages == [0, 0, 880, 4080])
        #expect(dma32.all_unreclaimable == false)
        #expect(dma32.buddy?.empty == true)
        #expect(dma32.buddy?.counts == [])
        let normal = try zone(event, "Normal")
        #expect([normal.free_kb, normal.min_kb, normal.low_kb, normal.high_kb] == [1340, 3756, 4692, 5632])
        #expect(normal.present_kb == 901120)
        #expect(normal.fields["pages_scanned"] == 2456536)
        #expect(normal.lowmem_reserve_pages == [0, 0, 0, 25600])
        #expect(normal.buddy?.counts == [1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        #expect(normal.buddy?.total_kb == 1340)
        let highmem = try zone(event, "HighMem")
        #expect(highmem.free_kb == 1615600 && highmem.min_kb == 512 && highmem.present_kb == 3276800)
        #expect(highmem.lowmem_reserve_pages == [0, 0, 0, 0])
        #expect(highmem.buddy?.total_kb == 1615600)
        #expect(event.trigger == nil)
        #expect(event.kernel.era == nil)
    }

    @Test func oomAnalyserRHEL7WithEscapedCounters() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "OOMAnalyser/example_rhel7.log")
        #expect(event.kernel.release == "3.10.0-514.6.1.el7.x86_64")
        #expect(event.kernel.era == "3.8-4.5")
        #expect(event.trigger?.comm == "sed" && event.trigger?.pid == 29481)
        #expect(event.trigger?.gfp_mask == "0x201da" && event.trigger?.order == 0)
        #expect(event.trigger?.mems_allowed == "0-1")
        #expect(event.meminfo?["isolated_anon"] == 0)
        #expect(event.meminfo?["active_file"] == 1263)
        #expect(event.meminfo?["free"] == 39513)
        #expect(event.meminfo?["free_pcp"] == 2958)
        let normal0 = try zone(event, "Normal", node: 0)
        #expect(normal0.free_kb == 36692 && normal0.min_kb == 36784)
        let normal1 = try zone(event, "Normal", node: 1)
        #expect(normal1.low_kb == 56804 && normal1.high_kb == 68164)
        #expect(try zone(event, "DMA", node: 0).free_kb == 15872)
        #expect(try zone(event, "DMA", node: 0).high_kb == 60)
        #expect(try zone(event, "DMA32", node: 0).free_kb == 59728)
        #expect(try zone(event, "DMA32", node: 0).low_kb == 9788)
        #expect(normal0.buddy?.counts[0] == 1231 && normal1.buddy?.counts[0] == 2245)
        #expect(normal0.buddy?.counts[6] == 0 && normal1.buddy?.counts[6] == 2)
        #expect(normal0.buddy?.total_kb == 38260 && normal1.buddy?.total_kb == 50836)
        #expect(try zone(event, "DMA", node: 0).buddy?.counts[5] == 1)
        #expect(try zone(event, "DMA32", node: 0).buddy?.counts[4] == 157)
        #expect(normal0.buddy?.page_kb == 4 && normal0.buddy?.counts.count == 11)
        #expect(try zone(event, "DMA32", node: 0).buddy?.total_kb == 63668)
        #expect(try zone(event, "DMA32", node: 0).buddy?.total_mismatch == nil)
        #expect(event.hugepages?.count == 4)
        #expect(event.hugepages?.last == {
            var line = OOMEvent.HugePages(node: 1)
            line.total = 0; line.free = 0; line.surp = 0; line.size_kb = 2048
            return line
        }())
        #expect(event.swap?.cache_pages == 11342 && event.swap?.free_kb == 0 && event.swap?.total_kb == 8388604)
        #expect(event.pages?["ram"] == 8379834 && event.pages?["reserved"] == 192987)
        let names = Dictionary(uniqueKeysWithValues: event.tasks.map { ($0.pid, $0.name) })
        #expect(names[390] == "systemd-journal" && names[433] == "systemd-udevd" && names[868] == "sshd")
        #expect(names[6576] == "mysqld" && names[10635] == "sftp-server")
        let mysqld = try #require(event.tasks.first { $0.pid == 6576 })
        #expect(mysqld.uid == 12345 && mysqld.rss_pages == 5157063 && mysqld.nr_ptes == 15483)
        #expect(mysqld.swapents == 1527848 && mysqld.pgtables_bytes == nil)
        #expect(event.kill?.score == 651)
        #expect(event.victim?.pid == 6576 && event.victim?.anon_rss_kb == 20629004)
        #expect(event.victim?.total_vm_kb == 33914892 && event.victim?.shmem_rss_kb == 0)
    }

    @Test func oomAnalyserArchLinux611() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "OOMAnalyser/example_archlinux_6_1_1.log")
        #expect(event.kernel.release == "6.1.1-arch1-1")
        #expect(event.kernel.era == "5.1+")
        #expect(event.trigger?.comm == "doxygen" && event.trigger?.pid == 473206)
        #expect(event.trigger?.gfp_mask == "0x140dca")
        #expect(event.trigger?.gfp_flags_printed == ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP", "__GFP_ZERO"])
        #expect(event.swap?.cache_pages == 24863 && event.swap?.free_kb == 84 && event.swap?.total_kb == 25165820)
        let dma = try zone(event, "DMA", node: 0)
        #expect(dma.free_kb == 13312 && dma.fields_kb["boost"] == 0 && dma.min_kb == 64 && dma.low_kb == 80)
        #expect(dma.fields_kb["reserved_highatomic"] == 0)
        #expect(dma.lowmem_reserve_pages == [0, 3191, 15659, 15659, 15659])
        #expect(dma.buddy?.counts == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2])
        #expect(try zone(event, "Normal", node: 0).fields_kb["boost"] == 8192)
        let node = try #require(event.nodes?.first)
        #expect(node.node == 0 && node.all_unreclaimable == false)
        #expect(node.fields_kb["shmem_thp"] == 0 && node.fields_kb["anon_thp"] == 1236992)
        #expect(node.fields_kb["sec_pagetables"] == 0 && node.fields_kb["isolated(anon)"] == 0)
        #expect(event.pages?["cma_reserved"] == 0 && event.pages?["hwpoisoned"] == 0)
        let doxygen = try #require(event.tasks.first { $0.pid == 473206 })
        #expect(doxygen.pgtables_bytes == 60686336 && doxygen.swapents == 5225427 && doxygen.nr_ptes == nil)
        #expect(event.constraint == "CONSTRAINT_NONE")
        #expect(event.memcg == nil)
        #expect(event.victim?.pid == 473206 && event.victim?.comm == "doxygen")
        #expect(event.victim?.anon_rss_kb == 9234320 && event.victim?.uid == 504 && event.victim?.pgtables_kb == 59264)
        #expect(event.victim?.cgroup == "/user.slice/user-504.slice/session-2.scope")
        #expect(event.kill == nil)
        #expect(event.reaped?.pid == 473206 && event.reaped?.anon_rss_kb == 0)
    }

    @Test func oomAnalyserUbuntuManualOOM() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "OOMAnalyser/example_ubuntu2110.log")
        #expect(event.kernel.release == "5.13.0-19-generic")
        #expect(event.trigger?.comm == "kworker/0:2")
        #expect(event.trigger?.gfp_mask == "0xcc0" && event.trigger?.gfp_flags_printed == ["GFP_KERNEL"])
        #expect(event.trigger?.order == -1)
        #expect(event.swap?.total_kb == 0)
        #expect(event.zones.map(\.zone) == ["DMA", "DMA32"])
        let dma = try zone(event, "DMA", node: 0)
        #expect([dma.free_kb, dma.min_kb, dma.low_kb, dma.high_kb] == [15036, 352, 440, 528])
        let names = Dictionary(uniqueKeysWithValues: event.tasks.map { ($0.pid, $0.name) })
        #expect(names[323] == "systemd-journal" && names[542] == "systemd-timesyn")
        #expect(names[608] == "networkd-dispat" && names[857] == "(sd-pam)" && names[651] == "unattended-upgr")
        #expect(event.tasks.first?.pgtables_bytes == 77824)
        #expect(event.victim?.pid == 651 && event.victim?.comm == "unattended-upgr" && event.victim?.anon_rss_kb == 8380)
    }

    @Test func oomAnalyserProxmoxCgroupV2() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "OOMAnalyser/example_proxmox_cgroup_oom.log")
        #expect(event.kernel.release == "5.15.158-2-pve")
        #expect(event.trigger?.comm == "php-fpm" && event.trigger?.gfp_mask == "0x1100cca")
        #expect(event.constraint == "CONSTRAINT_MEMCG")
        let memcg = try #require(event.memcg)
        #expect(memcg.oom_cgroup == "/lxc/39004")
        #expect(memcg.task_cgroup?.hasPrefix("/lxc/39004/ns/system.slice/docker-a59e4e7d3090") == true)
        #expect(memcg.usage_kb == 31211520 && memcg.limit_kb == 31211520 && memcg.failcnt == 83420)
        #expect(memcg.swap == OOMEvent.CounterUsage(usage_kb: 0, limit_kb: 0, failcnt: 0))
        #expect(memcg.memsw == nil)
        #expect(memcg.stats?["anon"] == 31154200576 && memcg.stats?["file"] == 688283648)
        #expect(memcg.stats?["thp_collapse_alloc"] == 0 && memcg.stats?["pglazyfreed"] == 1817)
        #expect(memcg.stats?.count == 40)
        #expect(event.tasks.count == 73)
        #expect(event.victim?.pid == 3902942 && event.victim?.comm == "php-fpm")
        #expect(event.victim?.anon_rss_kb == 12625252 && event.victim?.file_rss_kb == 0 && event.victim?.shmem_rss_kb == 156088)
        #expect(event.kill_message == "Memory cgroup out of memory")
        #expect(event.meminfo == nil)
    }

    @Test func parseoomDamagedLinesAreRepairedOrSkipped() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "parseoom/messages")
        #expect(event.kernel.release == "5.10.0-10-amd64")
        #expect(event.trigger?.comm == "f2b/f.postfix" && event.trigger?.gfp_flags_printed == ["GFP_HIGHUSER_MOVABLE"])
        #expect(event.meminfo?["shmem"] == 147)
        #expect(event.swap?.free_kb == 0)
        #expect(try zone(event, "DMA", node: 0).free_kb == 8092 && zone(event, "DMA", node: 0).min_kb == 356)
        let dma32 = try zone(event, "DMA32", node: 0)
        #expect(dma32.free_kb == 44672 && dma32.min_kb == 44696)
        // The zone line broken after `active_anon:` is joined with the next line.
        #expect(dma32.fields_kb["active_anon"] == 278804 && dma32.managed_kb == 2014556)
        // `4*5 12kB` is read as 4*512kB.
        #expect(try zone(event, "DMA", node: 0).buddy?.counts == [1, 3, 2, 3, 2, 3, 5, 4, 2, 1, 0])
        #expect(try zone(event, "DMA", node: 0).buddy?.total_mismatch == nil)
        #expect(event.hugepages?.map(\.total) == [2, 12])
        #expect(event.pages?["ram"] == 5241540)
        #expect(event.tasks.count == 35)
        let clamd = try #require(event.tasks.first { $0.pid == 517 })
        #expect(clamd.uid == 111 && clamd.tgid == 517 && clamd.total_vm_pages == 590364 && clamd.rss_pages == 422324)
        #expect(clamd.pgtables_bytes == 4395008 && clamd.swapents == 107099 && clamd.oom_score_adj == 0)
        #expect(event.victim?.pid == 517 && event.victim?.anon_rss_kb == 1689296 && event.victim?.total_vm_kb == 2361456)
        #expect(event.victim?.cgroup == "/system.slice/clamav-daemon.service")
        #expect(event.constraint == "CONSTRAINT_NONE")
        #expect(event.reaped?.pid == 517)
    }

    @Test func rhel6ReportsWithUIDBeforeName() throws {
        let reports = try DecoderInput.reports(inPeerCase: "oom_investigate/messages")
        try #require(reports.count == 20)
        var first = DecoderInput.event()
        ReportDecoder.decode(reports[0], into: &first)
        #expect(first.kernel.release == "2.6.32-642.11.1.el6.x86_64")
        #expect(first.kernel.era == "2.6.36-3.7")
        #expect(first.trigger?.comm == "php-fpm" && first.trigger?.pid == 23212)
        #expect(first.trigger?.gfp_mask == "0x280da" && first.trigger?.order == 0)
        #expect(first.trigger?.oom_adj == 0 && first.trigger?.oom_score_adj == 0)
        #expect(first.pages?["ram"] == 8388607 && first.pages?["shared"] == 3155396 && first.pages?["nonshared"] == 8104267)
        #expect(first.victim?.pid == 40738 && first.victim?.comm == "mysqld" && first.victim?.uid == 27)
        #expect(first.victim?.total_vm_kb == 6424316 && first.victim?.file_rss_kb == 4)
        let udevd = try #require(first.tasks.first)
        #expect(udevd.pid == 788 && udevd.cpu == 7 && udevd.oom_adj == -17 && udevd.oom_score_adj == -1000)
        let victims = reports.map { lines -> OOMEvent.Victim? in
            var event = DecoderInput.event()
            ReportDecoder.decode(lines, into: &event)
            return event.victim
        }
        #expect(victims.compactMap { $0?.pid } == [
            40738, 13929, 14278, 14290, 14293, 14301, 14302, 14303, 14334, 14335,
            14358, 14361, 14362, 14393, 14396, 14397, 14418, 14419, 14420, 14421,
        ])
        #expect(victims.dropFirst().allSatisfy { $0?.comm == "php-fpm" })
    }

    @Test func rhel8ReportWith5xKillLine() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "oom_investigate/messages.1")
        #expect(event.kernel.release == "4.18.0-553.8.1.el8_10.x86_64")
        #expect(event.kernel.era == "5.1+")
        #expect(event.trigger?.comm == "in:imjournal" && event.trigger?.pid == 879)
        #expect(event.trigger?.gfp_mask == "0x6200ca" && event.trigger?.order == 0 && event.trigger?.oom_score_adj == 0)
        #expect(event.pages?["ram"] == 1572729)
        #expect(event.meminfo?["inactive_anon"] == 1327714)
        #expect(event.victim?.pid == 3117813 && event.victim?.comm == "cache-main")
    }

    @Test func rhel7MemcgReportsWithSpacesInNames() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "oom-messages-exporter/systemd_1.log")
        #expect(event.trigger?.comm == "node /opt/www/p" && event.trigger?.pid == 1847)
        #expect(event.trigger?.gfp_mask == "0xd0")
        let memcg = try #require(event.memcg)
        #expect(memcg.task_cgroup == "/system.slice/node-app.service" && memcg.oom_cgroup == "/system.slice/node-app.service")
        #expect(memcg.usage_kb == 1048576 && memcg.limit_kb == 1048576 && memcg.failcnt == 312166)
        #expect(memcg.memsw == OOMEvent.CounterUsage(usage_kb: 1048576, limit_kb: 9007199254740988, failcnt: 0))
        #expect(memcg.kmem?.usage_kb == 0)
        #expect(memcg.stats?["rss_kb"] == 1048576 && memcg.stats?["active_anon_kb"] == 1048432)
        #expect(event.tasks.map(\.name) == ["node", "node /opt/www/p", "node /opt/www/p", "node /opt/www/p", "node /opt/www/p"])
        #expect(event.kill?.pid == 1858 && event.kill?.comm == "node /opt/www/p" && event.kill?.score == 331)
        #expect(event.victim?.pid == 1847 && event.victim?.comm == "node /opt/www/p" && event.victim?.uid == 80)
        #expect(event.victim?.anon_rss_kb == 329556 && event.victim?.shmem_rss_kb == 0)
    }

    @Test func rhel8ContainerReportWithColonInVictimName() throws {
        let reports = try DecoderInput.reports(inPeerCase: "oom-messages-exporter/containerd_1.log")
        #expect(reports.count == 8)
        var event = DecoderInput.event()
        ReportDecoder.decode(reports[1], into: &event)
        #expect(event.victim?.pid == 235362 && event.victim?.comm == "php-fpm: pool w")
        #expect(event.constraint == "CONSTRAINT_MEMCG")
        #expect(event.memcg?.oom_cgroup != nil)
    }

    @Test func cadvisorDocker48MemcgWithReaper() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "cadvisor/stream-3a-docker-4.8-first-burst.log")
        #expect(event.kernel.release == "4.8.0-gentoo")
        #expect(event.kernel.era == "4.6-4.9")
        #expect(event.trigger?.gfp_flags_printed == ["GFP_KERNEL"])
        let cgroup = "/docker/2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50"
        #expect(event.memcg?.task_cgroup == cgroup && event.memcg?.oom_cgroup == cgroup)
        #expect(event.memcg?.memsw == OOMEvent.CounterUsage(usage_kb: 40940, limit_kb: 40960, failcnt: 6))
        #expect(event.tasks.first?.nr_pmds == 4 && event.tasks.first?.swapents == 5489)
        #expect(event.kill?.score == 1046)
        #expect(event.victim?.pid == 1381 && event.victim?.comm == "gunpowder-memho" && event.victim?.anon_rss_kb == 18624)
        #expect(event.reaped?.pid == 1381)
    }

    @Test func cadvisorSystemOOMHasNoMemcg() throws {
        let event = try DecoderInput.decodeReport(inPeerCase: "cadvisor/stream-2-system-3.13-badsysprogram.log")
        #expect(event.kernel.release == "3.13.0-27-generic")
        #expect(event.memcg == nil)
        #expect(try zone(event, "DMA", node: 0).free_kb == 7124 && zone(event, "DMA32", node: 0).min_kb == 44640)
        #expect(event.tasks.count == 28)
        #expect(event.victim?.pid == 1532 && event.victim?.comm == "badsysprogram")
        #expect(event.victim?.anon_rss_kb == 1595164 && event.victim?.file_rss_kb == 76 && event.victim?.total_vm_kb == 1641388)
    }

    @Test func hhvmSelectionLineAlone() throws {
        var event = DecoderInput.event()
        ReportDecoder.decode(try DecoderInput.allLines(inPeerCase: "hhvm/dmesg-oom-line.log"), into: &event)
        #expect(event.kill == OOMEvent.Kill(pid: 2758734, comm: "hh_server", score: 253))
        #expect(event.victim == nil)
        #expect(event.outcome == nil)
    }
}
