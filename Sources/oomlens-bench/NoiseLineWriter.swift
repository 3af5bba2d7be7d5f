/// Writes the everyday lines of a syslog — sshd, CRON, systemd, nginx, postfix, dockerd and kernel messages —
/// with now and then an OOM-looking decoy (see ``DecoyWriter``) among them.
///
/// Everything it writes comes from its own random stream, so the noise of a file is the same whether or not
/// OOM reports are mixed into it.
struct NoiseLineWriter {
    /// The programs whose lines make up the noise, with their relative shares.
    private enum Program: CaseIterable {
        case nginx, sshd, systemd, postfix, dockerd, cron, kernel
    }

    private static let programWeights = [28, 14, 14, 12, 12, 10, 10]
    /// Share of noise events that are decoys.
    private static let decoyShare = 0.0015

    private var random: SeededRandom
    /// Mean clock advance between two lines, in milliseconds.
    private let meanMillisecondsPerLine: Int64

    init(random: SeededRandom, meanMillisecondsPerLine: Int64) {
        self.random = random
        self.meanMillisecondsPerLine = max(meanMillisecondsPerLine, 0)
    }

    /// Advances the clock and writes one noise event: usually one line, sometimes a multi-line decoy.
    mutating func writeNext(into buffer: inout TextBuffer, clock: inout SyslogClock) {
        clock.advance(by: Int64(random.below(Int(meanMillisecondsPerLine * 2 + 1))))
        let hostIndex = random.weightedIndex(HostProfile.lineWeights)
        let host = HostProfile.all[hostIndex]
        if random.chance(Self.decoyShare) {
            DecoyWriter.write(into: &buffer, clock: &clock, host: host, random: &random)
            return
        }
        switch Program.allCases[random.weightedIndex(Self.programWeights)] {
        case .nginx: writeNginx(&buffer, &clock, host, hostIndex)
        case .sshd: writeSSHD(&buffer, &clock, host)
        case .systemd: writeSystemd(&buffer, &clock, host)
        case .postfix: writePostfix(&buffer, &clock, host, hostIndex)
        case .dockerd: writeDockerd(&buffer, &clock, host, hostIndex)
        case .cron: writeCron(&buffer, &clock, host)
        case .kernel: writeKernel(&buffer, &clock, host)
        }
        buffer.newline()
    }

    /// Writes one ordinary (non-decoy) line from a program other than the kernel; used between the lines of a
    /// report, where other daemons' messages interleave with the kernel's.
    mutating func writeInterleavedLine(into buffer: inout TextBuffer, clock: inout SyslogClock) {
        let hostIndex = random.weightedIndex(HostProfile.lineWeights)
        let host = HostProfile.all[hostIndex]
        switch random.below(4) {
        case 0: writeNginx(&buffer, &clock, host, hostIndex)
        case 1: writeSSHD(&buffer, &clock, host)
        case 2: writeSystemd(&buffer, &clock, host)
        default: writeDockerd(&buffer, &clock, host, hostIndex)
        }
        buffer.newline()
    }

    // MARK: nginx

