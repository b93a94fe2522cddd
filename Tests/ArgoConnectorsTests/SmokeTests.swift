import XCTest
@testable import ArgoConnectors
final class SmokeTests: XCTestCase { func testNothing() {} }
