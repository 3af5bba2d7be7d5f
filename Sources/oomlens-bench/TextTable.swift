/// A plain text table with columns padded to line up, for terminal output.
struct TextTable {
    private let headers: [String]
    private let rightAligned: [Bool]
    private var rows: [[String]] = []

    /// `rightAligned[i]` right-aligns column `i` (numbers); other columns are left-aligned.
    init(headers: [String], rightAligned: [Bool]) {
        precondition(headers.count == rightAligned.count)
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == headers.count)
        rows.append(row)
    }

    /// The table, one line per row under a header line and a rule, without a final newline.
    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                parts.append(rightAligned[column] ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(headers), line(rule)] + rows.map(line)).joined(separator: "\n")
    }
}
