import OOMLensSinkAPI
import OOMLensStages
import Testing

/// The trigger line in each historical form, the cpuset and CPU/Pid lines, and the era they imply.
@Suite struct DecoderTriggerTests {
    @Test func commlessForm2618() {
        let event = DecoderInput.decode("oom-killer: gfp_mask=0x201d2, order=0")
        #expect(event.trigger?.comm == nil)
        #expect(event.trigger?.gfp_mask == "0x201d2")
        #expect(event.trigger?.order == 0)
        #expect(event.kernel.era == "2.6.18")
    }

    @Test func commlessFormWithoutOrder2612() {
        let event = DecoderInput.decode("oom-killer: gfp_mask=0xd0")
        #expect(event.trigger?.gfp_mask == "0xd0")
        #expect(event.trigger?.order == nil)
        #expect(event.kernel.era == "2.6.18")
    }

    @Test func oomkilladjForm() {
        let event = DecoderInput.decode("apache2 invoked oom-killer: gfp_mask=0x201d2, order=0, oomkilladj=-17")
        #expect(event.trigger?.comm == "apache2")
        #expect(event.trigger?.oomkilladj == -17)
        #expect(event.trigger?.oom_adj == nil)
        #expect(event.kernel.era == "2.6.19-2.6.31")
    }

    @Test func oomAdjForm() {
        let event = DecoderInput.decode("httpd invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0")
        #expect(event.trigger?.oom_adj == 0)
        #expect(event.trigger?.oom_score_adj == nil)
        #expect(event.kernel.era == "2.6.32-2.6.35")
    }

    @Test func oomAdjAndScoreAdjForm() {
        let event = DecoderInput.decode(
            "osmcore_L invoked oom-killer: gfp_mask=0x200da, order=0, oom_adj=-17, oom_score_adj=-1000")
        #expect(event.trigger?.comm == "osmcore_L")
        #expect(event.trigger?.oom_adj == -17)
        #expect(event.trigger?.oom_score_adj == -1000)
        #expect(event.kernel.era == "2.6.36-3.7")
    }

    @Test func scoreAdjFormWithBareMask() {
        let event = DecoderInput.decode("python invoked oom-killer: gfp_mask=0x2084d0, order=0, oom_score_adj=0")
        #expect(event.trigger?.gfp_mask == "0x2084d0")
        #expect(event.trigger?.gfp_flags_printed == nil)
        #expect(event.kernel.era == "3.8-4.5")
    }

    @Test func symbolicFlagsWithNodemask() {
        let event = DecoderInput.decode("""
            CPU 0/KVM invoked oom-killer: gfp_mask=0x15000c0(GFP_KERNEL_ACCOUNT), nodemask=(null), order=0, oom_score_adj=0
            CPU 0/KVM cpuset=vcpu0 mems_allowed=0-1
            CPU: 3 PID: 4421 Comm: CPU 0/KVM Not tainted 4.15.0-108-generic #109-Ubuntu
            """)
        let trigger = event.trigger
        #expect(trigger?.comm == "CPU 0/KVM")
        #expect(trigger?.gfp_mask == "0x15000c0")
        #expect(trigger?.gfp_flags_printed == ["GFP_KERNEL_ACCOUNT"])
        #expect(trigger?.nodemask == "(null)")
        #expect(trigger?.cpuset == "vcpu0")
        #expect(trigger?.mems_allowed == "0-1")
        #expect(trigger?.pid == 4421)
        #expect(event.kernel.release == "4.15.0-108-generic")
        #expect(event.kernel.era == "4.10-4.20")
    }

    @Test func nodemaskListWithCommasStaysWhole() {
        let event = DecoderInput.decode(
            "a invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), nodemask=0-1,3, order=1, oom_score_adj=5")
        #expect(event.trigger?.nodemask == "0-1,3")
        #expect(event.trigger?.order == 1)
        #expect(event.trigger?.oom_score_adj == 5)
    }

    @Test func emptyFlagListAndManualOrder() {
        let event = DecoderInput.decode("python3 invoked oom-killer: gfp_mask=0x0(), order=-1, oom_score_adj=0")
        #expect(event.trigger?.gfp_mask == "0x0")
        #expect(event.trigger?.gfp_flags_printed == [])
        #expect(event.trigger?.order == -1)
    }

    @Test func commWithColonsParenthesesAndTheAnchorWords() {
        let event = DecoderInput.decode(
            "php-fpm: pool (www) invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP), order=0, oom_score_adj=0")
        #expect(event.trigger?.comm == "php-fpm: pool (www)")
        #expect(event.trigger?.gfp_flags_printed == ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO", "__GFP_COMP"])
    }

    @Test func oldPidLine() {
        let event = DecoderInput.decode("""
            php-fpm invoked oom-killer: gfp_mask=0x280da, order=0, oom_adj=0, oom_score_adj=0
            php-fpm cpuset=/ mems_allowed=0
            Pid: 23212, comm: php-fpm Not tainted 2.6.32-642.11.1.el6.x86_64 #1
            """)
        #expect(event.trigger?.pid == 23212)
        #expect(event.trigger?.uid == nil)
        #expect(event.kernel.release == "2.6.32-642.11.1.el6.x86_64")
    }

