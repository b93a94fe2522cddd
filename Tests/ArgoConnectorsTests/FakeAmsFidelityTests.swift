import XCTest
import ArgoTestSupport

/// The in-process `FakeAms` and `shared/tools/peers.py` (AMS's publish
/// route as the real service answers it) given the same requests give the
/// same answers: status and JSON body. Skipped only where the workplace's
/// shared/ tools are not beside the checkout.
final class FakeAmsFidelityTests: XCTestCase {
    func testTheFakeAnswersAsPeersDoesOnThePublishRoute() throws {
        let peers = try Peers(["--ams-token", "T"])
        let fake = FakeAms(token: "T")
        let server = try TestHTTPServer(handler: fake.respond)
        let publish = "/v1/projects/EGI/topics/TOPIC:publish"
        let message = #"{"messages": [{"attributes": {"type": "weights", "report": "Critical"}, "data": "AAEC"}]}"#
        let json = ["Content-Type: application/json"]
        // (target, headers, body)
        let requests: [(String, [String], String)] = [
            (publish, json + ["x-api-key: T"], message),                                  // 200, id 1
            (publish, json + ["x-api-key: T"], message.replacingOccurrences(of: "}]}", with: "}, {\"data\": \"\"}]}")),  // ids 2, 3
            (publish + "?key=T", json, message),                                          // the key in the URL: accepted
            (publish, json + ["x-api-key: wrong"], message),                              // 401
            (publish, json, message),                                                     // no key: 401
            ("/v1/projects/EGI/topics/TOPIC", json + ["x-api-key: T"], message),          // 404
            (publish, json + ["x-api-key: T"], #"{"messages": []}"#),                     // an empty list: no ids
            (publish, json + ["x-api-key: T"], #"{"messages": [{"attributes": {"a": "b"}}]}"#),  // no data: ""
            (publish, json + ["x-api-key: T"], #"{"messages": [{"data": "not base64!"}]}"#),     // 400
            (publish, json + ["x-api-key: T"], #"{"messages": [{"data": "AA==", "attributes": []}]}"#),  // 400
            (publish, json + ["x-api-key: T"], #"{"messages": {}}"#),                    // 400
            (publish, json + ["x-api-key: T"], "not json"),                              // 400
        ]
        for (target, headers, body) in requests {
            let real = try rawHTTP(peers.port, "POST", target, headers: headers, body: body)
            let ours = try rawHTTP(server.port, "POST", target, headers: headers, body: body)
            XCTAssertEqual(ours.status, real.status, "POST \(target) \(body): status")
            XCTAssertEqual(FakeWebAPIFidelityTests.comparable(ours.body), FakeWebAPIFidelityTests.comparable(real.body), "POST \(target) \(body): body")
        }
        XCTAssertEqual(fake.messages.filter(\.keyInURL).count, 1, "the fake tells a key sent in the URL")
    }
}
