// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "concord",
    platforms: [.macOS(.v15)],
    products: [
        // `concord` runs searches itself and hands every other command to `concord-cli`.
        .executable(name: "concord", targets: ["ConcordLauncher"]),
        .executable(name: "concord-cli", targets: ["ConcordCLI"]),
        .library(name: "Xapian", targets: ["Xapian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // C API over libxapian, implemented in C++; the only code that sees a C++ type.
        .target(
            name: "CXapian",
            cxxSettings: [.unsafeFlags(["-fexceptions"])],
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // Spans, errors and JSON without Foundation, shared by every module.
        .target(name: "ConcordBase"),
        .target(name: "ConcordText", dependencies: ["ConcordBase"]),
        // The search path (schema, model, ranking, output) without Foundation: `concord search` links only this.
        .target(name: "ConcordSearch", dependencies: ["ConcordBase", "Xapian"]),
        .target(
            name: "ConcordCore",
            dependencies: [
                "ConcordText", "ConcordSearch", "Xapian",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ConcordServer",
            dependencies: [
                "ConcordCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "ConcordCLI",
            dependencies: [
                "ConcordCore", "ConcordServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Statically linked with the Swift runtime: a search process starts like a C program.
        .executableTarget(
            name: "ConcordLauncher",
            dependencies: ["ConcordSearch"],
            linkerSettings: [.unsafeFlags(["-static-stdlib"])]
        ),
        // Measures the Swift wrapper against the same work in C++ (scripts/bench xapian).
        .executableTarget(name: "xapian-wrapper-bench", dependencies: ["Xapian"], path: "Benchmarks/XapianWrapperBench"),
        // Runs a query mix in-process through ConcordService, for scripts/bench http.
        .executableTarget(name: "concord-query-bench", dependencies: ["ConcordCore"], path: "Benchmarks/QueryBench"),
        // Exercises every wrapper type once, for the valgrind leak check (scripts/leakcheck).
        .executableTarget(name: "xapian-leakcheck", dependencies: ["Xapian"], path: "Benchmarks/XapianLeakCheck"),
        // Times each step of preparing documents, single-threaded (where ingest time goes).
        .executableTarget(name: "concord-prepare-bench", dependencies: ["ConcordCore"], path: "Benchmarks/PrepareBench"),
        .target(name: "ConcordTestSupport", path: "Tests/ConcordTestSupport"),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "ConcordTestSupport"]),
        .testTarget(name: "ConcordTextTests", dependencies: ["ConcordText", "ConcordTestSupport"]),
        .testTarget(name: "ConcordSearchTests", dependencies: ["ConcordSearch", "Xapian", "ConcordTestSupport"]),
        .testTarget(name: "ConcordCoreTests", dependencies: ["ConcordCore", "Xapian", "ConcordTestSupport"]),
        .testTarget(
            name: "ConcordServerTests",
            dependencies: [
                "ConcordServer", "ConcordCore", "ConcordTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ConcordCLITests", dependencies: ["ConcordCLI", "ConcordTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