    @Test func cpuLineWithKdumpAndTaint() {
        let event = DecoderInput.decode("""
            app invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
            CPU: 0 PID: 5641 Comm: app Kdump: loaded Not tainted 5.4.17-2136.307.3.4.el8uek.x86_64 #2
            """)
        #expect(event.trigger?.pid == 5641)
        #expect(event.kernel.release == "5.4.17-2136.307.3.4.el8uek.x86_64")
    }

    @Test func cpuLineWithUID611() {
        let event = DecoderInput.decode("""
            systemd invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=100
            CPU: 10 UID: 1000 PID: 20957 Comm: systemd Tainted: G           OE      6.17.3-arch2-1-lily #1 PREEMPT(full)  5546952e
            Hardware name: Micro-Star International Co., Ltd. MS-7C56/B550-A PRO (MS-7C56), BIOS A.G0 03/12/2024
            """)
        #expect(event.trigger?.uid == 1000)
        #expect(event.trigger?.pid == 20957)
        #expect(event.kernel.release == "6.17.3-arch2-1-lily")
        #expect(event.kernel.era == "6.11+")
    }

    @Test func onlyTheFirstIdentityLineCounts() {
        let event = DecoderInput.decode("""
            a invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0
            CPU: 1 PID: 10 Comm: a Not tainted 3.10.0-1 #1
            CPU: 2 PID: 20 Comm: b Not tainted 3.10.0-2 #1
            """)
        #expect(event.trigger?.pid == 10)
        #expect(event.kernel.release == "3.10.0-1")
    }

    @Test func allocationFailureLine() {
        let event = DecoderInput.decode(
            "kswapd0: page allocation failure: order:2, mode:0x104020(GFP_ATOMIC|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0")
        #expect(event.trigger?.comm == "kswapd0")
        #expect(event.trigger?.order == 2)
        #expect(event.trigger?.gfp_mask == "0x104020")
        #expect(event.trigger?.gfp_flags_printed == ["GFP_ATOMIC", "__GFP_COMP"])
        #expect(event.trigger?.nodemask == "(null)")
        #expect(event.trigger?.cpuset == "/")
        #expect(event.trigger?.mems_allowed == "0")
    }

    @Test func oldAllocationFailureLine() {
        let event = DecoderInput.decode("swapper: page allocation failure. order:1, mode:0x20")
        #expect(event.trigger?.comm == "swapper")
        #expect(event.trigger?.order == 1)
        #expect(event.trigger?.gfp_mask == "0x20")
    }

    @Test func secondTriggerLineDoesNotOverwrite() {
        let event = DecoderInput.decode("""
            a invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0
            b invoked oom-killer: gfp_mask=0x201da, order=1, oom_score_adj=0
            """)
        #expect(event.trigger?.comm == "a")
        #expect(event.trigger?.gfp_mask == "0xd0")
    }
}

/// The era chosen from the whole report's content when the trigger line alone does not tell.
@Suite struct DecoderEraTests {
    private let flagsTrigger = "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"

    @Test func flagsWithoutAnything5xIs46to49() {
        #expect(DecoderInput.decode(flagsTrigger).kernel.era == "4.6-4.9")
    }

    @Test func summaryWithSelectionLineIs50() {
        let event = DecoderInput.decode(flagsTrigger + """

            oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=b,pid=7,uid=0
            Out of memory: Kill process 7 (b) score 900 or sacrifice child
            Killed process 7 (b) total-vm:1000kB, anon-rss:900kB, file-rss:0kB, shmem-rss:0kB
            """)
        #expect(event.kernel.era == "5.0")
    }

    @Test func killedLineWithMessageIs51Plus() {
        let event = DecoderInput.decode(flagsTrigger + """

            Out of memory: Killed process 7 (b) total-vm:1000kB, anon-rss:900kB, file-rss:0kB, shmem-rss:0kB
            """)
        #expect(event.kernel.era == "5.1+")
    }

    @Test func tasksStateWithoutKillLineIs50Plus() {
        let event = DecoderInput.decode(flagsTrigger + """

            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            """)
        #expect(event.kernel.era == "5.0+")
    }

    @Test func rssSplitColumnsAre51Plus() {
        let event = DecoderInput.decode(flagsTrigger + """

            [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
            """)
        #expect(event.kernel.era == "5.1+")
    }

    @Test func headerlessKillPairsGetAnEraOnlyFrom5xEvidence() {
        let old = DecoderInput.decode("""
            Out of memory: Kill process 1386 (python) score 2 or sacrifice child
            Killed process 593 (python) total-vm:18720kB, anon-rss:2184kB, file-rss:656kB
            """)
        #expect(old.kernel.era == nil)
        let new = DecoderInput.decode(
            "Out of memory: Killed process 7 (b) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0")
        #expect(new.kernel.era == "5.1+")
    }

    @Test func oldKilledLineWithMessageIsNot5x() {
        let event = DecoderInput.decode("""
            nginx invoked oom-killer: gfp_mask=0x201d2, order=0, oomkilladj=0
            Out of memory: Killed process 22222 (nginx).
            """)
        #expect(event.kernel.era == "2.6.19-2.6.31")
        #expect(event.victim?.pid == 22222)
        #expect(event.victim?.comm == "nginx")
    }
}
