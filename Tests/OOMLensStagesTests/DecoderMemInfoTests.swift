import OOMLensSinkAPI
import OOMLensStages
import Testing

/// The Mem-Info block: counters, node lines, zone lines, reserves, buddy lines, totals, swap, slab.
@Suite struct DecoderMemInfoTests {
    @Test func countersOverSeveralLinesSkippingPerCPULines() {
        let event = DecoderInput.decode("""
            Mem-Info:
            Node 0 DMA per-cpu:
            CPU    0: hi:    0, btch:   1 usd:   0
            CPU   11: hi:  186, btch:  31 usd:  13
            active_anon:7343961 inactive_anon:556529 isolated_anon:0
             active_file:304 inactive_file:144 isolated_file:317
             unevictable:0 dirty:2 writeback:0 unstable:0
             free:49825 slab_reclaimable:13213 slab_unreclaimable:44840
             mapped:38195 shmem:52281 pagetables:124334 bounce:0
            """)
        #expect(event.meminfo?.count == 17)
        #expect(event.meminfo?["active_anon"] == 7343961)
        #expect(event.meminfo?["isolated_file"] == 317)
        #expect(event.meminfo?["pagetables"] == 124334)
        #expect(event.meminfo?["hi"] == nil)
        #expect(event.zones.isEmpty)
    }

