import Glibc

/// Whole writes to a file descriptor.
enum FileDescriptor {
    /// Writes every byte, retrying short writes and EINTR; the errno of a
    /// failure, nil on success.
    @discardableResult
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in write(descriptor, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// The system's words for an errno (`No space left on device`).
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
