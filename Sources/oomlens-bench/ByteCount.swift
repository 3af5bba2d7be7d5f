import ArgumentParser
import Foundation

/// A size given on the command line, such as `1GB`, `10MB`, `512KiB` or `1000000` (bytes).
///
/// `KB`, `MB`, `GB` and `TB` are powers of 1000; `KiB`, `MiB`, `GiB` and `TiB` are powers of 1024. The
/// trailing `B` and the letter case are optional (`1g` means 1 GB).
struct ByteCount: ExpressibleByArgument, Sendable, Equatable {
    /// The size in bytes.
    let bytes: Int64
    /// The text the size was given as, for help output and reports.
    let text: String

    init(bytes: Int64, text: String) {
        self.bytes = bytes
        self.text = text
    }

    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        let digitsEnd = trimmed.firstIndex { !($0.isNumber || $0 == ".") } ?? trimmed.endIndex
        guard let number = Double(trimmed[..<digitsEnd]), number >= 0 else { return nil }
        let unit = trimmed[digitsEnd...].lowercased()
        let multiplier: Double
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kb": multiplier = 1e3
        case "m", "mb": multiplier = 1e6
        case "g", "gb": multiplier = 1e9
        case "t", "tb": multiplier = 1e12
        case "ki", "kib": multiplier = 1024
        case "mi", "mib": multiplier = 1024 * 1024
        case "gi", "gib": multiplier = 1024 * 1024 * 1024
        case "ti", "tib": multiplier = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let value = (number * multiplier).rounded()
        guard value < 9e18 else { return nil }
        bytes = Int64(value)
        text = argument
    }

    var defaultValueDescription: String { text }
}

