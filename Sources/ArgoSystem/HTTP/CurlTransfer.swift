import ArgoModel
import CCurl

/// State shared with libcurl's write callback during one attempt.
final class CurlTransfer {
    let consumer: BodyConsumer
    let handle: UnsafeMutableRawPointer
    let maxBodyBytes: Int
    let displayURL: String
    let observer: TransferObserver?
    var status: Int?
    var bodyBytes = 0
    /// The start of a non-2xx body, kept for the error message.
    var errorBody: [UInt8] = []
    var failure: FeedError?
    /// `[Connection] Timeout`: the longest silence allowed once connected.
    let stallLimitSeconds: Double
    /// `[Connection] TransferTimeout`: the longest the whole attempt may take.
    let transferLimitSeconds: Double
    private let started: Double
    let cancellation: Cancellation
    let clock: any RunClock
    /// When bytes last moved (monotonic seconds).
    private var lastActivity: Double
    private var lastProgress: (down: Int64, up: Int64) = (0, 0)

    init(consumer: BodyConsumer, handle: UnsafeMutableRawPointer, maxBodyBytes: Int, displayURL: String, observer: TransferObserver?,
         stallLimitSeconds: Double, transferLimitSeconds: Double, cancellation: Cancellation, clock: any RunClock) {
        self.cancellation = cancellation
        self.clock = clock
        self.transferLimitSeconds = transferLimitSeconds
        started = clock.now()
        lastActivity = started
        self.consumer = consumer
        self.stallLimitSeconds = stallLimitSeconds
        self.observer = observer
        self.displayURL = displayURL
        self.handle = handle
        self.maxBodyBytes = maxBodyBytes
    }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if status == nil {
            var code = 0
            _ = argo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
            status = code
        }
        bodyBytes += chunk.count
        observer?.progressed(ObjectIdentifier(self), url: displayURL, bytes: Int64(bodyBytes))
        if bodyBytes > maxBodyBytes {
            failure = FeedError(kind: .content, url: displayURL, reason: "response larger than the limit of \(maxBodyBytes) bytes")
            return false
        }
        guard isSuccess else {
            if errorBody.count < 512 { errorBody.append(contentsOf: chunk.prefix(512 - errorBody.count)) }
            return true
        }
        do {
            try consumer.consume(chunk)
            return true
        } catch {
            failure = feedError(error)
            return false
        }
    }

    /// Called by libcurl about once a second, and as bytes move: false
    /// aborts a transfer that has been silent for longer than the limit, as
    /// a socket timeout on each read did in the original.
    func progressed(downloaded: Int64, uploaded: Int64) -> Bool {
        if cancellation.isCancelled {
            failure = FeedError(kind: .cancelled, url: displayURL, reason: "interrupted by \(cancellation.reason)")
            return false
        }
        let now = clock.now()
        if now - started > transferLimitSeconds {
            failure = FeedError(kind: .transport, url: displayURL,
                                reason: "not complete after \(Int(transferLimitSeconds)) s ([Connection] TransferTimeout)")
            return false
        }
        if (downloaded, uploaded) != lastProgress {
            lastProgress = (downloaded, uploaded)
            lastActivity = now
            return true
        }
        guard now - lastActivity > stallLimitSeconds else { return true }
        failure = FeedError(kind: .transport, url: displayURL, reason: "no data for \(Int(stallLimitSeconds)) s ([Connection] Timeout)")
        return false
    }

    /// 2xx, or 0 for file:// transfers.
    var isSuccess: Bool { status.map { $0 == 0 || (200..<300).contains($0) } ?? true }

    private func feedError(_ error: Error) -> FeedError { FeedError(consumerError: error, url: displayURL) }

    func conclude(code: CURLcode, curlMessage: String, isFile: Bool, allowsEmptyBody: Bool) throws {
        let url = displayURL
        if let failure { throw failure }
        if code != CURLE_OK {
            // A missing file or a redirect loop will not mend itself.
            let retryable = !(isFile && code == CURLE_FILE_COULDNT_READ_FILE) && code != CURLE_TOO_MANY_REDIRECTS
            throw FeedError(kind: retryable ? .transport : .configuration, url: url, reason: curlMessage)
        }
        var finalStatus = 0
        _ = argo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &finalStatus)
        status = finalStatus
        if (300..<400).contains(finalStatus) {
            var location: UnsafeMutablePointer<CChar>?
            _ = argo_curl_get_string(handle, CURLINFO_REDIRECT_URL, &location)
            if let location { throw Redirect(status: finalStatus, location: String(cString: location)) }
        }
        if !isSuccess {
            let snippet = String(decoding: errorBody, as: UTF8.self)
                .split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200)
            throw FeedError(kind: .status(finalStatus), url: url,
                            reason: "HTTP \(finalStatus)" + (snippet.isEmpty ? "" : ": \(snippet)"), attempts: 1, responseBody: errorBody)
        }
        if bodyBytes == 0 && !allowsEmptyBody { throw FeedError(kind: .emptyBody, url: url, reason: "empty response") }
        do {
            try consumer.finish()
        } catch {
            throw feedError(error)
        }
    }
}
