/// A bankruptcy (claims) problem (O'Neill 1982): an estate `E ≥ 0` to divide among claimants
/// with claims `c_i ≥ 0` and `E ≤ Σ c_i`, in exact rationals (decimal claims such as `73.3` are
/// exact).
public struct BankruptcyProblem: Sendable, Equatable {
    /// Why a problem could not be built.
    public enum InputError: Error, Sendable, Equatable {
        /// No claimant, or more than `TransferableUtilityGame.maximumExactPlayers`.
        case claimantCount(Int)
        case negativeEstate
        case negativeClaim(Int)
        /// `E > Σ c_i`: the estate covers every claim, nothing to arbitrate.
        case estateExceedsClaims
    }

    public let estate: ExactRational
    public let claims: [ExactRational]

    public init(estate: ExactRational, claims: [ExactRational]) throws(InputError) {
        guard (1...TransferableUtilityGame.maximumExactPlayers).contains(claims.count) else { throw .claimantCount(claims.count) }
        guard !estate.isNegative else { throw .negativeEstate }
        if let i = claims.firstIndex(where: \.isNegative) { throw .negativeClaim(i) }
        guard estate <= claims.reduce(.zero, +) else { throw .estateExceedsClaims }
        self.estate = estate
        self.claims = claims
    }

    /// The bankruptcy game `v(S) = max(0, E − Σ_{j ∉ S} c_j)`: what a coalition gets for sure
    /// after paying everyone else's claims in full. Convex, so its core is nonempty and contains
    /// the nucleolus and the Shapley value.
    ///
    /// - Complexity: O(2^n) values, each from the previous by one claim.
    public func game() throws(TransferableUtilityGame.InputError) -> TransferableUtilityGame {
        let n = claims.count
        let total = claims.reduce(ExactRational.zero, +)
        // Σ_{j ∉ S} c_j = total − Σ_{j ∈ S} c_j, the coalition sums by subset recursion.
        let sums = TransferableUtilityGame.coalitionSums(claims)
        return try TransferableUtilityGame(playerCount: n) { coalition in
            let rest = total - sums[Int(coalition.bits)]
            let v = estate - rest
            return v.isNegative ? .zero : v
        }
    }

    /// The Talmud rule (Aumann and Maschler 1985), directly: with half-claims `h_i = c_i / 2`,
    /// when `E ≤ Σ h_i` each claimant gets `min(h_i, λ)` (constrained equal awards on the
    /// half-claims), otherwise `c_i − min(h_i, μ)` (constrained equal losses on them), with `λ`,
    /// `μ` the unique levels that make the awards sum to `E`. It is the nucleolus of the
    /// bankruptcy game (Aumann and Maschler 1985), and gives the Talmud's own divisions
    /// (claims 100, 200, 300 and estates 100, 200, 300).
    ///
    /// - Complexity: O(n log n) exact operations.
    public func talmudRule() -> [ExactRational] {
        let half = ExactRational(numerator: 1, denominator: 2) ?? .zero
        let halves = claims.map { $0 * half }
        let halfTotal = halves.reduce(ExactRational.zero, +)
        if estate <= halfTotal {
            let level = Self.equalAwardLevel(halves, amount: estate)
            return halves.map { min($0, level) }
        }
        let loss = claims.reduce(ExactRational.zero, +) - estate
        let level = Self.equalAwardLevel(halves, amount: loss)
        return zip(claims, halves).map { $0 - min($1, level) }
    }

    /// The level `λ` with `Σ min(caps_i, λ) = amount`, for `0 ≤ amount ≤ Σ caps_i` (the largest
    /// cap when `amount` is the whole sum).
    static func equalAwardLevel(_ caps: [ExactRational], amount: ExactRational) -> ExactRational {
        let sorted = caps.sorted()
        var below = ExactRational.zero  // Σ of the caps already filled
        for (k, cap) in sorted.enumerated() {
            let remaining = ExactRational(sorted.count - k)
            // With the k smallest caps filled, the others at level `cap` would give:
            if below + remaining * cap >= amount {
                return (amount - below).divided(by: remaining) ?? cap
            }
            below += cap
        }
        return sorted.last ?? .zero
    }
}
