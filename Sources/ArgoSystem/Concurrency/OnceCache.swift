import Dispatch
import Synchronization

/// Computes each key's value once, however many threads ask: the first
/// asker computes, the others wait for its result.
package final class OnceCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private enum Slot {
        case ready(Value)
        /// Being computed; waiters wait on the group, which the computer leaves.
        case computing(DispatchGroup)
    }

    private enum Next {
        case use(Value)
        case wait(DispatchGroup)
        case compute(DispatchGroup)
    }

    private let slots = Mutex<[Key: Slot]>([:])

    package init() {}

    package func value(for key: Key, compute: () -> Value) -> Value {
        while true {
            let next: Next = slots.withLock { slots in
                switch slots[key] {
                case .ready(let value)?:
                    return .use(value)
                case .computing(let group)?:
                    return .wait(group)
                case nil:
                    let group = DispatchGroup()
                    group.enter()
                    slots[key] = .computing(group)
                    return .compute(group)
                }
            }
            switch next {
            case .use(let value):
                return value
            case .wait(let group):
                group.wait()
            case .compute(let group):
                let value = compute()
                slots.withLock { $0[key] = .ready(value) }
                group.leave()
                return value
            }
        }
    }
}