    @Test func oldPerCPUFormsAreSkipped() {
        let event = DecoderInput.decode("""
            Mem-info:
            DMA per-cpu:
            cpu 0 hot: high 0, batch 1 used:0
            cpu 0 cold: high 0, batch 1 used:0
            CPU    0: Hot: hi:  186, btch:  31 usd:  70   Cold: hi:   62, btch:  15 usd:  55
            Active:3208 inactive:67 dirty:0 writeback:0 unstable:0 free:290674 slab:1335 mapped:1448 pagetables:105
            """)
        #expect(event.meminfo == ["Active": 3208, "inactive": 67, "dirty": 0, "writeback": 0, "unstable": 0,
                                  "free": 290674, "slab": 1335, "mapped": 1448, "pagetables": 105])
    }

    @Test func rsyslogEscapesAreSplit() {
        let event = DecoderInput.decode("""
            Mem-Info:
            active_anon:33632 inactive_anon:1327714 isolated_anon:0#012 active_file:43 inactive_file:127#012 free:13191 free_pcp:370 free_cma:0
            """)
        #expect(event.meminfo?["inactive_file"] == 127)
        #expect(event.meminfo?["free_cma"] == 0)
        #expect(event.meminfo?.count == 8)
    }

    @Test func registerLinesAreNotCounters() {
        let event = DecoderInput.decode("""
            RSP: 002b:00007ffd84637ec0 EFLAGS: 00010206
            R13: 0000000000000063 R14: 0000000000000000 R15: 0000000000000000
            Code: Unable to access opcode bytes at RIP 0x7f5ba27c6d45.
            """)
        #expect(event.meminfo == nil)
    }

    @Test func nodeLineWithSpacedValuesAndParentheses() throws {
        let event = DecoderInput.decode(
            "Node 0 active_anon:884kB inactive_anon:57324kB isolated(anon):0kB isolated(file):8kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 2048kB writeback_tmp:0kB pages_scanned:12 all_unreclaimable? yes")
        let node = try #require(event.nodes?.first)
        #expect(node.node == 0)
        #expect(node.fields_kb == ["active_anon": 884, "inactive_anon": 57324, "isolated(anon)": 0,
                                   "isolated(file)": 8, "shmem_thp": 0, "shmem_pmdmapped": 0, "anon_thp": 2048,
                                   "writeback_tmp": 0])
        #expect(node.fields == ["pages_scanned": 12])
        #expect(node.all_unreclaimable == true)
        #expect(event.zones.isEmpty)
    }

    @Test func zoneLine2618WithOldKeys() throws {
        let event = DecoderInput.decode("""
            Normal free:1340kB min:3756kB low:4692kB high:5632kB active:0kB inactive:28kB present:901120kB pages_scanned:2456536 all_unreclaimable? yes
            protections[]: 0 0 0 25600
            """)
        let zone = try #require(event.zones.first)
        #expect(zone.node == nil && zone.zone == "Normal")
        #expect([zone.free_kb, zone.min_kb, zone.low_kb, zone.high_kb, zone.present_kb] == [1340, 3756, 4692, 5632, 901120])
        #expect(zone.fields_kb == ["active": 0, "inactive": 28])
        #expect(zone.fields == ["pages_scanned": 2456536])
        #expect(zone.all_unreclaimable == true)
        #expect(zone.lowmem_reserve_pages == [0, 0, 0, 25600])
    }

    @Test func zoneLine516WithBoostAndCapitalKB() throws {
        let event = DecoderInput.decode("""
            Node 1 Movable free:61900kB boost:8192kB min:61948kB low:75384kB high:88820kB reserved_highatomic:2048KB free_highatomic:0KB active_anon:1529368kB present:13096960kB managed:12774792kB zspages:0kB
            lowmem_reserve[]: 0 0 0 0 0
            """)
        let zone = try #require(event.zones.first)
        #expect(zone.node == 1 && zone.zone == "Movable")
        #expect(zone.fields_kb["boost"] == 8192)
        #expect(zone.fields_kb["reserved_highatomic"] == 2048)
        #expect(zone.fields_kb["free_highatomic"] == 0)
        #expect(zone.fields_kb["zspages"] == 0)
        #expect(zone.managed_kb == 12774792)
        #expect(zone.all_unreclaimable == nil)
        #expect(zone.lowmem_reserve_pages == [0, 0, 0, 0, 0])
        #expect(event.kernel.era == "5.1+")
    }

    @Test func reserveLineWithoutZoneLineIsDropped() {
        let event = DecoderInput.decode("lowmem_reserve[]: 0 839 1996 1996")
        #expect(event.zones.isEmpty)
    }

    @Test func reserveNumbersOnLinesOfTheirOwn49() throws {
        let event = DecoderInput.decode("""
            Node 0 DMA free:15872kB min:40kB low:48kB high:60kB present:15992kB managed:15908kB
            lowmem_reserve[]: 0
             2780
             15835 15835
            Node 0 DMA: 0*4kB
             0*8kB 1*16kB (U)
             = 16kB
            """)
        let zone = try #require(event.zones.first)
        #expect(zone.lowmem_reserve_pages == [0, 2780, 15835, 15835])
        #expect(zone.buddy?.counts == [0, 0, 1])
        #expect(zone.buddy?.types == [nil, nil, "U"])
        #expect(zone.buddy?.total_kb == 16)
    }

    @Test func buddyLineCutAfterTheColonWaitsForItsFragments() throws {
        let event = DecoderInput.decode("""
            Node 0 Normal:
            3*4kB (UME) 1*8kB (H)
            = 20kB
            """)
        let zone = try #require(event.zones.first)
        #expect(zone.buddy?.counts == [3, 1])
        #expect(zone.buddy?.types == ["UME", "H"])
        #expect(zone.buddy?.total_kb == 20)
    }

    @Test func buddyTotalMismatchIsFlagged() throws {
        let event = DecoderInput.decode("Normal: 2*4kB 1*8kB 0*16kB = 20kB")
        let buddy = try #require(event.zones.first?.buddy)
        #expect(buddy.counts == [2, 1, 0])
        #expect(buddy.total_kb == 20)
        #expect(buddy.total_mismatch == true)
    }

    @Test func buddyOfEightKilobytePages() throws {
        let event = DecoderInput.decode("Node 0 Normal: 10*8kB (M) 3*16kB (UM) 1*32kB (M) = 160kB")
        let buddy = try #require(event.zones.first?.buddy)
        #expect(buddy.page_kb == 8)
        #expect(buddy.total_mismatch == nil)
    }

    @Test func buddyLineMatchesTheZoneOfItsNode() throws {
        let event = DecoderInput.decode("""
            Node 0 Normal free:36692kB min:36784kB low:45980kB high:55176kB
            Node 1 Normal free:49436kB min:45444kB low:56804kB high:68164kB
            Node 1 Normal: 1*4kB = 4kB
            Node 0 Normal: 2*4kB = 8kB
            """)
        #expect(event.zones.count == 2)
        #expect(event.zones[0].node == 0 && event.zones[0].buddy?.total_kb == 8)
        #expect(event.zones[1].node == 1 && event.zones[1].buddy?.total_kb == 4)
    }

    @Test func totalsSwapAndPageLines() {
        let event = DecoderInput.decode("""
            Node 0 hugepages_total=2 hugepages_free=1 hugepages_surp=0 hugepages_size=1048576kB
            100155 total pagecache pages
            11342 pages in swap cache
            Swap cache stats: add 31260615, delete 31249273, find 295999950/297583545
            Free swap  = 0kB
            Total swap = 8388604kB
            8379834 pages RAM
            0 pages HighMem/MovableOnly
            192987 pages reserved
            4096 pages cma reserved
            3 pages hwpoisoned
            3155396 pages shared
            8104267 pages non-shared
            """)
        var huge = OOMEvent.HugePages(node: 0)
        huge.total = 2
        huge.free = 1
        huge.surp = 0
        huge.size_kb = 1048576
        #expect(event.hugepages == [huge])
        #expect(event.swap?.cache_pages == 11342)
        #expect(event.swap?.free_kb == 0)
        #expect(event.swap?.total_kb == 8388604)
        #expect(event.pages == ["pagecache": 100155, "ram": 8379834, "highmem": 0, "reserved": 192987,
                                "cma_reserved": 4096, "hwpoisoned": 3, "shared": 3155396, "nonshared": 8104267])
    }

    @Test func oldArchTotals() {
        let event = DecoderInput.decode("""
            Free swap:       1048568kB
            524288 pages of RAM
            294912 pages of HIGHMEM
            5941 reserved pages
            78373 pages shared
            0 pages swap cached
            12 free pages
            """)
        #expect(event.swap?.free_kb == 1048568)
        #expect(event.pages == ["ram": 524288, "highmem": 294912, "reserved": 5941, "shared": 78373,
                                "swap_cached": 0, "free": 12])
    }

    @Test func unreclaimableSlabTable() {
        let event = DecoderInput.decode("""
            Unreclaimable slab info:
            Name                      Used          Total
            kmalloc-4k              12288KB      12288KB
            task_struct              5120KB       5376KB
            TCP                       192KB        192KB
            Tasks state (memory values in pages):
            """)
        #expect(event.unreclaimable_slab == [
            OOMEvent.SlabCache(name: "kmalloc-4k", used_kb: 12288, total_kb: 12288),
            OOMEvent.SlabCache(name: "task_struct", used_kb: 5120, total_kb: 5376),
            OOMEvent.SlabCache(name: "TCP", used_kb: 192, total_kb: 192),
        ])
    }

    @Test func zoneLineBrokenAfterAKeyIsJoined() throws {
        let event = DecoderInput.decode("""
            Node 0 DMA32 free:44672kB min:44696kB low:55868kB high:67040kB active_anon:
            278804kB inactive_anon:1620588kB present:2080624kB managed:2014556kB
            lowmem_reserve[]: 0 0 0 0 0
            """)
        let zone = try #require(event.zones.first)
        #expect(zone.fields_kb["active_anon"] == 278804)
        #expect(zone.managed_kb == 2014556)
        #expect(zone.lowmem_reserve_pages == [0, 0, 0, 0, 0])
    }

    @Test func damagedLinesNeverTrap() {
        let damaged = """
            Node
            Node 99999999999999999999999 DMA free:1kB
            Normal: 99999999999999999999*4kB 9223372036854775807*4096kB 1*9223372036854775807kB = 5kB
            Normal free:kB min:-kB low:: high:12
            lowmem_reserve[]: x y 3
            [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name
            [  12]     0
            [   ]
            [99999999999999999999999] 0 0 0 0 0 0 0 x
            Killed process
            Killed process 12 (
            Kill process 5 (x) score
            oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),
            oom-kill:task=,pid=
            oom_reaper: reaped process 9 (
            Memory cgroup stats for /a: cache:99999999999999999999KB rss:9223372036854775807KB
            Memory cgroup stats for /b: rss:9223372036854775807KB
            memory: usage kB, limit
            CPU: x PID:
            Pid: 1, comm:
            #012#012
            a invoked oom-killer: gfp_mask=
            oom-killer: gfp_mask=0x
            """
        let event = DecoderInput.decode(damaged)
        #expect(event.tasks.isEmpty)
        #expect(event.victim == nil)
        #expect(event.memcg?.stats?["rss_kb"] == Int64.max)
        #expect(event.zones.first { $0.zone == "Normal" }?.lowmem_reserve_pages == [3])
    }
}
