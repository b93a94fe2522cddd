import Foundation
import Synchronization
import XCTest
import CCurl
@testable import ArgoModel
@testable import ArgoSystem
import ArgoTestSupport

final class HTTPClientTests: XCTestCase {
    private func client(retries: Int = 0, timeout: Int = 5, configure: (inout HTTPSettings) -> Void = { _ in }) -> HTTPClient {
        var settings = HTTPSettings()
        settings.connection.retries = retries
        settings.connection.sleepRetrySeconds = 0
        settings.connection.timeoutSeconds = timeout
        configure(&settings)
        return testHTTPClient(settings)
    }

    final class ChunkCounter: BodyConsumer {
        var chunks = 0
        var bytes = 0
        func consume(_ chunk: UnsafeRawBufferPointer) throws { chunks += 1; bytes += chunk.count }
        func finish() throws {}
    }

    func testBodyArrivesInChunksAsItStreams() throws {
        let body = [UInt8](repeating: 0x41, count: 3_000_000)
        let server = try TestHTTPServer { _ in .init(bytes: body) }
        let counter = try client().stream(HTTPRequest(url: server.baseURL + "/big")) { ChunkCounter() }
        XCTAssertEqual(counter.bytes, body.count)
        XCTAssertGreaterThan(counter.chunks, 10, "delivered piecewise, not as one buffer")
    }

    func testGzipContentEncodingIsDecoded() throws {
        let text = String(repeating: "<results><SITE NAME=\"x\"/></results>", count: 100)
        let gzipped = try gzip(Array(text.utf8))
        let server = try TestHTTPServer { request in
            XCTAssertTrue(request.headers["accept-encoding"]?.contains("gzip") ?? false)
            return .init(bytes: gzipped, headers: [("Content-Encoding", "gzip")])
        }
        XCTAssertEqual(String(decoding: try client().fetch(HTTPRequest(url: server.baseURL)), as: UTF8.self), text)
    }

    func testBodiesBeyondTheLimitAreRefused() throws {
        let bomb = try gzip([UInt8](repeating: 0, count: 20_000_000))
        XCTAssertLessThan(bomb.count, 100_000)
        let server = try TestHTTPServer { _ in .init(bytes: bomb, headers: [("Content-Encoding", "gzip")]) }
        let limited = client { $0.maxBodyBytes = 1_000_000 }
        XCTAssertThrowsError(try limited.fetch(HTTPRequest(url: server.baseURL))) { error in
            XCTAssertTrue("\(error)".contains("response larger than the limit of 1000000 bytes"), "\(error)")
        }
    }

    func testRedirectsAreFollowedUpToFive() throws {
        var server: TestHTTPServer!
        server = try TestHTTPServer { request in
            let hop = Int(request.path.dropFirst()) ?? 0
            if hop < 5 {
                var response = TestHTTPServer.Response(status: 302, body: "")
                response.headers.append(("Location", "/\(hop + 1)"))
                return response
            }
            return .init(body: "arrived")
        }
        XCTAssertEqual(String(decoding: try client().fetch(HTTPRequest(url: server.baseURL + "/0")), as: UTF8.self), "arrived")
        XCTAssertThrowsError(try client().fetch(HTTPRequest(url: server.baseURL + "/-1"))) { error in
            XCTAssertTrue("\(error)".lowercased().contains("redirect"), "\(error)")
        }
    }

    func testRedirectToAFileIsRefused() throws {
        let server = try TestHTTPServer { _ in
            var response = TestHTTPServer.Response(status: 302, body: "")
            response.headers.append(("Location", "file:///etc/passwd"))
            return response
        }
        XCTAssertThrowsError(try client().fetch(HTTPRequest(url: server.baseURL)))
    }

    /// Issue #29: a scheme the configuration would refuse is refused by libcurl too, before any connection.
    func testLibcurlRefusesOtherProtocols() throws {
        let server = try TestHTTPServer { _ in .init(body: "answered") }
        let port = server.baseURL.split(separator: ":").last!
        XCTAssertThrowsError(try client().fetch(HTTPRequest(url: "dict://127.0.0.1:\(port)/d:x"))) { error in
            XCTAssertTrue("\(error)".contains("dict") && "\(error)".lowercased().contains("protocol"), "\(error)")
        }
    }

    /// Issue #29: the bitmask that Debian 11's and EL9's libcurl (7.74, 7.76) get in place of
    /// CURLOPT_PROTOCOLS_STR refuses dict:// and gopher:// and lets http through (on this host's libcurl).
    func testTheOldLibcurlBitmaskKeepsOnlyHTTPHTTPSAndFile() throws {
        let server = try TestHTTPServer { _ in .init(body: "answered") }
        var message = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(argo_curl_load(&message, message.count), 0)
        let port = server.baseURL.split(separator: ":").last!
        for (url, expected) in [("dict://127.0.0.1:\(port)/d:x", CURLE_UNSUPPORTED_PROTOCOL), ("gopher://127.0.0.1:\(port)/", CURLE_UNSUPPORTED_PROTOCOL),
                                (server.baseURL + "/", CURLE_OK)] {
            let handle = try XCTUnwrap(argo_curl_easy_init())
            defer { argo_curl_easy_cleanup(handle) }
            XCTAssertEqual(argo_curl_restrict_protocols_bitmask(handle), CURLE_OK)
            XCTAssertEqual(argo_curl_set_string(handle, CURLOPT_URL, url), CURLE_OK)
            XCTAssertEqual(argo_curl_set_long(handle, CURLOPT_NOBODY, 1), CURLE_OK)
            XCTAssertEqual(argo_curl_easy_perform(handle), expected, url)
        }
    }

