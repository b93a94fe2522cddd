import ArgoModel
import CLDAP
import Glibc
import Logging

/// One entry of an LDAP search: its DN and the values of the attributes asked for.
package struct LDAPEntry: Sendable, Equatable {
    package let dn: String
    /// By the attribute name as asked (servers match names in any case).
    package let values: [String: [String]]

    init(dn: String, values: [String: [String]]) {
        self.dn = dn
        self.values = values
    }
}

/// Anonymous subtree searches on OpenLDAP's libldap (2.3.1's BDII queries),
/// with `[Connection]` timeouts and attempts: each attempt connects, binds
/// and searches within `Timeout` seconds; a failed one is tried again after
/// `SleepRetry` (the signal's cancellation cuts the wait short).
package struct LDAPClient: Sendable {
    let connection: ConnectionSettings
    let logger: Logger
    let cancellation: Cancellation
    let clock: any RunClock
    /// When the searches of one phase must be over (the run's clock): `phase()` sets it.
    private(set) var deadline: Double?

    /// Bounds of what a BDII may answer: a value, and a whole answer.
    static let maxValueBytes = 64 << 10
    static let maxAnswerBytes = 64 << 20

    /// This client for one phase of searches (a tenant's BDII): all of them,
    /// their attempts and waits, within `[Connection] TransferTimeout`.
    package func phase() -> LDAPClient {
        var copy = self
        copy.deadline = clock.now() + Double(connection.transferTimeoutSeconds)
        return copy
    }

    package init(connection: ConnectionSettings, logger: Logger, cancellation: Cancellation, clock: any RunClock) {
        self.connection = connection
        self.logger = logger
        self.cancellation = cancellation
        self.clock = clock
    }

    /// Every entry under `base` matching `filter`, with `attributes`.
    package func search(host: String, port: Int, base: String, filter: String, attributes: [String]) throws -> [LDAPEntry] {
        let url = "ldap://\(host):\(port)/"
        let attempts = connection.retries + 1
        var attempt = 1
        while true {
            try cancellation.check(url)
            let remaining = deadline.map { $0 - clock.now() }
            if let remaining, remaining < 1 {
                throw FeedError(kind: .transport, url: url, reason: "the BDII searches took longer than [Connection] TransferTimeout (\(connection.transferTimeoutSeconds) s)",
                                attempts: attempt)
            }
            do {
                let seconds = min(connection.timeoutSeconds, remaining.map { Int($0) } ?? Int.max)
                return try searchOnce(url: url, base: base, filter: filter, attributes: attributes, seconds: max(1, seconds))
            } catch let error as FeedError where attempt < attempts && !cancellation.isCancelled && error.kind == .transport {
                let wait = connection.waitBeforeRetry()
                logger.warning("\(url): \(error.reason); attempt \(attempt) of \(attempts), retrying in \(wait) s")
                clock.sleep(wait, cancellation: cancellation)
                attempt += 1
            } catch let error as FeedError {
                throw FeedError(kind: error.kind, url: error.url, reason: error.reason, attempts: attempt, responseBody: [])
            }
        }
    }

    private func searchOnce(url: String, base: String, filter: String, attributes: [String], seconds: Int) throws -> [LDAPEntry] {
        var handle: OpaquePointer?
        let problem = { (what: String, code: Int32) in
            FeedError(kind: .transport, url: url, reason: "\(what): \(String(cString: argo_ldap_err2string(code)))")
        }
        var message = [CChar](repeating: 0, count: 512)
        guard argo_ldap_load(&message, message.count) == 0 else {
            throw FeedError(kind: .configuration, url: url, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        var code = argo_ldap_initialize(&handle, url)
        guard code == LDAP_SUCCESS, let ld = handle else { throw problem("cannot use the address", code) }
        defer { argo_ldap_unbind(ld) }
        _ = argo_ldap_set_int(ld, LDAP_OPT_PROTOCOL_VERSION, LDAP_VERSION3)
        _ = argo_ldap_set_int(ld, LDAP_OPT_REFERRALS, 0)
        _ = argo_ldap_set_timeout(ld, LDAP_OPT_NETWORK_TIMEOUT, Int32(seconds))
        _ = argo_ldap_set_timeout(ld, LDAP_OPT_TIMEOUT, Int32(seconds))
        // Asked of the server; what comes is counted below all the same.
        _ = argo_ldap_set_int(ld, LDAP_OPT_SIZELIMIT, Int32(min(connection.maxRecords, Int(Int32.max))))
        code = argo_ldap_bind_anonymous(ld)
        guard code == LDAP_SUCCESS else { throw problem("anonymous bind", code) }
        var result: OpaquePointer?
        defer { if let result { argo_ldap_msgfree(result) } }
        var names = attributes.map { strdup($0) } + [nil]
        defer { names.forEach { free($0) } }
        code = argo_ldap_search(ld, base, filter, &names, Int32(seconds), &result)
        guard code == LDAP_SUCCESS else { throw problem("search of \(base) for \(filter)", code) }
        var entries: [LDAPEntry] = []
        var bytes = 0
        var entry = argo_ldap_first_entry(ld, result)
        while let current = entry {
            guard entries.count < connection.maxRecords else {
                throw FeedError(kind: .content, url: url, reason: "the search for \(filter) answers more than [Connection] MaxRecords (\(connection.maxRecords)) entries")
            }
            entries.append(try read(current, in: ld, attributes: attributes, url: url, bytes: &bytes))
            entry = argo_ldap_next_entry(ld, current)
        }
        return entries
    }

    private func read(_ entry: OpaquePointer, in ld: OpaquePointer, attributes: [String], url: String, bytes: inout Int) throws -> LDAPEntry {
        var dn = ""
        if let text = argo_ldap_get_dn(ld, entry) {
            dn = String(cString: text)
            argo_ldap_memfree(text)
        }
        var values: [String: [String]] = [:]
        for name in attributes {
            guard let list = argo_ldap_get_values_len(ld, entry, name) else { continue }
            defer { argo_ldap_value_free_len(list) }
            var texts: [String] = []
            var index = 0
            while let value = list[index] {
                let length = Int(value.pointee.bv_len)
                guard length <= Self.maxValueBytes else {
                    throw FeedError(kind: .content, url: url, reason: "\(name) of \(dn) is \(length) bytes, more than \(Self.maxValueBytes >> 10) KiB: not a BDII value")
                }
                bytes += length
                guard bytes <= Self.maxAnswerBytes else {
                    throw FeedError(kind: .content, url: url, reason: "the answer holds more than \(Self.maxAnswerBytes >> 20) MiB of values")
                }
                texts.append(String(decoding: UnsafeRawBufferPointer(start: value.pointee.bv_val, count: length), as: UTF8.self))
                index += 1
            }
            values[name] = texts
        }
        return LDAPEntry(dn: dn, values: values)
    }
}
