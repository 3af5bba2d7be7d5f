/// A value that writes its own JSON text through ``JSONDirectWriter``, without `Codable`: the same bytes
/// ``JSONStreamWriter`` writes for its `encode(to:)`, members in key order and `nil` optionals left out.
protocol JSONDirectWritable {
    /// Writes the value (an object, usually) as the next value of `w`.
    func writeJSON(to w: inout JSONDirectWriter) throws
}
