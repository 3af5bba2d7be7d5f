import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport

/// Reads the peer tools' test logs and expected facts from `../shared/peer-cases` at test time.
enum PeerCases {
    /// `…/shared/peer-cases`, found beside the repository.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/OOMLensStagesTests/file → repo root
        return url.deletingLastPathComponent().appendingPathComponent("shared/peer-cases").path
    }()

    /// The cases of one peer folder: its inputs and its `expected` object.
    static func cases(_ folder: String) -> [(inputs: [String], expected: [String: Any], raw: [String: Any])] {
        let path = root + "/" + folder + "/expected.json"
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = json["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { c in
            var inputs: [String] = []
            if let one = c["input"] as? String { inputs = [one] }
            if let many = c["input"] as? [String] { inputs = many }
            inputs = inputs.map { root + "/" + folder + "/" + $0 }
            guard inputs.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else { return nil }
            return (inputs, c["expected"] as? [String: Any] ?? [:], c)
        }
    }

    /// Runs the default stages over `paths` and returns the events.
    static func events(_ paths: [String], keepRaw: Bool = false) -> [OOMEvent] {
        let sink = CollectingSink()
        var assembler = OOMBlockAssemblerStage.Options()
        assembler.keepRaw = keepRaw
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: assembler)],
                                eventStages: [], sinks: [("collect", sink)])
        let (files, errors) = InputResolver.resolve(paths)
        _ = pipeline.run(files, initialErrors: errors)
        return sink.events
    }

    /// Runs the default stages over `text` written to a temporary file.
    static func events(text: String) -> [OOMEvent] {
        let dir = TemporaryDirectory()
        let p = dir.write("input.log", text)
        return events([p])
    }
}

extension OOMEvent {
    /// The killed process as peers name it: the `Killed process` line, else the `oom-kill:` summary, else the
    /// selection line.
    var victimPid: Int? { victim?.pid ?? kill?.pid }
    var victimName: String? { victim?.comm ?? kill?.comm }
}