    func testPostSendsBodyAndHeaders() throws {
        let server = try TestHTTPServer { request in
            .init(body: "\(request.method) \(request.headers["x-api-key"] ?? "") \(String(decoding: request.body, as: UTF8.self))")
        }
        let request = HTTPRequest(url: server.baseURL + "/p", method: .post, headers: ["x-api-key: k1", "Content-Type: application/json"],
                                  body: Array("{\"a\": 1}".utf8))
        XCTAssertEqual(String(decoding: try client().fetch(request), as: UTF8.self), "POST k1 {\"a\": 1}")
    }

    /// A loopback URL where nothing listens any more: every attempt is refused.
    private func refusingURL() throws -> String {
        let server = try TestHTTPServer { _ in .init(body: "") }
        server.stop()
        return server.baseURL
    }

    func testConnectionRefusedIsRetriedThenReported() throws {
        let url = try refusingURL()
        let clock = RecordingClock()
        var settings = HTTPSettings()
        settings.connection.retries = 2
        settings.connection.sleepRetrySeconds = 7
        let recording = testHTTPClient(settings, clock: clock)
        XCTAssertThrowsError(try recording.fetch(HTTPRequest(url: url + "/x"))) { error in
            XCTAssertTrue("\(error)".hasSuffix("(after 3 attempts)"), "\(error)")
        }
        XCTAssertEqual(clock.sleeps, [7, 7])
    }

    /// 2.3.1's RetryRandom: a random wait of 0 to SleepRandomRetryMax seconds instead of SleepRetry.
    func testRandomWaitsBetweenAttempts() throws {
        let url = try refusingURL()
        let clock = RecordingClock()
        var settings = HTTPSettings()
        settings.connection.retries = 20
        settings.connection.sleepRetrySeconds = 60
        settings.connection.randomSleepRetryMaxSeconds = 3
        XCTAssertThrowsError(try testHTTPClient(settings, clock: clock).fetch(HTTPRequest(url: url + "/x")))
        XCTAssertEqual(clock.sleeps.count, 20)
        XCTAssertTrue(clock.sleeps.allSatisfy { (0...3).contains($0) && $0 == $0.rounded() }, "\(clock.sleeps)")
        XCTAssertGreaterThan(Set(clock.sleeps).count, 1, "drawn per attempt")
    }

    func testCredentialsNeverAppearInDisplayedURLs() {
        XCTAssertEqual(RedactedURL.display("https://user:secret@ams.example.org/v1/x?key=TOKEN&a=1"), "https://ams.example.org/v1/x?key=***&a=1")
        XCTAssertEqual(RedactedURL.display("https://goc.example.org/gocdbpi/private/?method=get_site&scope="),
                       "https://goc.example.org/gocdbpi/private/?method=get_site&scope=")
    }

    func testMissingClientCertificateFilesAreNamed() throws {
        let broken = client { $0.hostCert = "/nonexistent/hostcert.pem" }
        XCTAssertThrowsError(try broken.fetch(HTTPRequest(url: "https://127.0.0.1:1/"))) { error in
            XCTAssertTrue("\(error)".contains("[Authentication] HostCert /nonexistent/hostcert.pem does not exist"), "\(error)")
        }
    }

    func testHTTPSWithAClientCertificateTheServerRequires() throws {
        let pki = try TestPKI()
        let (server, port) = try pki.startServer(body: "<results/>")
        defer { server.terminate(); server.waitUntilExit() }
        let url = "https://localhost:\(port)/gocdbpi/private/?method=get_site"

        let withCert = client {
            $0.hostCert = pki.clientCert
            $0.hostKey = pki.clientKey
            $0.verifyServerCert = true
            $0.caFile = pki.caCert
        }
        XCTAssertEqual(String(decoding: try withCert.fetch(HTTPRequest(url: url)), as: UTF8.self), "<results/>")

        let withoutCert = client { $0.verifyServerCert = false }
        XCTAssertThrowsError(try withoutCert.fetch(HTTPRequest(url: url)), "the server requires a client certificate")

        let wrongAuthority = client {
            $0.hostCert = pki.clientCert
            $0.hostKey = pki.clientKey
            $0.verifyServerCert = true
            $0.caFile = pki.otherCACert
        }
        XCTAssertThrowsError(try wrongAuthority.fetch(HTTPRequest(url: url)), "the server certificate is not from that CA") { error in
            XCTAssertTrue("\(error)".lowercased().contains("certificate"), "\(error)")
        }
        let unverified = client {
            $0.hostCert = pki.clientCert
            $0.hostKey = pki.clientKey
            $0.verifyServerCert = false
            $0.caFile = pki.otherCACert
        }
        XCTAssertNoThrow(try unverified.fetch(HTTPRequest(url: url)), "VerifyServerCert = False skips verification")
    }
}
