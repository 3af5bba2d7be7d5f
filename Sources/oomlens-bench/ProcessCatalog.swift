/// The processes that run on the generated hosts: system services on every host, plus the applications of
/// each host role, and the processes inside a container.
enum ProcessCatalog {
    /// Services found on every host; their PIDs stay the same in every report of a host.
    static let systemServices: [ProcessTemplate] = [
        ProcessTemplate(name: "systemd-journal", uid: 0, oomScoreAdj: -250, residentPages: 2_000...22_000,
                        cgroup: "/system.slice/systemd-journald.service"),
        ProcessTemplate(name: "systemd-udevd", uid: 0, oomScoreAdj: -1000, residentPages: 1_200...2_100,
                        cgroup: "/system.slice/systemd-udevd.service"),
        ProcessTemplate(name: "multipathd", uid: 0, oomScoreAdj: -1000, residentPages: 4_000...4_800,
                        cgroup: "/system.slice/multipathd.service"),
        ProcessTemplate(name: "systemd-network", uid: 100, oomScoreAdj: 0, residentPages: 1_500...2_000,
                        cgroup: "/system.slice/systemd-networkd.service"),
        ProcessTemplate(name: "systemd-resolve", uid: 101, oomScoreAdj: 0, residentPages: 2_500...3_200,
                        cgroup: "/system.slice/systemd-resolved.service"),
        ProcessTemplate(name: "systemd-timesyn", uid: 102, oomScoreAdj: 0, residentPages: 1_200...1_500,
                        cgroup: "/system.slice/systemd-timesyncd.service"),
        ProcessTemplate(name: "cron", uid: 0, oomScoreAdj: 0, residentPages: 300...700,
                        cgroup: "/system.slice/cron.service"),
        ProcessTemplate(name: "dbus-daemon", uid: 103, oomScoreAdj: -900, residentPages: 1_000...1_400,
                        cgroup: "/system.slice/dbus.service"),
        ProcessTemplate(name: "rsyslogd", uid: 104, oomScoreAdj: 0, residentPages: 1_200...9_000,
                        cgroup: "/system.slice/rsyslog.service"),
        ProcessTemplate(name: "systemd-logind", uid: 0, oomScoreAdj: 0, residentPages: 1_600...1_900,
                        cgroup: "/system.slice/systemd-logind.service"),
        ProcessTemplate(name: "sshd", uid: 0, oomScoreAdj: -1000, residentPages: 1_600...2_300,
                        cgroup: "/system.slice/ssh.service"),
        ProcessTemplate(name: "containerd", uid: 0, oomScoreAdj: -999, residentPages: 9_000...14_000,
                        cgroup: "/system.slice/containerd.service"),
        ProcessTemplate(name: "dockerd", uid: 0, oomScoreAdj: -500, residentPages: 18_000...26_000,
                        cgroup: "/system.slice/docker.service"),
        ProcessTemplate(name: "node_exporter", uid: 65534, oomScoreAdj: 0, residentPages: 4_000...6_500,
                        cgroup: "/system.slice/node_exporter.service"),
        ProcessTemplate(name: "unattended-upgr", uid: 0, oomScoreAdj: 0, residentPages: 4_500...5_500,
                        cgroup: "/system.slice/unattended-upgrades.service"),
        ProcessTemplate(name: "polkitd", uid: 998, oomScoreAdj: 0, residentPages: 1_700...2_000,
                        cgroup: "/system.slice/polkit.service"),
        ProcessTemplate(name: "agetty", uid: 0, oomScoreAdj: 0, residentPages: 250...300,
                        cgroup: "/system.slice/system-getty.slice/getty@tty1.service"),
        ProcessTemplate(name: "systemd", uid: 1000, oomScoreAdj: 100, residentPages: 2_000...2_400,
                        cgroup: "/user.slice/user-1000.slice/user@1000.service/init.scope"),
        ProcessTemplate(name: "(sd-pam)", uid: 1000, oomScoreAdj: 100, residentPages: 800...900,
                        cgroup: "/user.slice/user-1000.slice/user@1000.service/init.scope"),
        ProcessTemplate(name: "bash", uid: 1000, oomScoreAdj: 0, residentPages: 1_300...1_500,
                        cgroup: "/user.slice/user-1000.slice/session-4.scope"),
    ]

