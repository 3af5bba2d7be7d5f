import OOMLensSinkAPI
import OOMLensStages
import Testing

/// Selection, victim, summary, reaper, group and outcome lines in every variant.
@Suite struct DecoderKillLineTests {
    @Test func selectionAndVictimDiffer() {
        let event = DecoderInput.decode("""
            Out of memory: Kill process 1386 (python) score 2 or sacrifice child
            Killed process 593 (python) total-vm:18720kB, anon-rss:2184kB, file-rss:656kB
            """)
        #expect(event.kill == OOMEvent.Kill(pid: 1386, comm: "python", score: 2))
        #expect(event.kill_message == "Out of memory")
        var victim = OOMEvent.Victim(pid: 593, comm: "python")
        victim.total_vm_kb = 18720
        victim.anon_rss_kb = 2184
        victim.file_rss_kb = 656
        #expect(event.victim == victim)
        #expect(event.outcome == "killed")
    }

    @Test func oldSelectionForms() {
        let childForm = DecoderInput.decode("Out of memory: kill process 4242 (java) score 1203 or a child")
        #expect(childForm.kill == OOMEvent.Kill(pid: 4242, comm: "java", score: 1203))
        let childrenForm = DecoderInput.decode("Out of Memory: Kill process 77 (db) score 9000 and children.")
        #expect(childrenForm.kill == OOMEvent.Kill(pid: 77, comm: "db", score: 9000))
        #expect(childrenForm.kill_message == "Out of Memory")
    }

    @Test func memcgSelectionWithParenthesesInName() {
        let event = DecoderInput.decode(
            "Memory cgroup out of memory: Kill process 857 ((sd-pam)) score 1035 or sacrifice child")
        #expect(event.kill == OOMEvent.Kill(pid: 857, comm: "(sd-pam)", score: 1035))
        #expect(event.kill_message == "Memory cgroup out of memory")
    }

    @Test func sharingSameMemoryLineIsNotASelection() {
        let event = DecoderInput.decode("Kill process 12 (worker) sharing same memory")
        #expect(event.kill == nil)
    }

    @Test func vszForm() {
        let event = DecoderInput.decode("Killed process 3 (a) vsz:4000kB, anon-rss:300kB, file-rss:20kB")
        #expect(event.victim?.total_vm_kb == 4000)
        #expect(event.victim?.anon_rss_kb == 300)
    }

    @Test func oldBareForms() {
        let dotted = DecoderInput.decode("Out of Memory: Killed process 22 (nginx).")
        #expect(dotted.victim == OOMEvent.Victim(pid: 22, comm: "nginx"))
        #expect(dotted.kill_message == "Out of Memory")
        let bare = DecoderInput.decode("Killed process 9876 (apache2)")
        #expect(bare.victim == OOMEvent.Victim(pid: 9876, comm: "apache2"))
        #expect(bare.kill_message == nil)
    }

    @Test func rhel6FormWithUIDBeforeName() {
        let event = DecoderInput.decode(
            "Killed process 40738, UID 27, (mysqld) total-vm:6424316kB, anon-rss:13128kB, file-rss:4kB")
        #expect(event.victim?.pid == 40738 && event.victim?.uid == 27 && event.victim?.comm == "mysqld")
        #expect(event.victim?.total_vm_kb == 6424316 && event.victim?.file_rss_kb == 4)
        let short = DecoderInput.decode("Out of memory: Killed process 123, UID 48, (httpd)")
        #expect(short.victim?.pid == 123 && short.victim?.uid == 48 && short.victim?.comm == "httpd")
    }

    @Test func rhel7FormWithUIDAfterName() {
        let event = DecoderInput.decode(
            "Killed process 1847 (node /opt/www/p), UID 80, total-vm:1203112kB, anon-rss:329556kB, file-rss:15708kB, shmem-rss:0kB")
        #expect(event.victim?.comm == "node /opt/www/p" && event.victim?.uid == 80)
        #expect(event.victim?.total_vm_kb == 1203112 && event.victim?.shmem_rss_kb == 0)
    }

    @Test func form54WithUIDPgtablesAndScoreAdj() throws {
        let event = DecoderInput.decode(
            "Memory cgroup out of memory: Killed process 3902942 (php-fpm) total-vm:14740176kB, anon-rss:12625252kB, file-rss:0kB, shmem-rss:156088kB, UID:1000 pgtables:26388kB oom_score_adj:-998")
        let victim = try #require(event.victim)
        #expect(victim.uid == 1000 && victim.pgtables_kb == 26388 && victim.oom_score_adj == -998)
        #expect(victim.shmem_rss_kb == 156088)
        #expect(event.kill_message == "Memory cgroup out of memory")
        #expect(event.kernel.era == "5.1+")
    }

