import ArgoModel
import FoundationEssentials
import Glibc

/// An exclusive `flock` on a file, held for a run of one connector on one
/// configuration so that overlapping runs (a slow night, a run by hand) do
/// not write the same files and publish the same messages twice. The
/// kernel releases it when the holder exits, however it exits.
package final class RunLock {
    private let descriptor: Int32

    /// Someone else holds the lock.
    package struct Busy: Error {
        /// The holder's PID, as it wrote it into the file.
        package let holder: Int32?
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock at `path`, waiting up to `waitSeconds` for a holder
    /// to finish; throws `Busy` after that, or an `OutputError` when the
    /// lock cannot be had safely: a folder every user may write to (another
    /// user could hold the lock, or plant a link), a link, or a file that is
    /// not this user's own regular file.
    package static func acquire(path: String, waitSeconds: Double, clock: any RunClock,
                                cancellation: Cancellation) throws -> RunLock {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try AtomicFileWriter.createDirectory(folder)
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0 else { throw OutputError(folder, "cannot use the lock's folder: \(FileDescriptor.reason(errno))") }
        if folderStatus.st_mode & S_IWOTH != 0 {
            throw OutputError(folder, "every user may write to this folder, so the run lock cannot be kept there safely; set [InputState] SaveDir to a folder of the connectors' own")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : FileDescriptor.reason(errno)
            throw OutputError(path, "cannot open the lock file: \(reason)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else {
            close(descriptor)
            throw OutputError(path, "the lock file is not a regular file of this user's own")
        }
        let deadline = clock.now() + waitSeconds
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, clock.now() < deadline, !cancellation.isCancelled else {
                let holder = readPID(descriptor)
                close(descriptor)
                throw Busy(holder: holder)
            }
            clock.sleep(0.1, cancellation: cancellation)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return RunLock(descriptor: descriptor)
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace())
    }
}
