import Foundation
import OOMLensCore
import OOMLensSinkAPI
import Testing

/// Every case in `../shared/peer-cases/*/expected.json`: the facts the peers' own tests assert, in our names.
struct PeerCaseTests {
    /// Peers that list the kills of a log: count, victims in order, cgroups and constraint where given.
    @Test(arguments: ["cadvisor", "oom-messages-exporter", "oom_investigate"])
    func killListsMatch(folder: String) throws {
        let cases = PeerCases.cases(folder).filter { $0.expected["ooms"] != nil }
        #expect(!cases.isEmpty, "no cases found under \(PeerCases.root)/\(folder)")
        for c in cases {
            let ooms = PeerCases.events(c.inputs).filter { $0.kind == .oom }
            let expected = c.expected["ooms"] as? [[String: Any]] ?? []
            let name = c.inputs.map { ($0 as NSString).lastPathComponent }.joined(separator: "+")
            #expect(ooms.count == (c.expected["oom_count"] as? Int ?? expected.count), "\(name): OOM count")
            for (i, want) in expected.enumerated() where i < ooms.count {
                let got = ooms[i]
                #expect(got.victimPid == want["victim_pid"] as? Int, "\(name) #\(i): victim pid")
                #expect(got.victimName == want["victim_name"] as? String, "\(name) #\(i): victim name")
                if let task = want["task_cgroup"] as? String {
                    #expect((got.memcg?.task_cgroup ?? "/") == task, "\(name) #\(i): task cgroup")
                }
                if let limit = want["oom_cgroup"] as? String {
                    let ours = got.memcg?.oom_cgroup ?? "/"
                    #expect(ours == limit || (limit.isEmpty && ours == "/"), "\(name) #\(i): oom cgroup")
                }
            }
            if let host = c.expected["host"] as? String {
                #expect(ooms.allSatisfy { $0.host == host }, "\(name): host")
            }
            if let comm = c.expected["invoking_process"] as? String {
                #expect(ooms.first?.trigger?.comm == comm, "\(name): invoking process")
            }
            if let mask = c.expected["gfp_mask"] as? String {
                #expect(ooms.first?.trigger?.gfp_mask == mask, "\(name): gfp mask")
            }
            if let ram = c.expected["pages_ram"] as? Int {
                #expect(ooms.contains { $0.pages?["ram"] == Int64(ram) }, "\(name): pages RAM")
            }
        }
    }

