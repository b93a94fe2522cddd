import Glibc
import Synchronization

/// Runs blocking work (network fetches) on at most `limit` threads of its
/// own and returns the results in input order. Threads rather than a
/// shared pool: the work blocks on sockets, and the pool of a two-core
/// host would run only two fetches at once.
package enum BoundedParallel {
    /// The work list and the results, touched only under their mutex.
    private final class Work<Item: Sendable, Output: Sendable>: Sendable {
        private struct State {
            var next = 0
            var results: [Output?]
        }

        let items: [Item]
        private let state: Mutex<State>

        init(_ items: [Item]) {
            self.items = items
            state = Mutex(State(results: Array(repeating: nil, count: items.count)))
        }

        func take() -> Int? {
            state.withLock { state in
                guard state.next < items.count else { return nil }
                state.next += 1
                return state.next - 1
            }
        }

        func store(_ result: Output, at index: Int) {
            state.withLock { $0.results[index] = result }
        }

        var results: [Output] {
            state.withLock { state in state.results.map { $0! } }
        }
    }

    package static func map<Item: Sendable, Output: Sendable>(_ items: [Item], limit: Int,
                                                             _ transform: @escaping @Sendable (Item) -> Output) -> [Output] {
        guard limit > 1, items.count > 1 else { return items.map(transform) }
        let work = Work<Item, Output>(items)
        let threads = (0..<min(limit, items.count)).map { _ in
            SystemThread.start {
                while let index = work.take() { work.store(transform(work.items[index]), at: index) }
            }
        }
        threads.forEach { $0.join() }
        return work.results
    }
}
