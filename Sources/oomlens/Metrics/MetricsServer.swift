import NIOCore
import NIOHTTP1
import NIOPosix
import PrometheusSink

/// One HTTP listener serving `/metrics` on a swift-nio event loop, apart from the follow thread.
final class MetricsServer {
    private let channel: any Channel
    /// The address actually bound (the port the system picked when 0 was asked).
    let boundAddress: String

    /// Binds `address` and serves `render()`'s text on `/metrics`.
    /// - Throws: when the address cannot be bound (in use, not local, no permission).
    init(_ address: PrometheusListenAddress, group: any EventLoopGroup,
         render: @escaping @Sendable () -> String) throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 64)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(render: render))
                }
            }
        channel = try bootstrap.bind(host: address.host, port: address.port).wait()
        var bound = address
        if let port = channel.localAddress?.port { bound.port = port }
        boundAddress = bound.description
    }

    /// Stops listening (connections still open end with the event loop group).
    func stop() {
        try? channel.close().wait()
    }
}
