import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One self-rewriting status line for long downloads, shown only when
/// stderr is a terminal (never under cron) and not with --quiet.
public final class ProgressDisplay {
    public static let shared = ProgressDisplay()

    public var enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var received: [ObjectIdentifier: (url: String, bytes: Int64)] = [:]
    private var finishedBytes: Int64 = 0
    private var finishedResponses = 0
    private var lastDraw = Date.distantPast
    private var shown = false

    func update(_ transfer: AnyObject, url: String, bytes: Int64) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        received[ObjectIdentifier(transfer)] = (url, bytes)
        guard Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let total = finishedBytes + received.values.reduce(0) { $0 + $1.bytes }
        let current = received.values.first?.url ?? ""
        let line = String(format: "↓ %.1f MB, %d responses done, %d in flight: %@", Double(total) / 1_048_576,
                          finishedResponses, received.count, String(current.suffix(60)))
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        shown = true
    }

    func finish(_ transfer: AnyObject) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let done = received.removeValue(forKey: ObjectIdentifier(transfer)) {
            finishedBytes += done.bytes
            finishedResponses += 1
        }
    }

    /// Removes the status line before a log line is printed.
    func clear() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shown = false
        }
    }
}
