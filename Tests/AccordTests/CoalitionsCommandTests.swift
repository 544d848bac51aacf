import Accord
import Foundation
import Testing

/// `accord coalitions` and `accord game` end to end, on the `Data/` files, against published
/// values and independent counts.
@Suite struct CoalitionsCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try AccordExecutable.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Climate finance under a Paris-style double threshold (55% of the 8 blocs, 55% of their
    /// emissions): the blocs other than China hold 33.6 of 64.3, below 55% (35.365), so China is
    /// the one veto player; every bloc accepts the Nash package.
    @Test func climateFinance() throws {
        let output = try Self.json(["coalitions", Repository.data("climate-finance.yaml")])
        #expect(output["veto_players"] as? [String] == ["CHN"])
        #expect(output["winning"] as? Bool == true)
        #expect((output["accepting"] as? [String])?.count == 8)
        let power = try #require(output["power"] as? [String: [Double]])
        for index in ["shapley_shubik", "banzhaf"] {
            let values = try #require(power[index])
            #expect(abs(values.reduce(0, +) - 1) < 1e-12, "\(index) sums to 1")
            #expect(values[2] == values.max(), "China has the most power")
        }
        // The minimal winning coalitions, counted here from the rule's shares: at least 5 blocs
        // holding at least 55% of the weight, none of them dispensable.
        let scenario = try Repository.loadData("climate-finance.yaml")
        var count = 0
        for S in UInt64(1)..<256 where CoalitionAnalysisTests.wins(scenario, S) {
            if (0..<8).allSatisfy({ S >> UInt64($0) & 1 == 0 || !CoalitionAnalysisTests.wins(scenario, S & ~(1 << UInt64($0))) }) { count += 1 }
        }
        let minimal = try #require(output["minimal_winning_coalitions"] as? [String: Any])
        #expect(minimal["count"] as? Int == count)
        #expect((minimal["listed"] as? [Any])?.count == min(count, 20))
    }

    @Test func transfers() throws {
        let output = try Self.json(["coalitions", Repository.data("climate-finance.yaml"), "--transfers"])
        let transfers = try #require(output["transfers"] as? [String: Any])
        let shapley = try #require(transfers["shapley"] as? [Double])
        let total = try #require(transfers["grand_coalition_value"] as? Double)
        #expect(abs(shapley.reduce(0, +) - total) < 1e-9, "the Shapley value shares v(N)")
        #expect(transfers["nucleolus_verified"] as? Bool == true)
    }

    /// O'Neill's bankruptcy problem (estate 176): the nucleolus is the Talmud rule (Aumann and
    /// Maschler 1985), the Shapley value as published (issue 13, 4 decimals).
    @Test func talmud() throws {
        let output = try Self.json(["game", Repository.data("games/talmud.yaml")])
        let expected = [20, 16, 5.5, 48.35, 30, 56.15]
        let nucleolus = try #require(output["nucleolus"] as? [Double])
        let talmud = try #require(output["talmud"] as? [Double])
        for i in 0..<6 {
            #expect(abs(nucleolus[i] - expected[i]) < 1e-9)
            #expect(abs(talmud[i] - expected[i]) < 1e-12)
        }
        let shapley = try #require(output["shapley"] as? [Double])
        for (value, published) in zip(shapley, [23.5175, 18.7483, 6.4950, 44.3008, 33.3317, 49.6067]) { #expect(abs(value - published) < 5e-5) }
        #expect(output["nucleolus_verified"] as? Bool == true)
    }

    /// Benedek, Fliege and Nguyen (2021): nucleolus (2.75, 3.75, 5.5).
    @Test func threePlayer() throws {
        let output = try Self.json(["game", Repository.data("games/three-player.yaml")])
        let nucleolus = try #require(output["nucleolus"] as? [Double])
        for (value, published) in zip(nucleolus, [2.75, 3.75, 5.5]) { #expect(abs(value - published) < 1e-9) }
        #expect((output["core"] as? [String: Any])?["empty"] as? Bool == false)
    }

    @Test(arguments: [
        ("players: [A, B, A]\nvalues: {\"A\": 1}\n", "game.yaml:1: players[2]: duplicate player id 'A'"),
        ("players: [A, B]\nvalues: {\"A,X\": 1}\n", "game.yaml:2: values.A,X: unknown player 'X' in the coalition 'A,X'"),
        ("players: [A, B]\nvalues: {\"A,B\": 1, \"B,A\": 2}\n", "game.yaml:2: values.B,A: the coalition 'B,A' is also given as 'A,B'"),
        ("players: [A, B]\nvalues: {\"A,A\": 1}\n", "player 'A' appears twice in the coalition 'A,A'"),
        ("players: [A, B]\nvalues: {\"A\": .nan}\n", "game.yaml:2: values.A:"),
        ("players: [A, B]\nbankruptcy: {estate: 10, claims: {A: 3, B: 4}}\n", "the estate 10 exceeds the claims' total 7"),
        ("players: [A, B]\nbankruptcy: {estate: 1, claims: {A: 3}}\n", "bankruptcy.claims: missing the claim of player 'B'"),
        ("players: [A, B]\n", "give the coalition values"),
        ("players: []\nvalues: {}\n", "a game needs 1 to 25 players, found 0"),
    ])
    func badGames(_ text: String, _ message: String) throws {
        let directory = try temporaryDirectory()
        try Data(text.utf8).write(to: directory.appendingPathComponent("game.yaml"))
        let result = try AccordExecutable.run(["game", "game.yaml", "-o", "out.json"], in: directory)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
    }

    @Test func badPackage() throws {
        let file = Repository.data("climate-finance.yaml")
        for (arguments, message) in [
            (["--package", "fund_size=usd_300bn"], "--package: give every issue; missing"),
            (["--package", "nowhere=x"], "--package: unknown issue 'nowhere'"),
            (["--package", "fund_size"], "--package expects ISSUE=VALUE"),
            (["--list=-1"], "--list must be between 0 and 10000"),
        ] {
            let result = try AccordExecutable.run(["coalitions", file] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
