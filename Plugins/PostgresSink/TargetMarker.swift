/// The PostgresSink plugin target. Its implementation replaces this file.
enum PostgresSinkTargetMarker {}
