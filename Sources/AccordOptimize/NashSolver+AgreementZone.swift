import CGLPK

extension SegmentForm {
    /// Whether no point of the box gives every party a positive gain: the LP
    /// `max τ  s.t.  g + A·z ≥ τ·1,  E·z = b,  0 ≤ z ≤ len,  τ ≤ 1` (scaled gains) has `τ* ≤ tolerance`.
    /// Solved by GLPK's simplex; run only when the interior point did not finish, to tell an empty
    /// agreement zone from numerical trouble. `false` when GLPK does not report an optimum.
    ///
    /// - Complexity: one LP with `N + S_r + 1` columns and `m + n` rows.
    func hasNoAgreementZone(tolerance: Double) -> Bool {
        let n = parties, ng = goodPieces, nr = rangePieces, mA = supply.count
        guard let lp = glp_create_prob() else { return false }
        defer { glp_delete_prob(lp) }
        glp_set_obj_dir(lp, GLP_MAX)
        glp_add_rows(lp, Int32(mA + n))
        for a in 0..<mA { glp_set_row_bnds(lp, Int32(a + 1), GLP_FX, supply[a], supply[a]) }
        for i in 0..<n { glp_set_row_bnds(lp, Int32(mA + i + 1), GLP_LO, -offset[i], 0) }
        let columns = ng + nr + 1
        glp_add_cols(lp, Int32(columns))
        var rows: [Int32] = [0], cols: [Int32] = [0], values: [Double] = [0]
        func entry(_ row: Int, _ col: Int, _ value: Double) {
            rows.append(Int32(row + 1))
            cols.append(Int32(col + 1))
            values.append(value)
        }
        let lengths = length + rangeLength
        for j in 0..<(ng + nr) {
            glp_set_col_bnds(lp, Int32(j + 1), lengths[j] > 0 ? GLP_DB : GLP_FX, 0, lengths[j])
        }
        for j in 0..<ng {
            entry(goodOf[j], j, 1)
            if slope[j] != 0 { entry(mA + partyOf[j], j, slope[j]) }
        }
        for j in 0..<nr {
            for i in 0..<n where rangeColumns[j * n + i] != 0 { entry(mA + i, ng + j, rangeColumns[j * n + i]) }
        }
        let tau = columns - 1
        glp_set_col_bnds(lp, Int32(tau + 1), GLP_UP, 0, 1)
        glp_set_obj_coef(lp, Int32(tau + 1), 1)
        for i in 0..<n { entry(mA + i, tau, -1) }
        rows.withUnsafeMutableBufferPointer { r in
            cols.withUnsafeMutableBufferPointer { c in
                values.withUnsafeMutableBufferPointer { v in
                    glp_load_matrix(lp, Int32(r.count - 1), r.baseAddress, c.baseAddress, v.baseAddress)
                }
            }
        }
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_ON
        guard glp_simplex(lp, &parameters) == 0, glp_get_status(lp) == GLP_OPT else { return false }
        return glp_get_obj_val(lp) <= tolerance
    }
}
