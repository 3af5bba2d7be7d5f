/// The CSVSink plugin target. Its implementation replaces this file.
enum CSVSinkTargetMarker {}
