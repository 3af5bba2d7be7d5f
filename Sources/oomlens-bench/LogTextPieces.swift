/// Random pieces of log text that several kinds of line share: addresses, ports, ids and names.
enum LogTextPieces {
    static let users: [StaticString] = ["deploy", "ubuntu", "admin", "jenkins", "alice", "bob", "ops", "backup",
                                        "gitlab-runner", "ansible"]
    static let invalidUsers: [StaticString] = ["admin", "test", "oracle", "user", "ubnt", "git", "pi", "support",
                                               "guest", "ftpuser", "postgres", "hadoop"]
    static let domains: [StaticString] = ["example.com", "example.org", "mail.example.net", "shop.example.com",
                                          "corp.example.io"]

    /// Appends an IPv4 address: mostly private 10.x addresses, otherwise any public-looking one.
    static func appendIPv4(to buffer: inout TextBuffer, random: inout SeededRandom) {
        if random.chance(0.4) {
            buffer.append("10.")
            buffer.appendDecimal(random.below(4))
        } else {
            buffer.appendDecimal(random.inRange(11...223))
            buffer.append(byte: UInt8(ascii: "."))
            buffer.appendDecimal(random.below(256))
        }
        buffer.append(byte: UInt8(ascii: "."))
        buffer.appendDecimal(random.below(256))
        buffer.append(byte: UInt8(ascii: "."))
        buffer.appendDecimal(random.inRange(1...254))
    }

    /// Appends an ephemeral TCP port.
    static func appendPort(to buffer: inout TextBuffer, random: inout SeededRandom) {
        buffer.appendDecimal(random.inRange(1024...65535))
    }

    /// Appends `count` random lowercase hex digits.
    static func appendHexID(to buffer: inout TextBuffer, random: inout SeededRandom, count: Int) {
        var remaining = count
        while remaining > 0 {
            let digits = min(remaining, 16)
            buffer.appendHex(random.next(), digits: digits)
            remaining -= digits
        }
    }

    /// Appends `count` random characters of the base64 alphabet (as in `SHA256:` key fingerprints).
    static func appendBase64(to buffer: inout TextBuffer, random: inout SeededRandom, count: Int) {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        alphabet.withUTF8Buffer { letters in
            var bits = random.next()
            for index in 0..<count {
                if index % 10 == 9 { bits = random.next() }
                buffer.append(byte: letters[Int(bits & 63)])
                bits >>= 6
            }
        }
    }

    /// Appends a postfix queue id: 10 or 11 uppercase hex digits.
    static func appendQueueID(to buffer: inout TextBuffer, random: inout SeededRandom) {
        let alphabet: StaticString = "0123456789ABCDEF"
        alphabet.withUTF8Buffer { letters in
            var bits = random.next()
            for _ in 0..<(10 + random.below(2)) {
                buffer.append(byte: letters[Int(bits & 15)])
                bits >>= 4
            }
        }
    }

    /// Appends a version-4 style UUID.
    static func appendUUID(to buffer: inout TextBuffer, random: inout SeededRandom, separator: UInt8) {
        appendHexID(to: &buffer, random: &random, count: 8)
        buffer.append(byte: separator)
        appendHexID(to: &buffer, random: &random, count: 4)
        buffer.append(byte: separator)
        buffer.append(byte: UInt8(ascii: "4"))
        appendHexID(to: &buffer, random: &random, count: 3)
        buffer.append(byte: separator)
        appendHexID(to: &buffer, random: &random, count: 4)
        buffer.append(byte: separator)
        appendHexID(to: &buffer, random: &random, count: 12)
    }

    /// Appends a process id as a modern kernel hands them out (pid_max 4194304).
    static func appendProcessID(to buffer: inout TextBuffer, random: inout SeededRandom) {
        buffer.appendDecimal(randomProcessID(&random))
    }

    static func randomProcessID(_ random: inout SeededRandom) -> Int {
        random.chance(0.7) ? random.inRange(1000...99_999) : random.inRange(100_000...3_999_999)
    }
}
