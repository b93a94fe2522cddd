import CCurl
import Foundation
import Logging

/// HTTP and file:// transfers on libcurl, with `[Connection]` retries. The
/// only code that talks to libcurl; everything above it sees chunks.
public final class HttpClient {
    public let settings: HttpSettings
    private let logger: Logger
    private let sleep: (Double) -> Void

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    public init(settings: HttpSettings, logger: Logger = Logger(label: "http"),
                sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        _ = Self.globalInit
        self.settings = settings
        self.logger = logger
        self.sleep = sleep
    }

    /// Streams the body of `request` into a consumer made by `makeConsumer`
    /// (once per attempt), retrying what is retryable. Returns the consumer
    /// of the successful attempt.
    @discardableResult
    public func stream<C: BodyConsumer>(_ request: HttpRequest, makeConsumer: () -> C) throws -> C {
        let attempts = settings.retries + 1
        var attempt = 1
        while true {
            let consumer = makeConsumer()
            do {
                try perform(request, consumer: consumer)
                return consumer
            } catch let error as HttpError where error.isRetryable && attempt < attempts {
                logger.warning("\(request.displayURL): \(error.reason); attempt \(attempt) of \(attempts), retrying in \(Self.seconds(settings.sleepRetrySeconds))")
                sleep(settings.sleepRetrySeconds)
                attempt += 1
            } catch let error as HttpError {
                throw HttpError(kind: error.kind, url: request.displayURL, reason: error.reason, attempts: attempt,
                                responseBody: error.responseBody)
            }
        }
    }

    /// A whole body in memory, at most `HttpSettings.maxDocumentBytes` unless the request says otherwise.
    public func fetch(_ request: HttpRequest) throws -> [UInt8] {
        var limited = request
        limited.maxBodyBytes = request.maxBodyBytes ?? HttpSettings.maxDocumentBytes
        return try stream(limited) { BufferingConsumer() }.bytes
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private func perform(_ request: HttpRequest, consumer: BodyConsumer) throws {
        guard let handle = curl_easy_init() else {
            throw HttpError(kind: .transport, url: request.displayURL, reason: "libcurl could not start a transfer", attempts: 1)
        }
        defer { curl_easy_cleanup(handle) }
        let transfer = CurlTransfer(consumer: consumer, handle: handle, maxBodyBytes: min(request.maxBodyBytes ?? .max, settings.maxBodyBytes),
                                    displayURL: request.displayURL)
        defer { ProgressDisplay.shared.finish(transfer) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = try errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            try configure(handle, request: request, headers: &headerList)
            _ = argo_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            let unmanaged = Unmanaged.passRetained(transfer)
            defer { unmanaged.release() }
            _ = argo_curl_set_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
            _ = argo_curl_set_write_callback(handle, curlWriteCallback)
            return curl_easy_perform(handle)
        }
        let detail = String(cString: errorBuffer)
        try transfer.conclude(code: code, curlMessage: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail,
                              url: request.displayURL, isFile: request.url.lowercased().hasPrefix("file:"))
    }

    private func configure(_ handle: UnsafeMutableRawPointer, request: HttpRequest,
                           headers: inout UnsafeMutablePointer<curl_slist>?) throws {
        _ = argo_curl_set_string(handle, CURLOPT_URL, request.url)
        _ = argo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = argo_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https,file")
        _ = argo_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = argo_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = argo_curl_set_long(handle, CURLOPT_MAXREDIRS, 5)
        _ = argo_curl_set_long(handle, CURLOPT_TIMEOUT, settings.timeoutSeconds)
        _ = argo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, settings.timeoutSeconds)
        _ = argo_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = argo_curl_set_string(handle, CURLOPT_USERAGENT, "argo-connectors/\(Application.version)")
        try configureTLS(handle, request: request)
        if let auth = request.basicAuth {
            _ = argo_curl_set_long(handle, CURLOPT_HTTPAUTH, argo_curlauth_basic)
            _ = argo_curl_set_string(handle, CURLOPT_USERNAME, auth.user)
            _ = argo_curl_set_string(handle, CURLOPT_PASSWORD, auth.password)
        }
        for header in request.headers { headers = curl_slist_append(headers, header) }
        if headers != nil { _ = argo_curl_set_slist(handle, CURLOPT_HTTPHEADER, headers) }
        if request.method == .post {
            let body = request.body ?? []
            _ = argo_curl_set_long(handle, CURLOPT_POST, 1)
            _ = argo_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                _ = argo_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
    }

    private func configureTLS(_ handle: UnsafeMutableRawPointer, request: HttpRequest) throws {
        guard request.url.lowercased().hasPrefix("https:") else { return }
        for (option, path) in [("HostCert", settings.hostCert), ("HostKey", settings.hostKey),
                               ("CAFile", settings.caFile), ("CAPath", settings.caPath)] {
            if let path, !FileManager.default.fileExists(atPath: path) {
                throw HttpError(kind: .configuration, url: request.displayURL,
                                reason: "[Authentication] \(option) \(path) does not exist", attempts: 1)
            }
        }
        if let cert = settings.hostCert { _ = argo_curl_set_string(handle, CURLOPT_SSLCERT, cert) }
        if let key = settings.hostKey { _ = argo_curl_set_string(handle, CURLOPT_SSLKEY, key) }
        let verify = settings.verifyServerCert
        _ = argo_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0)
        _ = argo_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0)
        if verify, let caFile = settings.caFile { _ = argo_curl_set_string(handle, CURLOPT_CAINFO, caFile) }
        if verify, let caPath = settings.caPath { _ = argo_curl_set_string(handle, CURLOPT_CAPATH, caPath) }
    }
}

