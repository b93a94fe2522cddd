import Glibc

/// Where commands write: stdout for results, stderr for messages. Plain
/// write(2): a failed write is dropped, never a crash.
package enum Console {
    package static func out(_ line: String) {
        print(line)
    }

    /// The errno when the line could not be written (a full disk, a closed stderr).
    @discardableResult
    package static func err(_ line: String) -> Int32? {
        fflush(nil)
        return FileDescriptor.writeAll(STDERR_FILENO, Array((line + "\n").utf8))
    }

    /// Whether standard output went away (a closed pipe: `cat … | head`).
    package static var outputClosed: Bool {
        fflush(nil) != 0 && errno == EPIPE
    }

    package static func flush() {
        fflush(nil)
    }
}
