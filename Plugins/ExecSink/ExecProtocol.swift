/// The wire format between the sink and its program, version 1 (see PROTOCOL.md).
///
/// To the program: per batch, one header line `{"oomlens_exec":1,"batch":N,"events":K}` (keys always in that
/// order) and then K lines, one event each, as JSON Lines with the event schema's names. From the program: one
/// line `ack N` per batch, or for several at once, since `ack N` acknowledges batch N and every batch before it.
enum ExecProtocol {
    /// The protocol version written in every header.
    static let version = 1

    /// Name of the environment variable that tells the program the protocol version.
    static let environmentVariable = "OOMLENS_EXEC_PROTOCOL"

    /// The header line of a batch, newline included.
    static func header(batch: Int, events: Int) -> String {
        "{\"oomlens_exec\":\(version),\"batch\":\(batch),\"events\":\(events)}\n"
    }

    /// The batch number of an `ack N` line (spaces and a trailing CR allowed), or nil for anything else.
    static func acknowledgedBatch(_ line: Substring) -> Int? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        guard words.count == 2, words[0] == "ack", let n = Int(words[1]), n >= 0 else { return nil }
        return n
    }
}
