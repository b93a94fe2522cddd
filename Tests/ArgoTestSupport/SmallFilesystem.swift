import Foundation
import XCTest

/// A tmpfs of a few kilobytes, for the faults of a full or read-only disk.
/// Needs root (mount); tests skip with a message elsewhere.
package final class SmallFilesystem {
    package let directory = TempDirectory()
    package var path: String { directory.path }

    package init(kilobytes: Int) throws {
        guard Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", directory.path]) else {
            throw XCTSkip("mounting a tmpfs needs root; the full-disk cases are not run here")
        }
    }

    deinit { _ = Self.mount(["-o", "remount,rw", directory.path]); _ = Self.umount(directory.path) }

    /// Fills it up but for about `kilobytes`.
    package func fill(leaving kilobytes: Int) {
        var info = statvfs()
        statvfs(path, &info)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let size = max(0, free - kilobytes * 1024)
        _ = FileManager.default.createFile(atPath: path + "/filler", contents: Data(count: size))
    }

    package func makeReadOnly() {
        _ = Self.mount(["-o", "remount,ro", path])
    }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }
    private static func umount(_ path: String) -> Bool { run("/bin/umount", [path]) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
