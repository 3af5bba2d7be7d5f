import Foundation
import OOMLensCore
import OOMLensSinkAPI
import Testing

/// The deep-analysis peers (OOMAnalyser, parseoom): decoded numbers of full reports.
struct PeerCaseDetailTests {
    func report(_ folder: String, _ file: String) throws -> (OOMEvent, [String: Any]) {
        let c = try #require(PeerCases.cases(folder).first { $0.inputs[0].hasSuffix("/" + file) })
        let ooms = PeerCases.events(c.inputs).filter { $0.kind == .oom }
        #expect(ooms.count == 1, "\(file): one report")
        return (try #require(ooms.first), c.expected)
    }

    @Test func oomAnalyserRHEL7() throws {
        let (e, x) = try report("OOMAnalyser", "example_rhel7.log")
        #expect(e.kernel.release == x["kernel_version"] as? String)
        #expect(e.trigger?.comm == "sed" && e.trigger?.pid == 29481)
        #expect(e.trigger?.gfp_mask == "0x201da" && e.trigger?.order == 0)
        #expect(e.kill?.score == 651)
        #expect(e.complete)
        // Watermarks per zone and NUMA node.
        let marks = x["watermarks"] as? [String: [String: [String: Int]]] ?? [:]
        #expect(marks.count == 3)
        for (zone, nodes) in marks {
            for (node, values) in nodes {
                let z = try #require(e.zones.first { $0.zone == zone && $0.node == Int(node) }, "\(zone) node \(node)")
                for (k, v) in values {
                    let ours: Int64? = ["free_kb": z.free_kb, "min_kb": z.min_kb, "low_kb": z.low_kb, "high_kb": z.high_kb][k] ?? nil
                    #expect(ours == Int64(v), "\(zone) node \(node) \(k)")
                }
            }
        }
        // Buddy chunks per order and node.
        let chunks = x["buddyinfo_chunks"] as? [String: [String: [String: Int]]] ?? [:]
        for (zone, orders) in chunks {
            for (order, perNode) in orders {
                for (node, value) in perNode where node.hasPrefix("node") {
                    let n = Int(node.dropFirst(4))
                    let z = try #require(e.zones.first { $0.zone == zone && $0.node == n && $0.buddy != nil })
                    if order == "total_free_kb" {
                        #expect(z.buddy?.total_kb == Int64(value), "\(zone) \(node) buddy total")
                    } else if let o = Int(order.dropFirst(5)) {
                        #expect(z.buddy?.counts[o] == Int64(value), "\(zone) \(node) \(order)")
                    }
                }
            }
        }
        #expect(e.zones.compactMap(\.buddy?.page_kb).allSatisfy { $0 == 4 })
        #expect(e.zones.compactMap(\.buddy?.counts.count).allSatisfy { $0 == 11 })
        try checkTaskNames(e, x)
        #expect(e.swap?.total_kb == 8_388_604 && e.swap?.free_kb == 0)
        #expect(e.swap?.cache_pages.map { $0 * 4 } == 45_368)
    }

    @Test func oomAnalyserArch61() throws {
        let (e, x) = try report("OOMAnalyser", "example_archlinux_6_1_1.log")
        #expect(e.trigger?.comm == x["invoking_process"] as? String)
        #expect(e.trigger?.pid == x["invoking_pid"] as? Int)
        #expect(e.trigger?.gfp_mask == "0x140dca")
        #expect(Set(e.trigger?.gfp_flags_printed ?? []) == ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP", "__GFP_ZERO"])
        #expect(e.swap?.free_kb == 84 && e.swap?.total_kb == 25_165_820)
        #expect(e.swap?.cache_pages.map { $0 * 4 } == 99_452)
        let first = try #require(e.zones.first)
        #expect(first.node == 0 && first.zone == "DMA" && first.free_kb == 13312 && first.min_kb == 64 && first.low_kb == 80)
        #expect(first.fields_kb["boost"] == 0)
        #expect(first.buddy?.counts.prefix(5) == [0, 0, 0, 0, 0])
        #expect(e.tasks.contains { $0.pgtables_bytes != nil })
        #expect(e.victim?.pid == 473_206 && e.victim?.comm == "doxygen")
        #expect(e.constraint == "CONSTRAINT_NONE")
    }

    @Test func oomAnalyserUbuntuManual() throws {
        let (e, x) = try report("OOMAnalyser", "example_ubuntu2110.log")
        #expect(e.trigger?.gfp_mask == "0xcc0" && e.trigger?.gfp_flags_printed == ["GFP_KERNEL"])
        #expect(e.trigger?.order == -1)
        let first = try #require(e.zones.first)
        #expect(first.zone == "DMA" && first.free_kb == 15036 && first.min_kb == 352 && first.high_kb == 528)
        #expect(e.swap?.total_kb == 0)
        try checkTaskNames(e, x)
        #expect(e.tasks.contains { $0.pgtables_bytes != nil })
    }

    @Test func oomAnalyserProxmoxCgroupV2() throws {
        let (e, x) = try report("OOMAnalyser", "example_proxmox_cgroup_oom.log")
        #expect(e.memcg != nil)
        #expect(e.memcg?.swap == OOMEvent.CounterUsage(usage_kb: 0, limit_kb: 0, failcnt: 0))
        #expect(e.memcg?.usage_kb == 31_211_520 && e.memcg?.limit_kb == 31_211_520 && e.memcg?.failcnt == 83420)
        #expect(e.memcg?.stats?["anon"] == 31_154_200_576)
        #expect(e.victim?.pid == x["victim_pid"] as? Int && e.victim?.comm == x["victim_name"] as? String)
        let resident = (e.victim?.anon_rss_kb ?? 0) + (e.victim?.file_rss_kb ?? 0) + (e.victim?.shmem_rss_kb ?? 0)
        #expect(resident == Int64(x["victim_resident_kb"] as? Int ?? -1))
        #expect(e.constraint == "CONSTRAINT_MEMCG")
    }

    @Test func parseoomDebian510() throws {
        let (e, _) = try report("parseoom", "messages")
        #expect(e.meminfo?["shmem"] == 147)
        #expect(e.swap?.free_kb == 0)
        #expect(e.tasks.contains { $0.name == "clamd" && $0.pid == 517 && $0.rss_pages == 422_324 && $0.pgtables_bytes == 4_395_008 })
        #expect(e.victim?.pid == 517 && e.victim?.comm == "clamd" && e.victim?.anon_rss_kb == 1_689_296)
        #expect(e.trigger?.comm == "f2b/f.postfix")
        #expect(e.kernel.release == "5.10.0-10-amd64")
        #expect(e.memcg == nil)  // a global OOM: the victim's cgroup is on the victim
        #expect(e.victim?.cgroup == "/system.slice/clamav-daemon.service")
    }

    func checkTaskNames(_ e: OOMEvent, _ x: [String: Any]) throws {
        let names = x["process_table_names"] as? [String: String] ?? [:]
        #expect(!names.isEmpty)
        for (pid, name) in names {
            #expect(e.tasks.first { $0.pid == Int(pid) }?.name == name, "task \(pid)")
        }
    }
}
