/// The HTMLSink plugin target. Its implementation replaces this file.
enum HTMLSinkTargetMarker {}
