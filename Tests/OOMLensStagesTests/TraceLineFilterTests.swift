@testable import OOMLensStages
import Testing

/// The lines the decoders skip without trying them: trace frames, trace markers, register dumps, and nothing else.
@Suite struct TraceLineFilterTests {
    @Test(arguments: [
        "dump_stack_lvl+0x4a/0x63",
        "? __alloc_pages+0x30b/0x330",
        "__alloc_pages_slowpath.constprop.0+0xcbd/0xe10",
        "nvidia_isr+0x12/0x3f0 [nvidia]",
        "? xfs_buf_read_map+0x40/0x1b0 [xfs-v2]",
        "<TASK>", "</TASK>", "<IRQ>", "Call Trace:",
        "RIP: 0033:0x7fe2e5e23c4d",
        "RAX: 03973b7ea0460aaf RBX: 0000000000002e85 RCX: 00000472d769e83d",
        "Code: 2f 64 ea be 90 21 <0c> 6d f1",
        "Hardware name: Dell Inc. PowerEdge R640/0H28RR, BIOS 2.17.1 11/15/2022",
    ])
    func skipped(_ line: String) {
        #expect(TraceLineFilter.matches(Substring(line)))
    }

    @Test(arguments: [
        "[  340]     0   340    27582     3713   102400        0          -250 systemd-journal",
        "Node 0 DMA: 475*4kB (U) 42*8kB (M) = 14076kB",
        "active_anon:3474699 inactive_anon:4078996 isolated_anon:0",
        "Out of memory: Killed process 39042 (postgres) total-vm:28013796kB",
        "CPU: 0 PID: 549 Comm: containerd Not tainted 5.15.0-91-generic #101-Ubuntu",
        "Call Trace: foo",
        "func+0x10/0x20 trailing",
        "func+0x10",
        "+0x10/0x20",
        "func+0x10/0x20 [bad module]",
        "",
    ])
    func decoded(_ line: String) {
        #expect(!TraceLineFilter.matches(Substring(line)))
    }
}
