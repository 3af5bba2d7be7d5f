/// The ExecSink plugin target. Its implementation replaces this file.
enum ExecSinkTargetMarker {}