    /// The applications of a host role; the last one is the usual memory hog.
    static func applications(for role: HostProfile.Role) -> [ProcessTemplate] {
        switch role {
        case .web:
            return [
                ProcessTemplate(name: "nginx", uid: 33, oomScoreAdj: 0, residentPages: 3_000...20_000,
                                cgroup: "/system.slice/nginx.service", copies: 2...4),
                ProcessTemplate(name: "php-fpm: pool w", uid: 33, oomScoreAdj: 0, residentPages: 20_000...120_000,
                                cgroup: "/system.slice/php8.1-fpm.service", copies: 4...12),
                ProcessTemplate(name: "node", uid: 1000, oomScoreAdj: 0, residentPages: 50_000...400_000,
                                cgroup: "/system.slice/node-app.service"),
            ]
        case .database:
            return [
                ProcessTemplate(name: "pgbouncer", uid: 113, oomScoreAdj: 0, residentPages: 2_000...5_000,
                                cgroup: "/system.slice/pgbouncer.service"),
                ProcessTemplate(name: "postgres", uid: 113, oomScoreAdj: 0, residentPages: 5_000...400_000,
                                cgroup: "/system.slice/system-postgresql.slice/postgresql@15-main.service",
                                copies: 6...20),
                ProcessTemplate(name: "postgres", uid: 113, oomScoreAdj: 0, residentPages: 500_000...900_000,
                                cgroup: "/system.slice/system-postgresql.slice/postgresql@15-main.service"),
            ]
        case .worker:
            return [
                ProcessTemplate(name: "containerd-shim", uid: 0, oomScoreAdj: -998, residentPages: 2_000...3_000,
                                cgroup: "/system.slice/containerd.service", copies: 2...6),
                ProcessTemplate(name: "python3", uid: 1000, oomScoreAdj: 0, residentPages: 30_000...250_000,
                                cgroup: "/system.slice/celery.service", copies: 2...6),
                ProcessTemplate(name: "java", uid: 1000, oomScoreAdj: 0, residentPages: 300_000...900_000,
                                cgroup: "/system.slice/ingest.service"),
            ]
        case .cache:
            return [
                ProcessTemplate(name: "memcached", uid: 111, oomScoreAdj: 0, residentPages: 20_000...120_000,
                                cgroup: "/system.slice/memcached.service"),
                ProcessTemplate(name: "varnishd", uid: 112, oomScoreAdj: 0, residentPages: 50_000...300_000,
                                cgroup: "/system.slice/varnish.service"),
                ProcessTemplate(name: "redis-server", uid: 110, oomScoreAdj: 0, residentPages: 200_000...900_000,
                                cgroup: "/system.slice/redis-server.service"),
            ]
        case .build:
            return [
                ProcessTemplate(name: "make", uid: 1001, oomScoreAdj: 0, residentPages: 500...2_000,
                                cgroup: "/system.slice/gitlab-runner.service"),
                ProcessTemplate(name: "ld.lld", uid: 1001, oomScoreAdj: 0, residentPages: 50_000...400_000,
                                cgroup: "/system.slice/gitlab-runner.service"),
                ProcessTemplate(name: "cc1plus", uid: 1001, oomScoreAdj: 0, residentPages: 100_000...600_000,
                                cgroup: "/system.slice/gitlab-runner.service", copies: 2...6),
            ]
        }
    }

    /// The processes of one container; the last one is the main process.
    static let containerApplications: [[ProcessTemplate]] = [
        [ProcessTemplate(name: "tini", uid: 1000, oomScoreAdj: 937, residentPages: 30...60, cgroup: ""),
         ProcessTemplate(name: "java", uid: 1000, oomScoreAdj: 937, residentPages: 200_000...500_000, cgroup: "")],
        [ProcessTemplate(name: "sh", uid: 0, oomScoreAdj: 999, residentPages: 150...250, cgroup: ""),
         ProcessTemplate(name: "python3", uid: 0, oomScoreAdj: 999, residentPages: 100_000...400_000, cgroup: "")],
        [ProcessTemplate(name: "node", uid: 1000, oomScoreAdj: 968, residentPages: 100_000...300_000, cgroup: "")],
        [ProcessTemplate(name: "dumb-init", uid: 1000, oomScoreAdj: 994, residentPages: 20...40, cgroup: ""),
         ProcessTemplate(name: "ruby", uid: 1000, oomScoreAdj: 994, residentPages: 80_000...250_000, cgroup: ""),
         ProcessTemplate(name: "ruby", uid: 1000, oomScoreAdj: 994, residentPages: 80_000...250_000, cgroup: "")],
    ]
}
