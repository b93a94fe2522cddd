// libFuzzer entry point for `make fuzz`: compiled with swiftc
// -sanitize=fuzzer together with Sources/argo-fuzz/FuzzTargets.swift against
// the instrumented ArgoConnectors objects (not a SwiftPM target: libFuzzer
// brings its own main). The reader is chosen by ARGO_FUZZ_TARGET.
import Foundation

private let target: @Sendable ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["ARGO_FUZZ_TARGET"] ?? ""
    guard let target = fuzzTargets[name] else {
        FileHandle.standardError.write(Data("ARGO_FUZZ_TARGET must be one of \(fuzzTargets.keys.sorted())\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    target(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
