// swift-tools-version: 6.1
import PackageDescription

// The library is one target per layer, each depending only on the layers below it, so that a
// back-edge does not compile (the README's Layout section gives the order). `Accord` only
// re-exports them.
let package = Package(
    name: "Accord",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Accord", targets: ["Accord"]),
        .executable(name: "accord", targets: ["AccordCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLapack"),
        .systemLibrary(name: "CGLPK"),
        .systemLibrary(name: "CMalloc"),
        .target(name: "AccordModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "AccordImport", dependencies: ["AccordModel"]),
        .target(name: "AccordGenerate", dependencies: ["AccordModel"]),
        .target(name: "AccordSkyline"),
        .target(name: "AccordOptimize", dependencies: ["CLapack", "CGLPK"]),
        .target(name: "AccordGames", dependencies: ["AccordOptimize", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "AccordSpace", dependencies: ["AccordModel", "AccordSkyline", "AccordOptimize"]),
        .target(name: "AccordFrontier", dependencies: ["AccordSpace", "AccordOptimize"]),
        .target(name: "AccordSolutions", dependencies: ["AccordFrontier", "AccordOptimize"]),
        .target(name: "AccordLinkage", dependencies: ["AccordSolutions"]),
        .target(name: "AccordDynamics", dependencies: ["AccordSolutions"]),
        .target(name: "AccordCoalitions", dependencies: ["AccordSolutions", "AccordGames", "AccordModel"]),
        .target(name: "AccordSensitivity", dependencies: ["AccordSolutions", "AccordGenerate", "AccordOptimize", "AccordSkyline"]),
        .target(name: "AccordReport", dependencies: ["AccordLinkage", "AccordDynamics", "AccordCoalitions", "AccordSensitivity"]),
        .target(
            name: "Accord",
            dependencies: ["AccordModel", "AccordImport", "AccordGenerate", "AccordSkyline", "AccordOptimize", "AccordGames", "AccordSpace",
                           "AccordFrontier", "AccordSolutions", "AccordLinkage", "AccordDynamics", "AccordCoalitions", "AccordSensitivity",
                           "AccordReport"]
        ),
        .executableTarget(
            name: "AccordCLI",
            dependencies: [
                "Accord",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // `accord` loads Debian's single-threaded OpenBLAS when it is installed (`make deps`
            // installs it): the default, threaded one starts a thread at load that spins on the
            // second core for its first ~0.1 s, where Accord's own parallel lanes run, while
            // Accord calls BLAS single-threaded anyway (`LinearAlgebra.singleThreaded`). Where the
            // folder is missing, the runtime path is skipped and the default library is loaded.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "-rpath", "-Xlinker", "/usr/lib/x86_64-linux-gnu/openblas-serial",
                     "-Xlinker", "-rpath", "-Xlinker", "/usr/lib/aarch64-linux-gnu/openblas-serial"],
                    .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "AccordTests",
            dependencies: [
                "Accord",
                "AccordCLI",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            exclude: ["scripts"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
