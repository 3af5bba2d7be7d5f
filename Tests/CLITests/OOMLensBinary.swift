import Foundation

/// Runs the built `oomlens` executable (it sits next to the test bundle) and captures its output.
enum OOMLensBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    static var url: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may be inside a bundle directory.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("oomlens").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("oomlens")
    }

    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let peerCases = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/peer-cases").path

    static func run(_ arguments: [String], stdin: Data? = nil, cwd: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? repoRoot.path)
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}
