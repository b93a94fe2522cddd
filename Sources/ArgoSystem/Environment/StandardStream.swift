import Glibc

/// The process's standard output or standard error. Output is buffered by
/// stdio (`cat` prints a line per record); errors go out unbuffered with
/// write(2), after anything buffered, so lines keep their order.
package struct StandardStream: TextOutput {
    private let descriptor: Int32

    package static let output = StandardStream(descriptor: STDOUT_FILENO)
    package static let errors = StandardStream(descriptor: STDERR_FILENO)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    @discardableResult
    package func writeLine(_ line: String) -> Int32? {
        if descriptor == STDOUT_FILENO {
            // Buffered; a failure shows at `flush`.
            print(line)
            return nil
        }
        fflush(nil)
        return FileDescriptor.writeAll(descriptor, Array((line + "\n").utf8))
    }

    @discardableResult
    package func flush() -> Int32? {
        fflush(nil) != 0 ? errno : nil
    }

    package var isTerminal: Bool { isatty(descriptor) == 1 }
}
