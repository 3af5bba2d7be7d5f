import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// An event's id depends on its report's lines only, not on what was read before it.
struct AssemblerIdentityTests {
    @Test func aReportHasTheSameIdAfterAnotherFileAsAlone() {
        let dir = TemporaryDirectory()
        let first = dir.write("first.log", "[3034339.262439] Out of memory: Kill process 2758734 (hh_server) score 253 or sacrifice child\n")
        let second = dir.write("second.log", """
            Memory cgroup out of memory: Kill process 1012 (heapster) score 1035 or sacrifice child
            Killed process 1012 (heapster) total-vm:327128kB, anon-rss:306328kB, file-rss:11132kB

            """)
        let alone = PeerCases.events([second])
        let afterAnother = PeerCases.events([first, second])
        #expect(alone.count == 1)
        #expect(afterAnother.count == 2)
        #expect(afterAnother.last?.id == alone.first?.id)
        #expect(afterAnother.first?.id != afterAnother.last?.id)
    }
}
