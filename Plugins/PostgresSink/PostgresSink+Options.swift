import OOMLensSinkAPI

extension PostgresSink {
    /// Options of the `postgres` sink: where the server is, how events are batched, and how hard to retry.
    ///
    /// A non-empty `url` wins over `host`, `port`, `user`, `password` and `database` for every part it names.
    public struct Options: ComponentOptions {
        /// `postgres://user:password@host:port/database?sslmode=…`; empty to use the separate fields.
        public var url: String = ""
        public var host: String = "127.0.0.1"
        public var port: Int = 5432
        public var user: String = "oomlens"
        public var password: String = ""
        /// Name of an environment variable holding the password, so that `pipeline.json` carries no secret.
        public var passwordEnv: String = ""
        public var database: String = "oomlens"
        /// `disable`, `prefer`, `require` or `verify-full`, as libpq's `sslmode`.
        public var tls: String = "prefer"
        /// Events per transaction.
        public var batchSize: Int = 500
        public var connectTimeoutMs: Int = 10_000
        /// Longest wait for one statement before the connection is treated as lost.
        public var queryTimeoutMs: Int = 60_000
        /// Attempts after the first one before a batch is given up and the sink fails.
        public var retries: Int = 10
        /// First wait between attempts; it doubles up to 10 s.
        public var retryBackoffMs: Int = 200

        public init() {}

        public static var documentation: [String: String] {
            [
                "url": "Connection URL postgres://user:password@host:port/database?sslmode=MODE; the parts it names override the separate options.",
                "host": "Server host name or IP address.",
                "port": "Server TCP port.",
                "user": "Role to log in as.",
                "password": "Password of the role; prefer password_env or the URL so that pipeline.json holds no secret.",
                "password_env": "Name of an environment variable that holds the password.",
                "database": "Database to write into; the oom_* tables are created there on first use.",
                "tls": "disable, prefer (TLS when the server offers it), require (TLS, certificate not checked) or verify-full (TLS with certificate and host name checked).",
                "batch_size": "Events written per transaction; a flush commits a shorter batch.",
                "connect_timeout_ms": "Longest wait for a connection, in milliseconds.",
                "query_timeout_ms": "Longest wait for one statement, in milliseconds, before the connection is treated as lost.",
                "retries": "Attempts after the first one (reconnecting each time) before a batch is given up and the sink fails.",
                "retry_backoff_ms": "First wait between attempts, in milliseconds; it doubles up to 10 seconds.",
            ]
        }
    }
}