    @Test func allocatingTaskMessage() {
        let event = DecoderInput.decode(
            "Out of memory (oom_kill_allocating_task): Killed process 5 (stress) total-vm:10kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB")
        #expect(event.kill_message == "Out of memory (oom_kill_allocating_task)")
        #expect(event.victim?.pid == 5)
    }

    @Test func summaryLineGivesVictimWhenThereIsNoKilledLine() throws {
        let event = DecoderInput.decode(
            "oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=0-1,3,cpuset=/restricted,mems_allowed=0-1,3,oom_memcg=/user.slice,task_memcg=/user.slice/a, b,task=my, task,pid=33333,uid=1001")
        #expect(event.constraint == "CONSTRAINT_CPUSET")
        #expect(event.trigger?.nodemask == "0-1,3")
        #expect(event.trigger?.cpuset == "/restricted")
        #expect(event.trigger?.mems_allowed == "0-1,3")
        #expect(event.memcg?.oom_cgroup == "/user.slice")
        #expect(event.memcg?.task_cgroup == "/user.slice/a, b")
        let victim = try #require(event.victim)
        #expect(victim.pid == 33333 && victim.comm == "my, task" && victim.uid == 1001)
        #expect(victim.cgroup == "/user.slice/a, b")
        #expect(event.outcome == "killed")
    }

    @Test func globalSummaryLeavesMemcgEmptyAndKeepsTheKilledLine() {
        let event = DecoderInput.decode("""
            oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/x.service,task=x,pid=7,uid=0
            Out of memory: Killed process 7 (x) total-vm:100kB, anon-rss:90kB, file-rss:1kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
            """)
        #expect(event.memcg == nil)
        #expect(event.victim?.anon_rss_kb == 90)
        #expect(event.victim?.cgroup == "/system.slice/x.service")
    }

    @Test func truncatedSummaryLine() {
        let event = DecoderInput.decode("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),")
        #expect(event.constraint == "CONSTRAINT_MEMCG")
        #expect(event.victim == nil)
    }

    @Test func reaperLineWithAndWithoutUnit() throws {
        let event = DecoderInput.decode(
            "oom_reaper: reaped process 345646 (vector), now anon-rss:12kB, file-rss:0kB, shmem-rss:0")
        let reaped = try #require(event.reaped)
        #expect(reaped.pid == 345646 && reaped.comm == "vector")
        #expect(reaped.anon_rss_kb == 12 && reaped.shmem_rss_kb == 0)
        #expect(event.victim == nil)
        let unable = DecoderInput.decode("oom_reaper: unable to reap pid:12 (x)")
        #expect(unable.reaped == nil)
    }

    @Test func oomGroupKills() {
        let event = DecoderInput.decode("""
            Memory cgroup out of memory: Killed process 100 (a) total-vm:10kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
            Tasks in /grp are going to be killed due to memory.oom.group set
            Memory cgroup out of memory: Killed process 100 (a) total-vm:10kB, anon-rss:8kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
            Memory cgroup out of memory: Killed process 101 (b c) total-vm:20kB, anon-rss:9kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
            """)
        #expect(event.victim?.pid == 100)
        #expect(event.group_kills?.map(\.pid) == [100, 101])
        #expect(event.group_kills?.last?.comm == "b c")
    }

    @Test func outcomes() {
        #expect(DecoderInput.decode("Out of memory and no killable processes...").outcome == "no-killable-process")
        #expect(DecoderInput.decode("""
            Out of memory and no killable processes...
            Kernel panic - not syncing: System is deadlocked on memory
            """).outcome == "no-killable-process")
        #expect(DecoderInput.decode("Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled")
            .outcome == "panic-on-oom")
        #expect(DecoderInput.decode("Kernel panic - not syncing: out of memory. panic_on_oom is selected")
            .outcome == "panic-on-oom")
        #expect(DecoderInput.decode("Kernel panic - not syncing: System is deadlocked on memory").outcome == "panic")
        #expect(DecoderInput.decode("Kernel panic - not syncing: Fatal exception").outcome == nil)
        #expect(DecoderInput.decode(
            "Memory cgroup out of memory: OOM victim 12 (x) is already exiting. Skip killing the task")
            .outcome == "victim-already-exiting")
        #expect(DecoderInput.decode("OOM request ignored. No task eligible").outcome == "request-ignored")
    }
}
