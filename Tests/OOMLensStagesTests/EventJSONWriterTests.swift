import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// The hand-written event writer (`OOMEvent.appendJSON(to:)`) writes exactly the bytes of the events' `Codable`
/// coding, as Foundation's `JSONEncoder` (sorted keys, slashes unescaped) and `CompactJSONEncoder`'s generic
/// path write them. A field added to the model but not to the writer makes these tests fail.
struct EventJSONWriterTests {
    private static func foundationJSON(_ event: OOMEvent) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(event))
    }

    /// The event through `Codable` and `CompactJSONEncoder`'s stream writer (an array's elements are not
    /// written directly).
    private static func codableJSON(_ event: OOMEvent) throws -> [UInt8] {
        let array = try CompactJSONEncoder().encode([event])
        return Array(array.dropFirst().dropLast())
    }

    private static func direct(_ event: OOMEvent) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try event.appendJSON(to: &bytes)
        return bytes
    }

    private static func expectSameBytes(_ event: OOMEvent, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try direct(event)
        let theirs = try foundationJSON(event)
        #expect(ours == theirs, "\(event.source.path):\(event.source.first_line)\n\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(ours == (try codableJSON(event)), sourceLocation: sourceLocation)
        #expect(ours == (try CompactJSONEncoder().encode(event)), sourceLocation: sourceLocation)
    }

    /// Every log under the shared peer cases (raw lines kept) and a synthesised report of every era, diagnosed.
    @Test func everyPeerLogAndEraWritesTheSameBytesAsCodable() throws {
        var paths: [String] = []
        if let walker = FileManager.default.enumerator(atPath: PeerCases.root) {
            for case let relative as String in walker where !relative.hasSuffix(".json") && !relative.hasSuffix(".md") {
                var isDirectory: ObjCBool = false
                let path = PeerCases.root + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    paths.append(path)
                }
            }
        }
        #expect(paths.count > 20)
        var events: [OOMEvent] = []
        for path in paths.sorted() { events += PeerCases.events([path], keepRaw: true) }
        for (index, era) in SynthesizedKernelEra.allCases.enumerated() {
            var generator = SynthesizedParameterGenerator(seed: synthesisSeed(91, index))
            let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "db-01"))
            var writer = LogPrefixWriter(style: .traditionalSyslog)
            events += runRealPipeline(lines: writer.render(report.entries)).events
        }
        DiagnosisStage(options: .init()).process(&events, StageContext())
        #expect(events.count > 60)
        #expect(events.contains { $0.diagnosis?.victim != nil && $0.diagnosis?.accounting != nil })
        for event in events { try Self.expectSameBytes(event) }
    }

    /// An event with every optional field set, everywhere: the Mirror check fails when a field is added to the
    /// model and not set here, and the byte comparison then fails until the writer writes it.
    @Test func anEventWithEveryOptionalFieldSetWritesTheSameBytes() throws {
        let event = Self.fullEvent()
        let unset = Self.unsetOptionals(event, path: "event")
        #expect(unset.isEmpty, "set these in fullEvent(): \(unset)")
        try Self.expectSameBytes(event)
    }

    /// The least an event has: absent optionals, empty collections and objects, a zone without a node (`null`).
    @Test func aBareEventWritesTheSameBytes() throws {
        var event = OOMEvent(id: "", kind: .memoryDump, complete: false, source: .init(path: "-", first_line: 0, last_line: -1))
        try Self.expectSameBytes(event)
        event.zones = [OOMEvent.Zone(node: nil, zone: "Normal")]
        event.nodes = [OOMEvent.NodeStats(node: 0)]
        event.meminfo = [:]
        event.trigger = OOMEvent.Trigger()
        event.memcg = OOMEvent.Memcg()
        event.diagnosis = OOMEvent.Diagnosis(cause: "", summary: "")
        try Self.expectSameBytes(event)
    }

    /// An event larger than the writer's first buffer, appended after other bytes.
    @Test func aLargeEventWritesTheSameBytes() throws {
        var event = Self.fullEvent()
        event.raw = (0..<300).map { "line \($0) \"" + String(repeating: "x\t", count: 100) }
        event.tasks = (0..<500).map { OOMEvent.Task(pid: $0, name: "task-\($0)") }
        let ours = try Self.direct(event)
        #expect(ours.count > 100_000)
        #expect(ours == (try Self.foundationJSON(event)))
        var buffer = Array("before\n".utf8)
        try event.appendJSON(to: &buffer)
        #expect(buffer == Array("before\n".utf8) + ours)
    }

    @Test func aNumberThatIsNotFiniteIsAnErrorAndLeavesTheBufferAsItWas() {
        var event = OOMEvent(id: "x", kind: .oom, complete: true, source: .init(path: "-", first_line: 1, last_line: 1))
        event.uptime_s = .infinity
        var buffer = Array("kept".utf8)
        #expect(throws: EncodingError.self) { try event.appendJSON(to: &buffer) }
        #expect(buffer == Array("kept".utf8))
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode(event, appendingTo: &buffer) }
        #expect(buffer == Array("kept".utf8))
    }

    /// The paths of the optional properties of `value` (and of the values it holds) that are nil, and of its
    /// collections that are empty.
    static func unsetOptionals(_ value: Any, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let some = mirror.children.first?.value else { return [path] }
            return unsetOptionals(some, path: path)
        case .struct:
            return mirror.children.flatMap { unsetOptionals($0.value, path: path + "." + ($0.label ?? "?")) }
        case .collection, .dictionary, .set:
            guard !mirror.children.isEmpty else { return [path + " (empty)"] }
            return mirror.children.enumerated().flatMap { index, child in
                // Elements may be nil (e.g. a buddy line's unknown migrate type): only their insides must be set.
                let element = Mirror(reflecting: child.value)
                if element.displayStyle == .optional, element.children.isEmpty { return [String]() }
                return unsetOptionals(child.value, path: path + "[\(index)]")
            }
        case .tuple:
            return mirror.children.flatMap { unsetOptionals($0.value, path: path + "." + ($0.label ?? "?")) }
        default:
            return []
        }
    }

    /// Every field set, with text that needs escaping and zone keys that sort between the named ones.
    static func fullEvent() -> OOMEvent {
        var e = OOMEvent(id: "id \"1\"\\", kind: .allocationFailure, complete: true,
                         source: .init(path: "/var/log/kern.log", first_line: 10, last_line: 200))
        e.host = "host\t1 é ☃"
        e.time = "2024-05-01T10:00:00.123+02:00"
        e.uptime_s = 12345.678901
        e.kernel = .init(release: "6.1.0-18-amd64", era: "5.x")
        var trigger = OOMEvent.Trigger()
        trigger.comm = "java"
        trigger.pid = 4242
        trigger.uid = 1000
        trigger.gfp_mask = "0x140cca"
        trigger.gfp_flags = ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP"]
        trigger.gfp_flags_printed = ["GFP_HIGHUSER_MOVABLE"]
        trigger.order = 3
        trigger.oom_score_adj = -17
        trigger.oom_adj = 0
        trigger.oomkilladj = 15
        trigger.nodemask = "(null)"
        trigger.cpuset = "/"
        trigger.mems_allowed = "0-1"
        e.trigger = trigger
        e.constraint = "CONSTRAINT_MEMCG"
        var memcg = OOMEvent.Memcg()
        memcg.oom_cgroup = "/kubepods/burstable/pod1"
        memcg.task_cgroup = "/kubepods/burstable/pod1/c2"
        memcg.usage_kb = 1_048_576
        memcg.limit_kb = 1_048_576
        memcg.failcnt = 42
        memcg.swap = .init(usage_kb: 0, limit_kb: 9_007_199_254_740_988, failcnt: 0)
        memcg.memsw = .init(usage_kb: 1, limit_kb: 2, failcnt: 3)
        memcg.kmem = .init(usage_kb: 4, limit_kb: 5, failcnt: 6)
        memcg.stats = ["rss_kb": 100, "cache_kb": 20, "anon": 4096, "Z": -1]
        e.memcg = memcg
        e.meminfo = ["active_anon": 1, "active_file": 2, "free": 3, "é": 4, "B": 5, "a_": 6, "a": Int64.min]
        var node = OOMEvent.NodeStats(node: 1)
        node.fields_kb = ["active_anon": 10, "shmem_thp": 0, "isolated(anon)": 0]
        node.fields = ["pages_scanned": 7]
        node.all_unreclaimable = false
        e.nodes = [node]
        var zone = OOMEvent.Zone(node: 0, zone: "DMA32")
        zone.free_kb = 3388
        zone.min_kb = 64
        zone.low_kb = 80
        zone.high_kb = 96
        zone.present_kb = 15992
        zone.managed_kb = 15916
        zone.all_unreclaimable = true
        zone.lowmem_reserve_pages = [0, 839, 1996, 1996]
        var buddy = OOMEvent.Buddy(page_kb: 4, counts: [21, 15, 0], types: ["UME", nil, "H"], total_kb: 3388)
        buddy.total_mismatch = true
        buddy.empty = false
        zone.buddy = buddy
        // Flat keys before, between and after the named ones; named and duplicate ones are not written twice.
        zone.fields_kb = ["active_anon": 1, "free_cma": 2, "mlocked": 3, "zspages": 4, "free": 99, "a": 5,
                          "lowmem": 6, "node": 7, "isolated(file)": 8]
        zone.fields = ["pages_scanned": 9, "node": 10, "buddy": 11, "a": 12, "zzz": 13, "high": 14, "all": 15]
        e.zones = [zone]
        var swap = OOMEvent.Swap()
        swap.total_kb = 2_097_148
        swap.free_kb = 0
        swap.cache_pages = 12
        e.swap = swap
        e.pages = ["ram": 262_014, "reserved": 6_026, "cma_reserved": 0, "highmem": 0]
        var huge = OOMEvent.HugePages(node: 0)
        huge.total = 0
        huge.free = 0
        huge.surp = 0
        huge.size_kb = 2048
        e.hugepages = [huge]
        e.unreclaimable_slab = [.init(name: "kmalloc-64", used_kb: 1, total_kb: 2)]
        var task = OOMEvent.Task(pid: 593, name: "python \"x\"")
        task.uid = 0
        task.tgid = 593
        task.total_vm_pages = 10
        task.rss_pages = 11
        task.rss_anon_pages = 12
        task.rss_file_pages = 13
        task.rss_shmem_pages = 14
        task.nr_ptes = 15
        task.nr_pmds = 16
        task.pgtables_bytes = 17
        task.swapents = 18
        task.oom_score_adj = -1000
        task.oom_adj = -17
        task.cpu = 1
        var other = task
        other.pid = 1
        other.name = "init"
        other.rss_pages = 0
        e.tasks = [task, other]
        e.kill = .init(pid: 593, comm: "python", score: 900)
        e.kill_message = "Memory cgroup out of memory"
        var victim = OOMEvent.Victim(pid: 593, comm: "python")
        victim.uid = 0
        victim.total_vm_kb = 1
        victim.anon_rss_kb = 2
        victim.file_rss_kb = 3
        victim.shmem_rss_kb = 4
        victim.pgtables_kb = 5
        victim.oom_score_adj = 6
        victim.cgroup = "/user.slice"
        e.victim = victim
        e.group_kills = [victim]
        e.reaped = victim
        e.outcome = "killed"
        var diagnosis = OOMEvent.Diagnosis(cause: "memcg-limit", summary: "The cgroup hit its limit.\n")
        var check = OOMEvent.ZoneCheck(node: 0, zone: "Normal", passed: false, free_kb: 1, usable_free_kb: 2,
                                       min_kb: 3, reserve_kb: 4, reason: "below min")
        check.verdict = "below-min"
        check.low_kb = 5
        check.high_kb = 6
        check.effective_min_kb = 7
        check.reserve_pages = 8
        check.classzone = "Normal"
        check.order = 0
        check.allowed = true
        check.free_at_order_kb = 9
        check.all_unreclaimable = false
        diagnosis.failed_zones = [check]
        diagnosis.advice = ["Raise the limit.", "Look at \\ and \"quotes\"."]
        var consumer = OOMEvent.Consumer(name: "python", pid: 593, rss_kb: 1_000_000)
        consumer.swap_kb = 0
        consumer.share_of_ram = 0.1
        consumer.processes = 2
        consumer.share_of_limit = 1e-7
        var consumer2 = consumer
        consumer2.share_of_ram = 1
        consumer2.share_of_limit = 1.2345678901234568e20
        diagnosis.top_consumers = [consumer, consumer2]
        diagnosis.unexplained_kb = -5
        diagnosis.gfp_layout = "D (2.6.31-4.3)"
        diagnosis.gfp_disagreements = ["__GFP_IO"]
        diagnosis.allowed_zones = ["Normal", "DMA32", "DMA"]
        diagnosis.node = 0
        diagnosis.fragmented = false
        var accounting = OOMEvent.Accounting(scope: "memcg", total_kb: 1_048_576, explained_kb: 1_000_000)
        accounting.reserved_kb = 1
        accounting.free_kb = 2
        accounting.anon_kb = 3
        accounting.page_cache_kb = 4
        accounting.shmem_kb = 5
        accounting.swap_cache_kb = 6
        accounting.unevictable_kb = 7
        accounting.lru_kb = 8
        accounting.slab_reclaimable_kb = 9
        accounting.slab_unreclaimable_kb = 10
        accounting.page_tables_kb = 11
        accounting.kernel_stack_kb = 12
        accounting.kernel_other_kb = 13
        accounting.hugepages_kb = 14
        accounting.rss_sum_kb = 15
        accounting.swap_total_kb = 16
        accounting.swap_used_kb = 17
        accounting.limit_kb = 18
        diagnosis.accounting = accounting
        diagnosis.top_consumers_by_name = [consumer]
        var analysis = OOMEvent.VictimAnalysis(formula: "rss + swap + pgtables", explanation: "Top of the ranking.")
        analysis.total_pages = 262_144
        analysis.ranking = [.init(rank: 1, pid: 593, name: "python", points: 250_000, score: 953)]
        analysis.selected_pid = 593
        analysis.killed_pid = 593
        analysis.top_pid = 593
        analysis.agrees = true
        analysis.printed_score = 953
        analysis.recomputed_score = 953
        analysis.child_sacrificed = false
        diagnosis.victim = analysis
        e.diagnosis = diagnosis
        e.raw = ["line 1", "\u{0}\u{1F}</x>"]
        return e
    }
}
