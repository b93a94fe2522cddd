// swift-tools-version:6.0
import PackageDescription

// The architecture, bottom to top; every arrow points down. A target sees
// only what it names, and `make test` (Tests/boundaries/check-imports.py)
// fails on an import a target does not declare, which the compiler would
// let through when the module is a transitive dependency:
//
//   argo-connectors (executable: two lines)
//     └─ ArgoCLI          the command table, help, one type per command, signals
//          └─ ArgoConnectors  the catalogue of connectors, sinks, the job loop, state files
//               └─ ArgoSystem   adapters to the OS and C libraries: libcurl, libxml2,
//                    │          zlib, libldap, libicu, files, logs, threads, the run environment
//                    └─ ArgoModel  pure codecs and models: Avro, JSON, INI and
//                                  configuration, records, data kinds, errors
let strictRelease: [SwiftSetting] = [
    // Dynamic exclusivity checks cost ~11% of a parse (every SAX event
    // mutates the reader's state); debug builds, which the tests run, keep them.
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "argo-connectors",
    products: [
        .executable(name: "argo-connectors", targets: ["argo-connectors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure: no C library, no file system, no network.
        .target(name: "ArgoModel", swiftSettings: strictRelease),

        // Thin system-library shims: the only places C headers enter.
        // libcurl behind its run-time loader: no libcurl symbol version in the binary (Debian's
        // CURL_OPENSSL_4, EL9's none), the option set checked against the loaded version.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // OpenLDAP's libldap behind its run-time loader: its soname is each distribution's own.
        .target(name: "CLDAP", linkerSettings: [.linkedLibrary("dl")]),
        // ICU behind three C functions (no ICU header: Foundation carries a private
        // copy whose types would clash), 
        // loaded at run time, as its sonames and symbols carry its version.
        .target(name: "CICU", linkerSettings: [.linkedLibrary("dl")]),
        // OpenSSL (Debian libssl-dev) behind one C function: does the host certificate match its key?
        // (libcrypto.so.3 or .so.1.1, loaded at run time)
        .target(name: "COpenSSL", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "ArgoSystem",
            dependencies: ["ArgoModel", "CCurl", "CLibXML2", "CZlib", "CLDAP", "CICU", "COpenSSL",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictRelease
        ),

        .target(
            name: "ArgoConnectors",
            dependencies: ["ArgoModel", "ArgoSystem", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictRelease
        ),

        // The commit a binary was built from (`--version`), written by make.
        .target(name: "CBuildInfo"),
        .target(
            name: "ArgoCLI",
            dependencies: ["ArgoModel", "ArgoSystem", "ArgoConnectors", "CBuildInfo",
                           .product(name: "Logging", package: "swift-log")]
        ),

        // C++ runtime symbols beyond Debian 11's libstdc++ (the portable release binary).
        .target(name: "CCompat"),
        .executableTarget(name: "argo-connectors", dependencies: ["ArgoCLI", "CCompat"]),
        // Encoder micro-benchmarks for `make bench`; not installed.
        .executableTarget(name: "argo-bench", dependencies: ["ArgoModel", "ArgoSystem"]),
        // Fuzzing of the readers for `make fuzz`; not installed.
        .executableTarget(name: "argo-fuzz", dependencies: ["ArgoModel", "ArgoSystem", "ArgoConnectors"]),
        // Tests: one target per library target, each testing its own layer,
        // over a support library of fixtures, loopback servers, fakes and the
        // binary runner, which links no command line; `runApp` (in-process
        // through Application.run) is the command line tests' own.
        .target(
            name: "ArgoTestSupport",
            dependencies: ["ArgoModel", "ArgoSystem", "ArgoConnectors"],
            path: "Tests/ArgoTestSupport",
            resources: [.copy("Fixtures")]
        ),
        .target(name: "ArgoCLITestSupport", dependencies: ["ArgoSystem", "ArgoCLI", "ArgoTestSupport"],
                path: "Tests/ArgoCLITestSupport"),
        .testTarget(name: "ArgoModelTests", dependencies: ["ArgoModel", "ArgoTestSupport"]),
        .testTarget(name: "ArgoSystemTests", dependencies: ["ArgoModel", "ArgoSystem", "ArgoTestSupport", "CCurl"]),
        .testTarget(
            name: "ArgoConnectorsTests",
            dependencies: ["ArgoModel", "ArgoSystem", "ArgoConnectors", "ArgoTestSupport",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The end-to-end tests among these launch the built executable.
        .testTarget(name: "ArgoCLITests", dependencies: ["ArgoModel", "ArgoSystem", "ArgoConnectors", "ArgoCLI", "ArgoTestSupport",
                                                          "ArgoCLITestSupport", "argo-connectors"]),
    ],
    swiftLanguageModes: [.v6]
)
