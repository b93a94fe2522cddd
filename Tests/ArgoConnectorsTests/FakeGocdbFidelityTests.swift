import XCTest
import ArgoTestSupport

/// The in-process `FakeGocdb` and `shared/tools/peers.py` (GOCDB's PI as
/// the real service answers it) serving the same entities give the same
/// answers, byte for byte: each method, scope filters, `next_cursor` pages
/// with their `<meta>`, a bad cursor, an unknown method, basic auth.
/// `get_downtime` is left out: the fake serves the document a test gives
/// it whatever the window (the connector's own clipping is what those
/// tests hold), where peers.py, as GOCDB, filters by window and scope.
final class FakeGocdbFidelityTests: XCTestCase {
    func testTheFakeAnswersAsPeersDoesOnThePI() throws {
        let fake = FakeGocdb.egi()
        fake.pageSize = 2
        fake.basicAuth = ("user", "secret")
        // peers.py serves the fake's own entities, as GOCDB's files.
        let feeds = TempDirectory()
        for (file, items) in [("sites.xml", fake.sites.map(FakeGocdb.xml)), ("service_endpoints.xml", fake.endpoints.map { FakeGocdb.xml($0) }),
                              ("service_groups.xml", fake.groups.map(FakeGocdb.xml))] {
            feeds.write(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results>\n" + items.joined() + "</results>\n")
        }
        let peers = try Peers(["--page-size", "2", "--basic-auth", "user:secret"], feeds: feeds)
        let server = try TestHTTPServer(handler: fake.respond)
        let auth = ["Authorization: Basic " + Data("user:secret".utf8).base64EncodedString()]
        let pi = "/gocdbpi/private/?method="
        var targets: [String] = []
        for method in ["get_site", "get_service_endpoint", "get_service_group"] {
            targets += [pi + method, pi + method + "&scope=", pi + method + "&scope=EGI", pi + method + "&scope=Local",
                        pi + method + "&scope=EGI,Local", pi + method + "&scope=Nowhere"]
            targets += ["", "0", "2", "4", "6", "40"].map { pi + method + "&scope=EGI&next_cursor=" + $0 }
        }
        targets += [pi + "get_site&next_cursor=x", pi + "get_nothing", pi]
        for target in targets {
            let real = try rawHTTP(peers.port, "GET", target, headers: auth)
            let ours = try rawHTTP(server.port, "GET", target, headers: auth)
            XCTAssertEqual(ours.status, real.status, "GET \(target): status")
            XCTAssertEqual(String(decoding: ours.body, as: UTF8.self), String(decoding: real.body, as: UTF8.self), "GET \(target): body")
        }
        for headers in [[], ["Authorization: Basic " + Data("user:wrong".utf8).base64EncodedString()]] {
            let real = try rawHTTP(peers.port, "GET", pi + "get_site", headers: headers)
            let ours = try rawHTTP(server.port, "GET", pi + "get_site", headers: headers)
            XCTAssertEqual([ours.status, real.status], [401, 401])
            XCTAssertEqual(ours.body, real.body)
        }
    }
}
