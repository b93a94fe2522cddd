import Dispatch
import Synchronization

/// Hands pieces of a file to `write` on a thread of its own, in order,
/// while the caller makes the next ones (a 90 MB JSON topology: its write
/// calls no longer wait for the rendering, nor it for them). At most
/// `ahead` pieces wait. The first error stops the writing; `finish` waits
/// for what was handed over and throws that error.
package final class BackgroundWriter: Sendable {
    private let queue = DispatchQueue(label: "argo-connectors.background-writer")
    private let slots: DispatchSemaphore
    private let failure = Mutex<(any Error)?>(nil)
    private let write: @Sendable ([UInt8]) throws -> Void

    package init(ahead: Int = 2, write: @escaping @Sendable ([UInt8]) throws -> Void) {
        slots = DispatchSemaphore(value: ahead)
        self.write = write
    }

    package func put(_ piece: [UInt8]) throws {
        if let error = failure.withLock({ $0 }) { throw error }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do { try write(piece) } catch { failure.withLock { $0 = error } }
        }
    }

    /// Waits until every piece is written (or the first failed).
    package func finish() throws {
        queue.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
