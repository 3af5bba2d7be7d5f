import PostgresNIO

/// A failed attempt to talk to the server, sorted into "try again" and "give up".
///
/// Lost connections, timeouts, a server shutting down or starting, deadlocks and serialization failures are
/// transient: the batch is sent again on a new connection. Anything else the server rejects (bad credentials, a
/// missing database, a constraint it will reject every time) is permanent.
struct PostgresFailure: Error, CustomStringConvertible {
    let message: String
    let transient: Bool

    init(message: String, transient: Bool) {
        self.message = message
        self.transient = transient
    }

    /// SQLSTATE codes (or classes, two characters) worth retrying.
    private static let transientStates: Set<String> = [
        "08", "53", "57P01", "57P02", "57P03", "40001", "40P01", "55P03",
    ]

    init(_ error: any Error) {
        if let e = error as? PostgresFailure {
            self = e
            return
        }
        guard let e = error as? PSQLError else {
            self.init(message: "\(error)", transient: !Self.isTLSRejection(error))
            return
        }
        guard e.code == .server, let info = e.serverInfo else {
            var text = e.code.description
            if let underlying = e.underlying { text += " (\(underlying))" }
            let permanent: Set<PSQLError.Code> = [
                .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError, .tooManyParameters,
                .sslUnsupported,
            ]
            let rejected = e.underlying.map(Self.isTLSRejection) ?? false
            self.init(message: text, transient: !permanent.contains(e.code) && !rejected)
            return
        }
        let state = info[.sqlState] ?? "?????"
        var text = "\(info[.severity] ?? "ERROR") \(state): \(info[.message] ?? "server error")"
        if let detail = info[.detail] { text += " (\(detail))" }
        let transient = Self.transientStates.contains(state) || Self.transientStates.contains(String(state.prefix(2)))
        self.init(message: text, transient: transient)
    }

    /// A TLS handshake that failed on the certificate or the host name fails the same way next time.
    private static func isTLSRejection(_ error: any Error) -> Bool {
        if error is NIOSSLExtraError { return true }
        if let e = error as? NIOSSLError, case .handshakeFailed = e { return true }
        return false
    }

    var description: String { message }
}