    private static let methods: [StaticString] = ["GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD"]
    private static let paths: [StaticString] = [
        "/", "/index.html", "/api/v1/orders/", "/api/v1/users/", "/api/v2/search?q=", "/static/js/app.",
        "/static/css/main.", "/healthz", "/metrics", "/login", "/cart/items/", "/wp-login.php", "/.env",
        "/images/products/", "/api/v1/session/refresh",
    ]
    private static let statuses = [200, 200, 200, 200, 200, 200, 304, 301, 404, 404, 500, 502, 204, 401]
    private static let agents: [StaticString] = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "curl/8.5.0", "kube-probe/1.29", "Prometheus/2.51.0", "python-requests/2.31.0", "Go-http-client/1.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "okhttp/4.12.0", "Wget/1.21.3",
        "axios/1.6.8", "ELB-HealthChecker/2.0", "kube-probe/1.29", "Prometheus/2.51.0", "curl/8.5.0",
    ]

    private mutating func writeNginx(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile,
                                     _ hostIndex: Int)
    {
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "nginx",
                            pid: 1000 + hostIndex * 211 + random.below(4))
        if random.chance(0.08) {
            buffer.append("*")
            buffer.appendDecimal(random.inRange(1000...9_999_999))
            buffer.append(" upstream timed out (110: Connection timed out) while reading response header from upstream, client: ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(", server: api.example.com")
            return
        }
        LogTextPieces.appendIPv4(to: &buffer, random: &random)
        buffer.append(" - - [")
        clock.appendAccessLogStamp(to: &buffer)
        buffer.append("] \"")
        buffer.append(random.pick(Self.methods))
        buffer.append(byte: UInt8(ascii: " "))
        let path = random.pick(Self.paths)
        buffer.append(path)
        let lastByte = path.utf8Start[path.utf8CodeUnitCount - 1]
        if path.utf8CodeUnitCount > 1 && (lastByte == UInt8(ascii: "/") || lastByte == UInt8(ascii: "=")
            || lastByte == UInt8(ascii: "."))
        {
            buffer.appendDecimal(random.below(100_000))
        }
        buffer.append(" HTTP/1.1\" ")
        buffer.appendDecimal(random.pick(Self.statuses))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.appendDecimal(random.below(60_000))
        buffer.append(" \"-\" \"")
        buffer.append(random.pick(Self.agents))
        buffer.append(byte: UInt8(ascii: "\""))
    }

    // MARK: sshd

    private mutating func writeSSHD(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile) {
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "sshd",
                            pid: LogTextPieces.randomProcessID(&random))
        switch random.below(8) {
        case 0:
            buffer.append("Accepted publickey for ")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append(" from ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
            buffer.append(" ssh2: ED25519 SHA256:")
            LogTextPieces.appendBase64(to: &buffer, random: &random, count: 43)
        case 1:
            buffer.append("Failed password for invalid user ")
            buffer.append(random.pick(LogTextPieces.invalidUsers))
            buffer.append(" from ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
            buffer.append(" ssh2")
        case 2:
            buffer.append("Invalid user ")
            buffer.append(random.pick(LogTextPieces.invalidUsers))
            buffer.append(" from ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
        case 3:
            buffer.append("pam_unix(sshd:session): session opened for user ")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append("(uid=")
            buffer.appendDecimal(random.inRange(1000...1010))
            buffer.append(") by (uid=0)")
        case 4:
            buffer.append("pam_unix(sshd:session): session closed for user ")
            buffer.append(random.pick(LogTextPieces.users))
        case 5:
            buffer.append("Received disconnect from ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
            buffer.append(":11: disconnected by user")
        case 6:
            buffer.append("Disconnected from user ")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append(" ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
        default:
            buffer.append("Connection closed by authenticating user root ")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" port ")
            LogTextPieces.appendPort(to: &buffer, random: &random)
            buffer.append(" [preauth]")
        }
    }

    // MARK: systemd

    private static let units: [(unit: StaticString, description: StaticString)] = [
        ("logrotate.service", "Rotate log files"),
        ("apt-daily.service", "Daily apt download activities"),
        ("man-db.service", "Daily man-db regeneration"),
        ("sysstat-collect.service", "system activity accounting tool"),
        ("phpsessionclean.service", "Clean php session files"),
        ("certbot.service", "Certbot"),
        ("fstrim.service", "Discard unused blocks on filesystems from /etc/fstab"),
        ("systemd-tmpfiles-clean.service", "Cleanup of Temporary Directories"),
        ("motd-news.service", "Message of the Day"),
        ("update-notifier-download.service", "Download data for packages that failed at package install time"),
    ]

    private mutating func writeSystemd(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile) {
        let userInstance = random.chance(0.15)
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "systemd",
                            pid: userInstance ? LogTextPieces.randomProcessID(&random) : 1)
        let unit = random.pick(Self.units)
        switch random.below(7) {
        case 0:
            let session = random.inRange(1...250_000)
            buffer.append("Started session-")
            buffer.appendDecimal(session)
            buffer.append(".scope - Session ")
            buffer.appendDecimal(session)
            buffer.append(" of User ")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append(".")
        case 1:
            buffer.append("Starting ")
            buffer.append(unit.unit)
            buffer.append(" - ")
            buffer.append(unit.description)
            buffer.append("...")
        case 2:
            buffer.append("Finished ")
            buffer.append(unit.unit)
            buffer.append(" - ")
            buffer.append(unit.description)
            buffer.append(".")
        case 3:
            buffer.append(unit.unit)
            buffer.append(": Deactivated successfully.")
        case 4:
            buffer.append(unit.unit)
            buffer.append(": Consumed ")
            buffer.appendDecimal(random.below(40))
            buffer.append(".")
            buffer.appendZeroPadded(random.below(1000), digits: 3)
            buffer.append("s CPU time, ")
            buffer.appendDecimal(random.inRange(1...900))
            buffer.append(".")
            buffer.appendDecimal(random.below(10))
            buffer.append("M memory peak.")
        case 5:
            buffer.append("Created slice user-")
            let uid = random.inRange(1000...1010)
            buffer.appendDecimal(uid)
            buffer.append(".slice - User Slice of UID ")
            buffer.appendDecimal(uid)
            buffer.append(".")
        default:
            buffer.append("session-")
            buffer.appendDecimal(random.inRange(1...250_000))
            buffer.append(".scope: Deactivated successfully.")
        }
    }

    // MARK: postfix

    private mutating func writePostfix(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile,
                                       _ hostIndex: Int)
    {
        switch random.below(6) {
        case 0:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/smtpd",
                                pid: LogTextPieces.randomProcessID(&random))
            buffer.append("connect from mail-")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 6)
            buffer.append(".outbound.example.net[")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append("]")
        case 1:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/smtpd",
                                pid: LogTextPieces.randomProcessID(&random))
            buffer.append("disconnect from unknown[")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append("] ehlo=1 mail=1 rcpt=")
            buffer.appendDecimal(random.inRange(0...1))
            buffer.append("/1 data=1 quit=1 commands=5")
        case 2:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/qmgr",
                                pid: 1500 + hostIndex * 7)
            LogTextPieces.appendQueueID(to: &buffer, random: &random)
            buffer.append(": from=<noreply@")
            buffer.append(random.pick(LogTextPieces.domains))
            buffer.append(">, size=")
            buffer.appendDecimal(random.inRange(800...250_000))
            buffer.append(", nrcpt=1 (queue active)")
        case 3:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/smtp",
                                pid: LogTextPieces.randomProcessID(&random))
            LogTextPieces.appendQueueID(to: &buffer, random: &random)
            buffer.append(": to=<")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append("@")
            buffer.append(random.pick(LogTextPieces.domains))
            buffer.append(">, relay=mx.")
            buffer.append(random.pick(LogTextPieces.domains))
            buffer.append("[")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append("]:25, delay=0.")
            buffer.appendZeroPadded(random.below(100), digits: 2)
            buffer.append(", delays=0.01/0/0.")
            buffer.appendZeroPadded(random.below(100), digits: 2)
            buffer.append("/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)")
        case 4:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/cleanup",
                                pid: LogTextPieces.randomProcessID(&random))
            LogTextPieces.appendQueueID(to: &buffer, random: &random)
            buffer.append(": message-id=<")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 20)
            buffer.append("@")
            buffer.append(random.pick(LogTextPieces.domains))
            buffer.append(">")
        default:
            SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "postfix/qmgr",
                                pid: 1500 + hostIndex * 7)
            LogTextPieces.appendQueueID(to: &buffer, random: &random)
            buffer.append(": removed")
        }
    }

    // MARK: dockerd

    private mutating func writeDockerd(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile,
                                       _ hostIndex: Int)
    {
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "dockerd", pid: 700 + hostIndex * 13)
        buffer.append("time=\"")
        clock.appendISOStamp(to: &buffer)
        buffer.appendZeroPadded(random.below(1_000_000), digits: 6)
        buffer.append("Z\" level=")
        switch random.below(5) {
        case 0:
            buffer.append("info msg=\"ignoring event\" container=")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 64)
            buffer.append(" module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"")
        case 1:
            buffer.append("warning msg=\"Health check for container ")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 12)
            buffer.append(" error: context deadline exceeded\"")
        case 2:
            buffer.append("info msg=\"Container failed to exit within 10s of signal 15 - using the force\" container=")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 12)
        case 3:
            buffer.append("error msg=\"Handler for GET /v1.43/containers/")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 12)
            buffer.append("/json returned error: No such container\"")
        default:
            buffer.append("info msg=\"Attempting next endpoint for pull after error: manifest unknown\"")
        }
    }

    // MARK: CRON

    private static let cronScripts: [StaticString] = ["backup-db", "sync-assets", "report-usage", "purge-cache",
                                                      "rotate-uploads", "check-certs"]

    private mutating func writeCron(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile) {
        SyslogPrefix.append(to: &buffer, clock: &clock, host: host, program: "CRON",
                            pid: LogTextPieces.randomProcessID(&random))
        switch random.below(5) {
        case 0:
            buffer.append("(root) CMD (   cd / && run-parts --report /etc/cron.hourly)")
        case 1:
            buffer.append("pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)")
        case 2:
            buffer.append("pam_unix(cron:session): session closed for user root")
        case 3:
            let script = random.pick(Self.cronScripts)
            buffer.append("(")
            buffer.append(random.pick(LogTextPieces.users))
            buffer.append(") CMD (/usr/local/bin/")
            buffer.append(script)
            buffer.append(" >> /var/log/")
            buffer.append(script)
            buffer.append(".log 2>&1)")
        default:
            buffer.append("(www-data) CMD (php /var/www/app/artisan schedule:run >> /dev/null 2>&1)")
        }
    }

    // MARK: kernel

    private static let snaps: [StaticString] = ["firefox", "lxd", "snapd-desktop-integration", "code", "chromium"]

    private mutating func writeKernel(_ buffer: inout TextBuffer, _ clock: inout SyslogClock, _ host: HostProfile) {
        let uptime = SyslogPrefix.uptimeMicroseconds(host: host, clock: clock, random: &random)
        SyslogPrefix.appendKernel(to: &buffer, clock: &clock, host: host, uptimeMicroseconds: uptime)
        switch random.below(10) {
        case 0:
            buffer.append("[UFW BLOCK] IN=eth0 OUT= MAC=f2:3c:91:e2:47:cc:00:1b:54:c2:50:c1:08:00 SRC=")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" DST=")
            LogTextPieces.appendIPv4(to: &buffer, random: &random)
            buffer.append(" LEN=40 TOS=0x00 PREC=0x00 TTL=")
            buffer.appendDecimal(random.inRange(30...250))
            buffer.append(" ID=")
            buffer.appendDecimal(random.below(65536))
            buffer.append(" PROTO=TCP SPT=")
            LogTextPieces.appendPort(to: &buffer, random: &random)
            buffer.append(" DPT=")
            buffer.appendDecimal(random.pick([22, 23, 80, 443, 3389, 5432, 6379, 8080]))
            buffer.append(" WINDOW=1024 RES=0x00 SYN URGP=0")
        case 1:
            let snap = random.pick(Self.snaps)
            let pid = LogTextPieces.randomProcessID(&random)
            buffer.append("audit: type=1400 audit(")
            buffer.appendDecimal(Int(clock.unixSeconds))
            buffer.append(".")
            buffer.appendZeroPadded(random.below(1000), digits: 3)
            buffer.append(":")
            buffer.appendDecimal(random.inRange(100...99_999))
            buffer.append("): apparmor=\"DENIED\" operation=\"open\" profile=\"snap.")
            buffer.append(snap)
            buffer.append("\" name=\"/proc/")
            buffer.appendDecimal(pid)
            buffer.append("/mountinfo\" pid=")
            buffer.appendDecimal(pid)
            buffer.append(" comm=\"")
            buffer.append(snap)
            buffer.append("\" requested_mask=\"r\" denied_mask=\"r\"")
        case 2:
            buffer.append("TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.  Check SNMP counters.")
        case 3:
            buffer.append("docker0: port ")
            buffer.appendDecimal(random.inRange(1...12))
            buffer.append("(veth")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 7)
            buffer.append(random.pick([") entered blocking state", ") entered forwarding state",
                                       ") entered disabled state"] as [StaticString]))
        case 4, 8:
            buffer.append("eth0: renamed from veth")
            LogTextPieces.appendHexID(to: &buffer, random: &random, count: 7)
        case 5, 7:
            buffer.append("perf: interrupt took too long (")
            let took = random.inRange(2501...6000)
            buffer.appendDecimal(took)
            buffer.append(" > 2500), lowering kernel.perf_event_max_sample_rate to ")
            buffer.appendDecimal(100_000 * 2500 / took / 250 * 250)
        default:
            buffer.append("nf_conntrack: nf_conntrack: table full, dropping packet")
        }
    }
}
