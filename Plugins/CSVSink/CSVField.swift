/// RFC 4180 field encoding: a field with a comma, a double quote, CR or LF is put in double quotes, and a
/// double quote inside it is doubled.
enum CSVField {
    static func encode(_ value: String, into out: inout [UInt8]) {
        let bytes = value.utf8
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            out += bytes
            return
        }
        out.append(0x22)
        for b in bytes {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    /// A text field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`.
    static func neutralizingFormula(_ value: String) -> String {
        guard let first = value.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) else { return value }
        return "'" + value
    }
}
