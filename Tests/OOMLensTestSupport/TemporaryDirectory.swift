import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
public final class TemporaryDirectory {
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/oomlens-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8], modified: Date? = nil) -> String {
        let p = path + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        if let modified {
            try! FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: p)
        }
        return p
    }

    @discardableResult
    public func write(_ name: String, _ text: String, modified: Date? = nil) -> String {
        write(name, Array(text.utf8), modified: modified)
    }
}
