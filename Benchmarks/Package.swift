// swift-tools-version: 6.1
// The package-benchmark suites of Accord. A separate package, so the root package's `swift test`
// never resolves or builds the benchmark tooling (DESIGN.md §4).
//
// Run (release build):
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Frontier
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Continuous
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Reading
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Sensitivity
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Games
import PackageDescription

let package = Package(
    name: "AccordBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named explicitly: a path dependency's identity is otherwise the clone's folder name.
        .package(name: "Accord", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    // One executable per suite, each in the folder of its name.
    targets: ["Frontier", "Continuous", "Reading", "Sensitivity", "Games"].map { suite in
        .executableTarget(
            name: suite,
            dependencies: [
                .product(name: "Accord", package: "Accord"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: suite,
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        )
    }
)
