import OOMLensSinkAPI
import OOMLensStages
import Testing

/// The memory-cgroup block, cgroup v1 and v2.
@Suite struct DecoderMemcgTests {
    @Test func cgroupV1BlockWithStatsOfTheSubtreeSummed() throws {
        let event = DecoderInput.decode("""
            Task in /docker/abc/child killed as a result of limit of /docker/abc
            memory: usage 20480kB, limit 20480kB, failcnt 1204
            memory+swap: usage 40940kB, limit 40960kB, failcnt 6
            kmem: usage 220kB, limit 9007199254740988kB, failcnt 0
            Memory cgroup stats for /docker/abc: cache:0KB rss:260KB rss_huge:0KB swap:20460KB
            Memory cgroup stats for /docker/abc/child: cache:4KB rss:20000KB rss_huge:0KB swap:0KB
            [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name
            """)
        let memcg = try #require(event.memcg)
        #expect(memcg.task_cgroup == "/docker/abc/child")
        #expect(memcg.oom_cgroup == "/docker/abc")
        #expect(memcg.usage_kb == 20480 && memcg.limit_kb == 20480 && memcg.failcnt == 1204)
        #expect(memcg.memsw == OOMEvent.CounterUsage(usage_kb: 40940, limit_kb: 40960, failcnt: 6))
        #expect(memcg.kmem == OOMEvent.CounterUsage(usage_kb: 220, limit_kb: 9007199254740988, failcnt: 0))
        #expect(memcg.swap == nil)
        #expect(memcg.stats == ["cache_kb": 4, "rss_kb": 20260, "rss_huge_kb": 0, "swap_kb": 20460])
    }

    @Test func limitReachedWithoutVictim() {
        let event = DecoderInput.decode("Memory limit reached of cgroup /kubepods/pod1")
        #expect(event.memcg?.oom_cgroup == "/kubepods/pod1")
        #expect(event.memcg?.task_cgroup == nil)
    }

    @Test func cgroupV2BlockWithMultiLineStats() throws {
        let lines = DecoderInput.lines("""
            memory: usage 31211520kB, limit 31211520kB, failcnt 83420
            swap: usage 0kB, limit 0kB, failcnt 0
            Memory cgroup stats for /lxc/39004:
            anon 31154200576
                                      file 688283648
                                      workingset_refault_file 123846124
                                      thp_fault_alloc 0
            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [  19690]     0 19690    42446      630    98304        0             0 systemd
            """)
        #expect(lines[4].continuation)
        var event = DecoderInput.event()
        ReportDecoder.decode(lines, into: &event)
        let memcg = try #require(event.memcg)
        #expect(memcg.swap == OOMEvent.CounterUsage(usage_kb: 0, limit_kb: 0, failcnt: 0))
        #expect(memcg.stats == ["anon": 31154200576, "file": 688283648, "workingset_refault_file": 123846124,
                                "thp_fault_alloc": 0])
        #expect(event.tasks.count == 1)
        #expect(event.kernel.era == nil)
    }

    @Test func statListEndsAtTheFirstOtherLine() throws {
        let event = DecoderInput.decode("""
            Memory cgroup stats for /a:
            anon 10
            oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/a,task_memcg=/a,task=x,pid=5,uid=0
            file 20
            """)
        #expect(event.memcg?.stats == ["anon": 10])
        #expect(event.memcg?.oom_cgroup == "/a")
        #expect(event.victim?.pid == 5)
    }
}
