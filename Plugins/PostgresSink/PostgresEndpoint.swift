import Foundation
import OOMLensSinkAPI
import PostgresNIO

/// Where and how to connect: the sink's options resolved into a postgres-nio configuration.
///
/// The URL form follows libpq: `postgres://user:password@host:port/database?sslmode=MODE`, with percent-encoded
/// user and password. `description` never shows the password.
struct PostgresEndpoint: CustomStringConvertible {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var tls: String
    var connectTimeoutMs: Int

    init(options: PostgresSink.Options, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SinkError)
    {
        host = options.host
        port = options.port
        user = options.user
        password = options.password.isEmpty ? nil : options.password
        database = options.database
        tls = options.tls
        connectTimeoutMs = options.connectTimeoutMs
        if !options.passwordEnv.isEmpty {
            guard let value = environment[options.passwordEnv] else {
                throw Self.error("environment variable \(options.passwordEnv) (password_env) is not set")
            }
            password = value
        }
        if !options.url.isEmpty { try apply(url: options.url) }
        guard ["disable", "prefer", "require", "verify-full"].contains(tls) else {
            throw Self.error("tls must be disable, prefer, require or verify-full, not '\(tls)'")
        }
        guard !host.isEmpty, (1...65535).contains(port), !user.isEmpty, !database.isEmpty else {
            throw Self.error("host, port (1-65535), user and database must be set")
        }
        guard connectTimeoutMs > 0 else { throw Self.error("connect_timeout_ms must be positive") }
    }

    private mutating func apply(url: String) throws(SinkError) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme,
              scheme == "postgres" || scheme == "postgresql"
        else {
            throw Self.error("url must look like postgres://user:password@host:port/database")
        }
        if let h = parts.host, !h.isEmpty {
            host = h.hasPrefix("[") && h.hasSuffix("]") ? String(h.dropFirst().dropLast()) : h
        }
        if let p = parts.port { port = p }
        if let u = parts.user, !u.isEmpty { user = u }
        if let pw = parts.password { password = pw }
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        if !path.isEmpty { database = path }
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                tls = item.value ?? ""
                if tls == "allow" { tls = "prefer" }
                if tls == "verify-ca" { tls = "verify-full" }
            case "connect_timeout":
                if let s = item.value.flatMap(Int.init), s > 0 { connectTimeoutMs = s * 1000 }
            default:
                throw Self.error("unsupported URL parameter '\(item.name)' (known: sslmode, connect_timeout)")
            }
        }
    }

    /// The postgres-nio configuration, with TLS set up as `tls` asks.
    func configuration() throws(SinkError) -> PostgresConnection.Configuration {
        let tlsSetting: PostgresConnection.Configuration.TLS
        do {
            switch tls {
            case "disable":
                tlsSetting = .disable
            case "verify-full":
                tlsSetting = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                let context = try NIOSSLContext(configuration: config)
                tlsSetting = tls == "require" ? .require(context) : .prefer(context)
            }
        } catch {
            throw Self.error("cannot set up TLS: \(error)")
        }
        var config = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                      database: database, tls: tlsSetting)
        config.options.connectTimeout = .milliseconds(Int64(connectTimeoutMs))
        config.options.additionalStartupParameters = [("application_name", "oomlens")]
        return config
    }

    var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(h):\(port)/\(database)"
    }

    private static func error(_ message: String) -> SinkError {
        SinkError(sink: PostgresSink.name, message: message)
    }
}
