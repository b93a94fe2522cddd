// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "argo-connectors",
    products: [
        .executable(name: "argo-connectors", targets: ["argo-connectors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Thin system-library adapters: the only places C headers enter.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "ArgoConnectors",
            dependencies: [
                "CCurl", "CLibXML2", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ],
            // Dynamic exclusivity checks cost ~11% of a parse (every SAX
            // event mutates the reader's state); debug builds, which the
            // tests run, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(name: "argo-connectors", dependencies: ["ArgoConnectors"]),
        // Encoder micro-benchmarks for `make bench`; not installed.
        .executableTarget(name: "argo-bench", dependencies: ["ArgoConnectors"]),
        // Seeded mutation fuzzing for `make fuzz`; not installed.
        .executableTarget(name: "argo-fuzz", dependencies: ["ArgoConnectors"]),
        .testTarget(
            name: "ArgoConnectorsTests",
            dependencies: ["ArgoConnectors", "argo-connectors"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
