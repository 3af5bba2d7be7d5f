import OOMLensSinkAPI

extension ExecSink {
    /// Options of the `exec` sink: the program, how events are batched, and how long to wait for it.
    public struct Options: ComponentOptions {
        /// The program and its arguments, as an argv array; never run through a shell.
        public var command: [String] = []
        /// A program run without arguments: what `--output exec:PROGRAM` sets. Use `command` for arguments.
        public var program: String = ""
        /// Events per batch.
        public var batchSize: Int = 100
        /// Batches sent and not yet acknowledged before `write` waits for the program.
        public var maxInFlight: Int = 4
        /// Longest wait for the program's next acknowledgement (or for it to take input) before the sink fails.
        public var ackTimeoutMs: Int = 30_000
        /// Restarts in a row, without an acknowledgement in between, before the sink fails.
        public var maxRestarts: Int = 5
        /// First wait before a restart; it doubles with each restart in a row, up to 30 s.
        public var restartBackoffMs: Int = 250

        public init() {}

        public static var documentation: [String: String] {
            [
                "command": "The program and its arguments as an array, for example [\"python3\", \"sink.py\", \"--db\", \"x\"]. Run directly (PATH is searched when the first element has no slash), never through a shell.",
                "program": "A program to run without arguments; this is what --output exec:PROGRAM sets. Ignored when command is set.",
                "batch_size": "Events per batch; a flush sends a shorter one.",
                "max_in_flight": "Batches sent but not yet acknowledged before writing waits for the program (backpressure).",
                "ack_timeout_ms": "Longest wait, in milliseconds, for the program's next acknowledgement or for it to read its input; then the sink fails.",
                "max_restarts": "Restarts in a row (without an acknowledgement in between) before the sink fails.",
                "restart_backoff_ms": "Wait before the first restart, in milliseconds; it doubles with each restart in a row, up to 30 seconds.",
            ]
        }
    }
}