    /// gpud: one event with a victim per OOM sequence, none for the rest.
    @Test func gpudEvents() {
        let cases = PeerCases.cases("gpud").filter { $0.expected["events"] != nil }
        #expect(cases.count == 13)
        for c in cases {
            let events = PeerCases.events(c.inputs).filter { $0.kind == .oom && $0.victim != nil }
            let want = (c.expected["events"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            let got = events.map { e in
                "victim process: \(e.victim!.comm), pid: \(e.victim!.pid)"
            }
            #expect(got == want.map { String($0[$0.range(of: "victim process:")!.lowerBound...]) },
                    "\(c.inputs[0])")
        }
    }

    /// node-problem-detector: a memcg "Kill process" + "Killed process" pair is one OOM kill.
    @Test func nodeProblemDetectorKill() throws {
        let c = try #require(PeerCases.cases("node-problem-detector").first)
        let events = PeerCases.events(c.inputs)
        #expect(events.count == 1)
        let e = try #require(events.first)
        #expect(e.kind == .oom)
        #expect(!e.complete)
        #expect(e.victim?.pid == 1012)
        #expect(e.victim?.comm == "heapster")
        #expect(e.victim?.anon_rss_kb == 306_328)
        #expect(e.victim?.shmem_rss_kb == 12_345)
        #expect(e.kill?.score == 1035)
    }

    /// hhvm: one dmesg selection line is the OOM kill of hh_server.
    @Test func hhvmDmesgLine() throws {
        let c = try #require(PeerCases.cases("hhvm").first)
        let events = PeerCases.events(c.inputs)
        #expect(events.count == 1)
        #expect(events.first?.kill?.pid == 2_758_734)
        #expect(events.first?.kill?.comm == "hh_server")
        #expect(events.first?.complete == false)
    }

    /// cAdvisor's single lines, each fed alone.
    @Test func cadvisorUnitLines() throws {
        let c = try #require(PeerCases.cases("cadvisor").first { $0.expected["per_line"] != nil })
        let text = try String(contentsOfFile: c.inputs[0], encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = PeerCases.events(text: lines[0] + "\n")
        #expect(header.count == 1 && header[0].trigger?.comm == "ruby" && header[0].victim == nil)
        let killed = PeerCases.events(text: lines[1] + "\n")
        #expect(killed.first?.victim?.pid == 19667 && killed.first?.victim?.comm == "evil-program2")
        let summary = PeerCases.events(text: lines[3] + "\n")
        #expect(summary.first?.constraint == "CONSTRAINT_MEMCG")
        #expect(summary.first?.victimPid == 966 && summary.first?.victimName == "manager")
        #expect(summary.first?.memcg?.oom_cgroup == "/kubepods/burstable/podfbdfe8e3-1c87-4ff2-907c-b2ec8e25d012")
        // "Task in … killed as a result of limit of …" inside a report gives both cgroups.
        let memcg = PeerCases.events(text: lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n")
        #expect(memcg.count == 1)
        #expect(memcg.first?.memcg?.task_cgroup == "/mem2" && memcg.first?.memcg?.oom_cgroup == "/mem3")
    }

    /// cAdvisor's generated names: odd process names survive the kill line.
    @Test(arguments: ["foo", "python3.4", "foo-bar", "Plex Media Server", "x86_64-pc-linux-gnu-c++-5.4.0", "[", "()",
                      "\"with quotes\""])
    func oddVictimNames(name: String) {
        let events = PeerCases.events(text: "Killed process 1234 (\(name)) total-vm:1kB, anon-rss:1kB, file-rss:0kB\n")
        #expect(events.first?.victim?.pid == 1234)
        #expect(events.first?.victim?.comm == name)
    }

    /// The project's seed: a 32-bit 3.14 report, decoded in full.
    @Test func seedLowmemReport() throws {
        let c = try #require(PeerCases.cases("seeds").first { $0.inputs[0].hasSuffix("seed-3.14-i686-lowmem.log") })
        let x = c.expected
        let events = PeerCases.events(c.inputs)
        #expect(events.count == 1)
        let e = try #require(events.first)
        #expect(e.kind == .oom && e.complete && e.host == "ldr")
        #expect(e.kernel.release == x["kernel_release"] as? String)
        #expect(e.trigger?.comm == "python" && e.trigger?.pid == 593 && e.trigger?.gfp_mask == "0x2084d0")
        #expect(e.trigger?.order == 0 && e.trigger?.oom_score_adj == 0 && e.trigger?.mems_allowed == "0")
        try checkZones(e, x)
        #expect(e.swap?.total_kb == 0 && e.swap?.free_kb == 0)
        #expect(e.pages?["ram"] == 523_470 && e.pages?["highmem"] == 296_242 && e.pages?["reserved"] == 0)
        #expect(e.tasks.count == 31)
        #expect(e.kill == OOMEvent.Kill(pid: 1386, comm: "python", score: 2))
        #expect(e.victim?.pid == 593 && e.victim?.comm == "python")
        #expect(e.victim?.total_vm_kb == 18720 && e.victim?.anon_rss_kb == 2184 && e.victim?.file_rss_kb == 656)
    }

    /// The busybox seed: only zone and buddy lines, no OOM around them: a memory dump.
    @Test func seedBusyboxDump() throws {
        let c = try #require(PeerCases.cases("seeds").first { $0.inputs[0].hasSuffix("seed-busybox-2.6-zone-dump.log") })
        let events = PeerCases.events(c.inputs)
        #expect(events.filter { $0.kind == .oom }.isEmpty)
        let dumps = events.filter { $0.kind == .memoryDump }
        #expect(dumps.count == 1)
        let e = try #require(dumps.first)
        #expect(!e.complete && e.host == "xx")
        try checkZones(e, c.expected)
    }

    /// Zone and buddy facts in the seeds' layout: `zones.NAME.*` and `buddy.NAME.{counts,types,total_kb,empty}`.
    func checkZones(_ e: OOMEvent, _ x: [String: Any]) throws {
        let zones = x["zones"] as? [String: [String: Any]] ?? [:]
        for (name, want) in zones {
            let z = try #require(e.zones.first { $0.zone == name }, "zone \(name)")
            for key in ["free_kb", "min_kb", "low_kb", "high_kb", "present_kb", "managed_kb"] {
                guard let v = want[key] as? Int else { continue }
                let ours: Int64? = switch key {
                case "free_kb": z.free_kb
                case "min_kb": z.min_kb
                case "low_kb": z.low_kb
                case "high_kb": z.high_kb
                case "present_kb": z.present_kb
                default: z.managed_kb
                }
                #expect(ours == Int64(v), "\(name).\(key)")
            }
            if let r = want["lowmem_reserve_pages"] as? [Int] {
                #expect(z.lowmem_reserve_pages == r.map(Int64.init), "\(name).lowmem_reserve_pages")
            }
            if let u = want["all_unreclaimable"] as? Bool {
                #expect(z.all_unreclaimable == u, "\(name).all_unreclaimable")
            }
        }
        let buddy = x["buddy"] as? [String: [String: Any]] ?? [:]
        for (name, want) in buddy {
            let z = try #require(e.zones.first { $0.zone == name && $0.buddy != nil }, "buddy \(name)")
            if let counts = want["counts"] as? [Int] {
                #expect(z.buddy?.counts == counts.map(Int64.init), "\(name) buddy counts")
            }
            if let total = want["total_kb"] as? Int {
                #expect(z.buddy?.total_kb == Int64(total), "\(name) buddy total")
            }
            if let types = want["types"] as? [Any] {
                #expect(z.buddy?.types == types.map { $0 as? String }, "\(name) buddy types")
            }
            if want["empty"] as? Bool == true {
                #expect(z.buddy?.counts.allSatisfy { $0 == 0 } == true, "\(name) buddy empty")
            }
        }
    }
}