/// State shared with libcurl's write callback during one attempt.
final class CurlTransfer {
    let consumer: BodyConsumer
    let handle: UnsafeMutableRawPointer
    let maxBodyBytes: Int
    let displayURL: String
    var status: Int?
    var bodyBytes = 0
    /// The start of a non-2xx body, kept for the error message.
    var errorBody: [UInt8] = []
    var failure: HttpError?

    init(consumer: BodyConsumer, handle: UnsafeMutableRawPointer, maxBodyBytes: Int, displayURL: String) {
        self.consumer = consumer
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
        ProgressDisplay.shared.update(self, url: displayURL, bytes: Int64(bodyBytes))
        if bodyBytes > maxBodyBytes {
            failure = HttpError(kind: .content, url: "", reason: "response larger than the limit of \(maxBodyBytes) bytes", attempts: 1)
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
            failure = HttpError(kind: .content, url: "", reason: "\(error)", attempts: 1)
            return false
        }
    }

    /// 2xx, or 0 for file:// transfers.
    var isSuccess: Bool { status.map { $0 == 0 || (200..<300).contains($0) } ?? true }

    func conclude(code: CURLcode, curlMessage: String, url: String, isFile: Bool) throws {
        if let failure { throw HttpError(kind: failure.kind, url: url, reason: failure.reason, attempts: 1) }
        if code != CURLE_OK {
            // A missing file or a redirect loop will not mend itself.
            let retryable = !(isFile && code == CURLE_FILE_COULDNT_READ_FILE) && code != CURLE_TOO_MANY_REDIRECTS
            throw HttpError(kind: retryable ? .transport : .configuration, url: url, reason: curlMessage, attempts: 1)
        }
        var finalStatus = 0
        _ = argo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &finalStatus)
        status = finalStatus
        if !isSuccess {
            let snippet = String(decoding: errorBody, as: UTF8.self)
                .split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200)
            throw HttpError(kind: .status(finalStatus), url: url,
                            reason: "HTTP \(finalStatus)" + (snippet.isEmpty ? "" : ": \(snippet)"), attempts: 1, responseBody: errorBody)
        }
        if bodyBytes == 0 { throw HttpError(kind: .emptyBody, url: url, reason: "empty response", attempts: 1) }
        do {
            try consumer.finish()
        } catch {
            throw HttpError(kind: .content, url: url, reason: "\(error)", attempts: 1)
        }
    }
}

private let curlWriteCallback: argo_curl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard transfer.receive(UnsafeRawBufferPointer(start: data, count: length)) else { return 0 }
    return length
}
