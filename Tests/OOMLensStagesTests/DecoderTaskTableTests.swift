import OOMLensSinkAPI
import OOMLensStages
import Testing

/// The task table under every header layout from 2.6.25 to 6.8.
@Suite struct DecoderTaskTableTests {
    @Test func layout2625WithCpuAndOomAdj() throws {
        let event = DecoderInput.decode("""
            [ pid ]   uid  tgid total_vm      rss cpu oom_adj name
            [  593]     0   593     4680      546   1       0 python
            [ 1004]   107  1004     1670      398   0     -17 sshd
            """)
        #expect(event.tasks.count == 2)
        let sshd = try #require(event.tasks.last)
        #expect(sshd.pid == 1004 && sshd.uid == 107 && sshd.tgid == 1004)
        #expect(sshd.total_vm_pages == 1670 && sshd.rss_pages == 398 && sshd.cpu == 0 && sshd.oom_adj == -17)
        #expect(sshd.oom_score_adj == nil && sshd.swapents == nil && sshd.name == "sshd")
    }

    @Test func layout2636WithOomScoreAdj() throws {
        let event = DecoderInput.decode("""
            [ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name
            [  788]     0   788     2671        1   7     -17         -1000 udevd
            """)
        let row = try #require(event.tasks.first)
        #expect(row.cpu == 7 && row.oom_adj == -17 && row.oom_score_adj == -1000 && row.name == "udevd")
    }

    @Test func layout38WithNrPtes() throws {
        let event = DecoderInput.decode("""
            [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name
            [ 6576] 12345  6576  8478546  5157063   15483  1527848             0 mysqld
            """)
        let row = try #require(event.tasks.first)
        #expect(row.nr_ptes == 15483 && row.swapents == 1527848 && row.nr_pmds == nil && row.pgtables_bytes == nil)
    }

    @Test func layout41WithNrPmds() throws {
        let event = DecoderInput.decode("""
            [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name
            [ 1381]     0  1381   530382     5191      34       4     5489             0 gunpowder-memho
            """)
        let row = try #require(event.tasks.first)
        #expect(row.nr_ptes == 34 && row.nr_pmds == 4 && row.swapents == 5489 && row.name == "gunpowder-memho")
    }

    @Test func layout415WithPgtablesBytes() throws {
        let event = DecoderInput.decode("""
            [ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [  610]     0   610    57093    28584   471040        0             0 systemd-journal
            """)
        #expect(try #require(event.tasks.first).pgtables_bytes == 471040)
        #expect(event.kernel.era == nil)
    }

    @Test func layout419WithPreambleAndWidePids() throws {
        let event = DecoderInput.decode("""
            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [ 473206]   504 473206  7572670  2308581 60686336  5225427             0 doxygen
            [1833435]     0 1833435     5294      360    81920        0           -999 systemd
            """)
        #expect(event.tasks.map(\.pid) == [473206, 1833435])
        #expect(event.tasks.last?.oom_score_adj == -999)
    }

    @Test func layout68WithRssSplit() throws {
        let event = DecoderInput.decode("""
            [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
            [   1234]  1000  1234   120000    50000    40000     9000      1000   524288        12             0 firefox
            """)
        let row = try #require(event.tasks.first)
        #expect(row.rss_pages == 50000 && row.rss_anon_pages == 40000 && row.rss_file_pages == 9000)
        #expect(row.rss_shmem_pages == 1000 && row.pgtables_bytes == 524288 && row.swapents == 12)
    }

    @Test func namesWithSpacesParenthesesAndColons() {
        let event = DecoderInput.decode("""
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [    857]  1000   857    25433      835    86016        0             0 (sd-pam)
            [    858]  1000   858    25433      835    86016        0             0 Plex Media Server
            [    859]  1000   859    25433      835    86016        0             0 php-fpm: pool w
            [    860]  1000   860    25433      835    86016        0             0 kworker/0:2
            """)
        #expect(event.tasks.map(\.name) == ["(sd-pam)", "Plex Media Server", "php-fpm: pool w", "kworker/0:2"])
    }

    @Test func traceLinesAreNotRows() {
        let event = DecoderInput.decode("""
            Call Trace:
            [<c171e79e>] dump_stack+0x4b/0x75
            [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name
            [<c10f9fac>] oom_kill_process+0x1dc/0x360
            [  301]     0   301      807      232       3        0             0 upstart-udev-br
            [  302]     0   302      807      232       3        0
            """)
        #expect(event.tasks.map(\.pid) == [301])
    }

    @Test func rowsWithoutHeaderAreNotRead() {
        let event = DecoderInput.decode("[  301]     0   301      807      232       3        0             0 upstart-udev-br")
        #expect(event.tasks.isEmpty)
    }
}
