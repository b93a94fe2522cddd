import XCTest
@testable import ArgoConnectors
@testable import ArgoModel
@testable import ArgoSystem
import ArgoTestSupport

/// Issue #27, points 1 and 2: `WebAPIClient` against the WEB-API's answers
/// as `shared/spec/argo-web-api.md` lists them (the fake answers so), and
/// against answers that are not the WEB-API's.
final class WebAPIClientTests: XCTestCase {
    private let day = RunDate(year: 2026, month: 11, day: 28)

    private func client(_ server: TestHTTPServer, token: String = "t") -> WebAPIClient {
        var settings = HTTPSettings()
        settings.connection.retries = 0
        return WebAPIClient(WebAPIDestination(host: server.baseURL, token: token), http: testHTTPClient(settings))
    }

    private func group(_ name: String) -> JSONValue {
        .object([("type", .string("NGI")), ("group", .string("NGI_A")), ("subgroup", .string(name)), ("tags", .object([])),
                 ("notifications", .object([("contacts", .array([])), ("enabled", .bool(false))]))])
    }

    /// The message family answers topology writes; the status family the rest; both are success.
    func testBothAnswerFamiliesAreAcceptedAndRefusalsUseTheWebAPIsWords() throws {
        let api = FakeWebAPI(tokens: ["t"])
        let server = try TestHTTPServer(handler: api.respond)
        let webAPI = client(server)
        try webAPI.post(.topologyGroups, [group("S1")], date: day)      // 201 {"message", "code"}
        try webAPI.post(.downtimes, [], date: day)                      // 201 {"status": {...}}
        // 409 in the message family: its top-level message is the refusal.
        XCTAssertThrowsError(try webAPI.post(.topologyGroups, [group("S1")], date: day)) { error in
            XCTAssertEqual(WebAPIClient.describe(error, doing: "POST topology/groups"),
                           "WEB-API refused POST topology/groups: HTTP 409 Topology already exists for date: 2026-11-28, please either update it or delete it first!")
        }
        // 409 of weights: errors[0].details before status.message.
        let weights = JSONValue.object([("weight_type", .string("computationpower")), ("group_type", .string("SITES")), ("name", .string("R")),
                                        ("groups", .array([]))])
        try webAPI.postWeights(weights, date: day)
        XCTAssertThrowsError(try webAPI.postWeights(weights, date: day)) { error in
            XCTAssertTrue(WebAPIClient.describe(error, doing: "POST weights").hasSuffix("HTTP 409 Weights resource with the same name already exists"))
        }
        // 401: status.message (no errors list).
        XCTAssertThrowsError(try client(server, token: "wrong").post(.topologyGroups, [], date: day)) { error in
            XCTAssertEqual(WebAPIClient.describe(error, doing: "POST topology/groups"), "WEB-API refused POST topology/groups: HTTP 401 Unauthorized")
        }
        // DELETE: message family for topology, status family for downtimes, 404 of an empty day is "held nothing".
        XCTAssertTrue(try webAPI.delete(.topologyGroups, date: day))
        XCTAssertTrue(try webAPI.delete(.downtimes, date: day))
        XCTAssertFalse(try webAPI.delete(.topologyGroups, date: day))
        XCTAssertFalse(try webAPI.delete(.downtimes, date: day))
    }

    /// A 2xx that is not a JSON object of either family is refused: a proxy's page, an array, nothing.
    func testAnswersThatAreNotTheWebAPIsAreRefused() throws {
        for (body, shown) in [("<html>maintenance</html>", "the answer is not the WEB-API's JSON ('<html>maintenance</html>')"),
                              ("[]", "the answer is not the WEB-API's JSON ('[]')"), (#"{"ok": true}"#, #"the answer is not the WEB-API's JSON ('{"ok": true}')"#),
                              ("", "empty response")] {
            let server = try TestHTTPServer { _ in .init(status: 201, body: body, contentType: "text/html") }
            XCTAssertThrowsError(try client(server).post(.topologyGroups, [], date: day), body) { error in
                XCTAssertTrue("\(error)".contains(shown), "\(error)")
            }
        }
    }

    /// Reading a day back: only records of that day; a GET answering with an earlier day is "not held".
    func testADayIsReadBackAsThatDaysRecordsOnly() throws {
        let api = FakeWebAPI(tokens: ["t"])
        let server = try TestHTTPServer(handler: api.respond)
        let webAPI = client(server)
        guard case .notHeld(earlier: nil) = try webAPI.day(.topologyGroups, date: day) else { return XCTFail("404: nothing held") }
        api.store("t", "topology/groups", "2026-11-27", [group("S1")])
        guard case .notHeld(earlier: "2026-11-27") = try webAPI.day(.topologyGroups, date: day) else {
            return XCTFail("the GET answers with the 27th's: the 28th is not held")
        }
        try webAPI.post(.topologyGroups, [group("S1"), group("S2")], date: day)
        guard case .held(let records) = try webAPI.day(.topologyGroups, date: day) else { return XCTFail("held") }
        XCTAssertEqual(records.map { $0["subgroup"] }, [.string("S1"), .string("S2")])
        XCTAssertNil(records[0]["date"], "the WEB-API's date is not a field of the record")
        XCTAssertEqual(records[0]["notifications"], .object([]), "omitempty: contacts [] and enabled false are left out")
        XCTAssertTrue(WebAPIRecordForm.sameRecords(records, [group("S2"), group("S1")]), "the same records, whatever their order and omitempty")
        XCTAssertFalse(WebAPIRecordForm.sameRecords(records, [group("S1"), group("S1")]), "multisets, not sets")
        // Downtimes: never 404; the day's entry.
        XCTAssertEqual(try webAPI.day(.downtimes, date: day).records.count, 0)
    }

    /// The key goes as `x-api-key`, from the destination (no caller writes the header).
    /// (TLS verification of the WEB-API: `testTokenServicesAreVerifiedUnlessTheirOwnOptionSaysOtherwise`.)
    func testTheClientSendsTheDestinationsKey() throws {
        let server = try TestHTTPServer { request in
            .init(body: #"{"status": {"message": "Success", "code": "200"}, "data": [{"key": "\#(request.headers["x-api-key"] ?? "")"}]}"#,
                  contentType: "application/json")
        }
        XCTAssertEqual(try client(server, token: "k1").list("metric_profiles").first?["key"], .string("k1"))
        XCTAssertEqual(server.requests.first?.headers["accept"], "application/json")
    }
}
