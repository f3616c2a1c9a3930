import Records

extension ProvinceContent {
    /// A unit's own procedure takes a code no other file of its unit, and no record of the pool,
    /// has: one code is one page. A clash with the pool is an error at the own record's code
    /// (the pool is sync's and stays as it is), saying to write an overlay or choose another code;
    /// two own records of one code are the single site's `duplicate-code`. Either way the record
    /// is not published. The pool's unread records (a unit built alone) count, so that
    /// `build --don-vi` and the whole build judge alike.
    mutating func checkOwnCodes() {
        let poolCodes = Set(pool.records.compactMap(\.procedure?.code)).union(pool.unreadCodes)
        for unit in units.indices {
            var firstFile: [String: String] = [:]
            for index in units[unit].own.indices {
                let record = units[unit].own[index]
                guard let code = record.procedure?.code else { continue }
                let problem: Problem
                if poolCodes.contains(code) {
                    problem = .ownCodeInPool(code, poolFile: "\(SiteContent.recordsFolder)/\(code).md")
                } else if let other = firstFile[code] {
                    problem = .duplicateCode(code, otherFile: other)
                } else {
                    firstFile[code] = record.path
                    continue
                }
                units[unit].own[index].diagnostics.append(Diagnostic(file: record.path, line: record.codePosition.line,
                                                                     column: record.codePosition.column, problem: problem))
                units[unit].own[index].procedure = nil
            }
        }
    }
}
