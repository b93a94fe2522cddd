import ArgoModel
import CCurl
import FoundationEssentials
import Glibc
import Logging

/// HTTP and file:// transfers on libcurl, with `[Connection]` retries. The
/// only code that talks to libcurl; everything above it sees chunks.
package final class HTTPClient: Sendable {
    package let settings: HTTPSettings
    private let logger: Logger
    private let observer: TransferObserver?
    private let cancellation: Cancellation
    private let clock: any RunClock

    /// libcurl, loaded once (`CCurl`); why it cannot be, when so.
    private static let libraryProblem: String? = {
        var message = [CChar](repeating: 0, count: 512)
        guard argo_curl_load(&message, message.count) != 0 else { return nil }
        return String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// `cancellation` abandons transfers in flight and cuts the wait between
    /// attempts short; `clock` times silences and those waits.
    package init(settings: HTTPSettings, logger: Logger, observer: TransferObserver? = nil,
                 cancellation: Cancellation, clock: any RunClock) {
        self.settings = settings
        self.logger = logger
        self.observer = observer
        self.cancellation = cancellation
        self.clock = clock
    }

    /// Streams the body of `request` into a consumer made by `makeConsumer`
    /// (once per attempt), retrying what is retryable. Returns the consumer
    /// of the successful attempt.
    @discardableResult
    package func stream<C: BodyConsumer>(_ request: HTTPRequest, makeConsumer: () -> C) throws -> C {
        let attempts = settings.connection.retries + 1
        var attempt = 1
        while true {
            let consumer = makeConsumer()
            do {
                try perform(request, consumer: consumer, attempt: "attempt \(attempt) of \(attempts)")
                return consumer
            } catch let error as FeedError where error.isRetryable && attempt < attempts && !cancellation.isCancelled {
                let wait = settings.connection.waitBeforeRetry()
                logger.warning("\(error.url): \(error.reason); attempt \(attempt) of \(attempts), retrying in \(Self.seconds(wait))")
                clock.sleep(wait, cancellation: cancellation)
                attempt += 1
            } catch let error as FeedError {
                // The error names the URL that answered (after redirects); this adds how often it was asked.
                throw FeedError(kind: error.kind, url: error.url, reason: error.reason, attempts: attempt,
                                responseBody: error.responseBody)
            }
        }
    }

    /// `0.214 s`.
    static func duration(_ seconds: Double) -> String {
        "\(Double(Int((seconds * 1000).rounded())) / 1000) s"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// The same client, deaf to the run's cancellation: for the few requests
    /// that must still be made after SIGTERM (putting back a WEB-API day).
    package func ignoringCancellation() -> HTTPClient {
        HTTPClient(settings: settings, logger: logger, observer: observer, cancellation: Cancellation(), clock: clock)
    }

    /// The same client for a service reached by token alone (AMS, the
    /// WEB-API): no client certificate, the server verified unless that
    /// service's own option says otherwise (`HTTPSettings.forTokenService`).
    package func forTokenService(verify: Bool) -> HTTPClient {
        HTTPClient(settings: settings.forTokenService(verify: verify), logger: logger, observer: observer, cancellation: cancellation, clock: clock)
    }

    /// A `file://` feed must be a regular file: libcurl would wait for ever
    /// on a FIFO without a writer, and read a device without end.
    static func checkLocalFile(_ request: HTTPRequest) throws {
        guard request.isFile, let url = URL(string: request.url), url.scheme?.lowercased() == "file" else { return }
        var info = stat()
        // A missing file is libcurl's to say (it names the URL as other failures do).
        guard stat(url.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FeedError(kind: .configuration, url: request.displayURL, reason: "is not a regular file (a FIFO, device or socket is not read)")
        }
    }

    /// Redirects followed at most per request.
    static let maxRedirects = 5

    /// One attempt: the request, and the redirects it may follow. libcurl
    /// follows none itself, since it would send tokens and client
    /// certificates wherever a redirect points: a request that changes
    /// data follows none, and a request that carries credentials follows
    /// only within its origin (scheme, host and port).
    private func perform(_ request: HTTPRequest, consumer: BodyConsumer, attempt: String) throws {
        try Self.checkLocalFile(request)
        // A token holding CR or LF would add headers of its own choosing (and NUL cut the line): never sent.
        if request.headers.contains(where: { $0.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 } }) {
            throw FeedError(kind: .configuration, url: request.displayURL, reason: "a header (a token?) holds a line break or NUL: the request is not sent")
        }
        var current = request
        for hop in 0...Self.maxRedirects {
            do {
                return try transfer(current, consumer: consumer, attempt: attempt)
            } catch let redirect as Redirect {
                let target = redirect.location
                let shown = RedactedURL.display(target)
                if current.changesData {
                    throw FeedError(kind: .status(redirect.status), url: current.displayURL,
                                    reason: "HTTP \(redirect.status) redirect to \(shown): a \(current.method.rawValue) is not sent again elsewhere")
                }
                if hop == Self.maxRedirects {
                    throw FeedError(kind: .configuration, url: current.displayURL, reason: "more than \(Self.maxRedirects) redirects")
                }
                guard Origin(current.url) == Origin(target) || !carriesCredentials(current) else {
                    throw FeedError(kind: .configuration, url: current.displayURL,
                                    reason: "HTTP \(redirect.status) redirect to another host, \(shown): credentials are not sent there (configure that URL if it is meant)")
                }
                guard Origin(target) != nil else {
                    throw FeedError(kind: .configuration, url: current.displayURL, reason: "HTTP \(redirect.status) redirect to \(shown), which is not http or https")
                }
                current.url = target
            }
        }
    }

    /// Tokens, basic credentials, or a client certificate offered on https.
    private func carriesCredentials(_ request: HTTPRequest) -> Bool {
        request.carriesCredentials || (settings.hostCert != nil && Origin(request.url)?.scheme == "https")
    }

    private func transfer(_ request: HTTPRequest, consumer: BodyConsumer, attempt: String) throws {
        if let problem = Self.libraryProblem { throw FeedError(kind: .configuration, url: request.displayURL, reason: problem) }
        guard let handle = argo_curl_easy_init() else {
            throw FeedError(kind: .transport, url: request.displayURL, reason: "libcurl could not start a transfer")
        }
        defer { argo_curl_easy_cleanup(handle) }
        let started = clock.now()
        let transfer = CurlTransfer(consumer: consumer, handle: handle, maxBodyBytes: min(request.maxBodyBytes ?? .max, settings.maxBodyBytes),
                                    displayURL: request.displayURL, observer: observer,
                                    stallLimitSeconds: Double(settings.connection.timeoutSeconds),
                                    transferLimitSeconds: Double(settings.connection.transferTimeoutSeconds),
                                    cancellation: cancellation, clock: clock)
        defer { observer?.finished(ObjectIdentifier(transfer)) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { argo_curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = try errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            try configure(handle, request: request, headers: &headerList)
            try check(argo_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress), "CURLOPT_ERRORBUFFER", request)
            let unmanaged = Unmanaged.passRetained(transfer)
            defer { unmanaged.release() }
            try check(argo_curl_set_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque()), "CURLOPT_WRITEDATA", request)
            try check(argo_curl_set_write_callback(handle, curlWriteCallback), "CURLOPT_WRITEFUNCTION", request)
            try check(argo_curl_set_pointer(handle, CURLOPT_XFERINFODATA, unmanaged.toOpaque()), "CURLOPT_XFERINFODATA", request)
            try check(argo_curl_set_progress_callback(handle, curlProgressCallback), "CURLOPT_XFERINFOFUNCTION", request)
            try check(argo_curl_set_long(handle, CURLOPT_NOPROGRESS, 0), "CURLOPT_NOPROGRESS", request)
            return argo_curl_easy_perform(handle)
        }
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // -v: each request as it ended (credentials are never in a displayed URL).
        let outcome = transfer.status.map { "HTTP \($0)" } ?? (code == CURLE_OK ? "read" : "no answer")
        logger.debug("\(request.method.rawValue) \(request.displayURL): \(outcome), \(transfer.bodyBytes) bytes in \(Self.duration(clock.now() - started)), \(attempt)")
        try transfer.conclude(code: code, curlMessage: detail.isEmpty ? String(cString: argo_curl_easy_strerror(code)) : detail,
                              isFile: request.isFile, allowsEmptyBody: request.allowsEmptyBody)
    }

    private func configure(_ handle: UnsafeMutableRawPointer, request: HTTPRequest,
                           headers: inout UnsafeMutablePointer<curl_slist>?) throws {
        try check(argo_curl_set_string(handle, CURLOPT_URL, request.url), "CURLOPT_URL", request)
        try check(argo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL", request)
        // A security property (no gopher://, no dict://): an old libcurl gets the bitmask, and a refusal stops the request.
        try check(argo_curl_restrict_protocols(handle), "the http, https and file protocols alone", request)
        try check(argo_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0), "CURLOPT_FOLLOWLOCATION", request)
        // [Connection] Timeout bounds stalls, as the original's socket timeout
        // did: connecting here, and any Timeout seconds without a byte in
        // CurlTransfer.progressed. A large body that keeps arriving may take
        // as long as it needs.
        try check(argo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, settings.connection.timeoutSeconds), "CURLOPT_CONNECTTIMEOUT", request)
        try check(argo_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING", request)
        try check(argo_curl_set_string(handle, CURLOPT_USERAGENT, settings.userAgent), "CURLOPT_USERAGENT", request)
        try configureTLS(handle, request: request)
        if let auth = request.basicAuth {
            try check(argo_curl_set_long(handle, CURLOPT_HTTPAUTH, argo_curlauth_basic), "CURLOPT_HTTPAUTH", request)
            try check(argo_curl_set_string(handle, CURLOPT_USERNAME, auth.user), "CURLOPT_USERNAME", request)
            try check(argo_curl_set_string(handle, CURLOPT_PASSWORD, auth.password), "CURLOPT_PASSWORD", request)
        }
        for header in request.headers { headers = argo_curl_slist_append(headers, header) }
        if headers != nil { try check(argo_curl_set_slist(handle, CURLOPT_HTTPHEADER, headers), "CURLOPT_HTTPHEADER", request) }
        if request.method == .put || request.method == .delete {
            try check(argo_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue), "CURLOPT_CUSTOMREQUEST", request)
        }
        if request.method != .get, request.method != .delete || request.body != nil {
            let body = request.body ?? []
            try check(argo_curl_set_long(handle, CURLOPT_POST, 1), "CURLOPT_POST", request)
            try check(argo_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE", request)
            try body.withUnsafeBytes { raw in
                try check(argo_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)), "CURLOPT_COPYPOSTFIELDS", request)
            }
        }
    }

    /// Every option is checked: one the loaded libcurl refuses would otherwise be lost without a word.
    private func check(_ code: CURLcode, _ option: String, _ request: HTTPRequest) throws {
        guard code != CURLE_OK else { return }
        throw FeedError(kind: .configuration, url: request.displayURL,
                        reason: "libcurl refused \(option) (\(String(cString: argo_curl_easy_strerror(code)))): the request is not sent")
    }

    private func configureTLS(_ handle: UnsafeMutableRawPointer, request: HTTPRequest) throws {
        guard request.url.lowercased().hasPrefix("https:") else { return }
        let verify = settings.verifyServerCert
        // CAFile and CAPath matter only when the server is verified.
        for (option, path) in [("HostCert", settings.hostCert), ("HostKey", settings.hostKey)]
            + (verify ? [("CAFile", settings.caFile), ("CAPath", settings.caPath)] : []) {
            if let path, access(path, F_OK) != 0 {
                throw FeedError(kind: .configuration, url: request.displayURL,
                                reason: "[Authentication] \(option) \(path) does not exist")
            }
            if let path, access(path, R_OK) != 0 {
                throw FeedError(kind: .configuration, url: request.displayURL,
                                reason: "[Authentication] \(option) \(path) cannot be read (\(FileDescriptor.reason(errno)))")
            }
        }
        if let cert = settings.hostCert { try check(argo_curl_set_string(handle, CURLOPT_SSLCERT, cert), "CURLOPT_SSLCERT", request) }
        if let key = settings.hostKey { try check(argo_curl_set_string(handle, CURLOPT_SSLKEY, key), "CURLOPT_SSLKEY", request) }
        try check(argo_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0), "CURLOPT_SSL_VERIFYPEER", request)
        try check(argo_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0), "CURLOPT_SSL_VERIFYHOST", request)
        if verify, let caFile = settings.caFile { try check(argo_curl_set_string(handle, CURLOPT_CAINFO, caFile), "CURLOPT_CAINFO", request) }
        if verify, let caPath = settings.caPath { try check(argo_curl_set_string(handle, CURLOPT_CAPATH, caPath), "CURLOPT_CAPATH", request) }
    }
}

private let curlWriteCallback: argo_curl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard transfer.receive(UnsafeRawBufferPointer(start: data, count: length)) else { return 0 }
    return length
}

private let curlProgressCallback: argo_curl_progress_callback = { context, _, downloaded, _, uploaded in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    return transfer.progressed(downloaded: Int64(downloaded), uploaded: Int64(uploaded)) ? 0 : 1
}
