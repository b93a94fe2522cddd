import Glibc

/// A POSIX thread running one closure.
struct SystemThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private let thread: pthread_t

    static func start(_ run: @escaping @Sendable () -> Void) -> SystemThread {
        var thread = pthread_t()
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, body)
        precondition(status == 0, "pthread_create failed (\(status))")
        return SystemThread(thread: thread)
    }

    func join() {
        pthread_join(thread, nil)
    }
}
