import NIOPosix
import OOMLensCore
import OOMLensSinkAPI
import PrometheusSink

/// The `/metrics` endpoints of `oomlens follow`: one per `prometheus` sink with a `listen` address, serving that
/// sink's series with the follower's latest statistics.
final class MetricsEndpoints {
    private let snapshot: FollowStatsSnapshot
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var servers: [(sink: PrometheusSink, server: MetricsServer)] = []

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(snapshot: FollowStatsSnapshot) {
        self.snapshot = snapshot
    }

    /// Serves the prometheus sinks among `sinks` that have a listen address: keeps the servers of sinks still in
    /// use, stops the others first, then starts the new ones. Returns what it started, as messages.
    /// - Throws: ``Problem`` when an address cannot be bound.
    func update(sinks: [(name: String, sink: any EventSink)]) throws -> [String] {
        let wanted = sinks.compactMap { $0.sink as? PrometheusSink }.filter { $0.listen != nil }
        for entry in servers where !wanted.contains(where: { $0 === entry.sink }) { entry.server.stop() }
        servers.removeAll { entry in !wanted.contains { $0 === entry.sink } }
        var started: [String] = []
        for sink in wanted where !servers.contains(where: { $0.sink === sink }) {
            guard let address = sink.listen else { continue }
            let server: MetricsServer
            do {
                server = try MetricsServer(address, group: group, render: { [snapshot] in
                    Self.render(sink, snapshot)
                })
            } catch {
                throw Problem(description: "prometheus: cannot serve /metrics on \(address): \(error)")
            }
            servers.append((sink, server))
            started.append("serving metrics on http://\(server.boundAddress)/metrics")
        }
        return started
    }

    /// Stops every server and the event loop.
    func stopAll() {
        for entry in servers { entry.server.stop() }
        servers.removeAll()
        try? group.syncShutdownGracefully()
    }

    /// The sink's series, with the follower's counters as the pipeline counters, then the follower's own series.
    private static func render(_ sink: PrometheusSink, _ snapshot: FollowStatsSnapshot) -> String {
        var metrics = sink.metrics()
        guard let latest = snapshot.latest() else { return metrics.render() }
        metrics.setPipelineCounters(latest.stats.flatCounters)
        return metrics.render() + FollowMetricsText.render(latest.stats, age: latest.age)
    }
}
