/// Where `/metrics` is served: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` (loopback, 127.0.0.1).
public struct PrometheusListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A listen address that cannot be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public var host: String
    /// 0 lets the system pick a free port.
    public var port: Int

    /// Reads `text`.
    /// - Throws: ``Problem`` naming what is wrong.
    public init(_ text: String) throws(Problem) {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw Problem(description: "'\(text)': an IPv6 address needs its closing ']'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Problem(description: "'\(text)': expected HOST:PORT") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw Problem(description: "'\(text)': expected HOST:PORT, e.g. 127.0.0.1:9464")
            }
            host = text[..<colon]
            guard !host.contains(":") else {
                throw Problem(description: "'\(text)': write an IPv6 address in brackets, e.g. [::1]:9464")
            }
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = Int(portText), port <= 65535
        else { throw Problem(description: "'\(text)': the port must be a number from 0 to 65535") }
        if host.isEmpty { host = "127.0.0.1" }
        self.host = String(host)
        self.port = port
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
