/// One record the editor opens, and the addresses that go with it: on a single unit's site a record
/// of `content/thu-tuc/`; in a province a unit's file `don-vi/<slug>/thu-tuc/<code>.md` (its
/// overlay, or a whole procedure of its own), whose page is under the unit's folder
/// (`/<slug>/thu-tuc/<code>/`).
struct RecordTarget: Equatable {
    /// The unit's slug in a province; nil on a single unit's site.
    var unit: String?
    var code: String
    /// In a province, the file is the unit's own procedure (`nguon.he_thong: dia_phuong`), edited
    /// whole as a single site's record is, not an overlay on a pool record.
    var own = false

    /// The file holds only the unit's part of a pool record: `dia_phuong` and its own sections.
    var isOverlay: Bool { unit != nil && !own }

    /// Site-relative, as `EditRights` and the audit log name it.
    var path: String { unit.map { "don-vi/\($0)/thu-tuc/\(code).md" } ?? "content/thu-tuc/\(code).md" }
    var folder: String { unit.map { "don-vi/\($0)/thu-tuc" } ?? "content/thu-tuc" }
    var page: String { prefix + "/thu-tuc/\(code)/" }
    var form: String { "/__tthc/sua/" + route }
    var check: String { "/__tthc/kiem-tra/" + route }
    /// The form of a new own procedure, and its check: `/__tthc/moi` on a single site, `/__tthc/moi/<slug>` in a province.
    var newForm: String { "/__tthc/moi" + prefix }
    var newCheck: String { "/__tthc/kiem-tra/moi" + prefix }
    /// The unit's start page.
    var home: String { prefix + "/" }

    private var prefix: String { unit.map { "/" + $0 } ?? "" }
    private var route: String { unit.map { $0 + "/" + code } ?? code }

    /// The target a route names after `sua/` or `kiem-tra/`: `<code>` on a single site, `<slug>/<code>` in a province.
    init?(_ parts: ArraySlice<String>, province: Bool) {
        switch (province, parts.count) {
        case (false, 1): self.init(unit: nil, code: parts[parts.startIndex])
        case (true, 2): self.init(unit: parts[parts.startIndex], code: parts[parts.startIndex + 1])
        default: return nil
        }
    }

    init(unit: String?, code: String, own: Bool = false) {
        self.unit = unit
        self.code = code
        self.own = own
    }
}
