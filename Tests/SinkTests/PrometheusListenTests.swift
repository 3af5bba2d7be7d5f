import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import PrometheusSink
import Testing

/// The prometheus sink's `listen` option: the address it takes and what it changes about the file.
struct PrometheusListenTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), (":9464", "127.0.0.1", 9464), ("0.0.0.0:0", "0.0.0.0", 0),
        ("[::1]:80", "::1", 80), ("localhost:65535", "localhost", 65535),
    ])
    func addressesAreRead(text: String, host: String, port: Int) throws {
        let address = try PrometheusListenAddress(text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: ["", "9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "::1:80",
                      "[::1:80", "[::1]80", "host:9x"])
    func badAddressesAreRefusedWithTheirText(text: String) {
        do {
            _ = try PrometheusListenAddress(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains("'\(text)'"))
        }
    }

    @Test func theAddressPrintsAsItIsWritten() throws {
        #expect(try PrometheusListenAddress("[::1]:9464").description == "[::1]:9464")
        #expect(try PrometheusListenAddress(":80").description == "127.0.0.1:80")
    }

    @Test func aBadListenOptionIsASinkError() {
        var options = PrometheusSink.Options()
        options.path = ""
        options.listen = "nowhere"
        do {
            _ = try PrometheusSink(options: options, context: testContext())
            Issue.record("accepted")
        } catch {
            #expect(error.sink == "prometheus")
            #expect(error.message.contains("listen"))
        }
    }

    @Test func inFollowModeAnEmptyPathWithListenWritesNothingAnywhere() throws {
        let collected = Collected()
        var options = PrometheusSink.Options()
        options.path = ""
        options.listen = "127.0.0.1:0"
        let context = SinkContext(writeStandardOutput: { collected.add($0) }, warn: { _ in }, live: true)
        let sink = try PrometheusSink(options: options, context: context)
        #expect(sink.listen == (try PrometheusListenAddress("127.0.0.1:0")))
        try sink.write([richEvent(1)])
        try sink.flush()
        try sink.close()
        #expect(collected.bytes.isEmpty)
        #expect(sink.metrics().eventCount == 1)
        #expect(sink.exposition().contains("oomlens_oom_kills_total{"))
    }

    @Test func inABatchRunListenIsIgnoredWithAWarningAndTheTextGoesToStandardOutput() throws {
        let collected = Collected()
        let warnings = Collected()
        var options = PrometheusSink.Options()
        options.path = ""
        options.listen = "127.0.0.1:9464"
        let sink = try PrometheusSink(options: options, context: SinkContext(
            writeStandardOutput: { collected.add($0) }, warn: { warnings.add(Array($0.utf8)) }))
        try sink.write([richEvent(1)])
        try sink.close()
        #expect(String(decoding: warnings.bytes, as: UTF8.self).contains("follow"))
        #expect(parseExposition(String(decoding: collected.bytes, as: UTF8.self)) != nil)
    }
}
