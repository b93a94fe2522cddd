import Foundation

/// Computes each key's value once, however many threads ask: the first
/// asker computes, the others wait for its result.
final class OnceCache<Key: Hashable, Value> {
    private let condition = NSCondition()
    private var values: [Key: Value] = [:]
    private var inFlight: Set<Key> = []

    func value(for key: Key, compute: () -> Value) -> Value {
        condition.lock()
        while true {
            if let value = values[key] {
                condition.unlock()
                return value
            }
            if !inFlight.contains(key) { break }
            condition.wait()
        }
        inFlight.insert(key)
        condition.unlock()
        let value = compute()
        condition.lock()
        values[key] = value
        inFlight.remove(key)
        condition.broadcast()
        condition.unlock()
        return value
    }
}

/// Runs blocking work (network fetches) on at most `limit` threads and
/// returns the results in input order.
enum BoundedParallel {
    /// The work list and results, touched only under `lock`.
    private final class Work<T, R>: @unchecked Sendable {
        let lock = NSLock()
        let items: [T]
        var next = 0
        var results: [R?]
        init(_ items: [T]) {
            self.items = items
            results = Array(repeating: nil, count: items.count)
        }

        func take() -> (Int, T)? {
            lock.lock()
            defer { lock.unlock() }
            guard next < items.count else { return nil }
            next += 1
            return (next - 1, items[next - 1])
        }

        func store(_ result: R, at index: Int) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }
    }

    static func map<T, R>(_ items: [T], limit: Int, _ transform: @escaping (T) -> R) -> [R] {
        guard limit > 1, items.count > 1 else { return items.map(transform) }
        let work = Work<T, R>(items)
        let group = DispatchGroup()
        for _ in 0..<min(limit, items.count) {
            group.enter()
            Thread.detachNewThread {
                while let (index, item) = work.take() { work.store(transform(item), at: index) }
                group.leave()
            }
        }
        group.wait()
        return work.results.map { $0! }
    }
}
