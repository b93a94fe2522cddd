import Glibc

/// Where commands write: stdout for results, stderr for messages. Plain
/// write(2): a failed write is dropped, never a crash.
public enum Console {
    public static func out(_ line: String) {
        print(line)
    }

    public static func err(_ line: String) {
        fflush(nil)
        _ = FileDescriptor.writeAll(STDERR_FILENO, Array((line + "\n").utf8))
    }

    public static func flush() {
        fflush(nil)
    }
}
