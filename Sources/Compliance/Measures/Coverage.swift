import Records

/// `bao_phu`: the procedures the unit must publish (the catalogue's, for its level and province)
/// against those it shows in force. Missing ones and ones the catalogue no longer has but the site
/// shows in force fail; published ones outside the unit's scope are listed, not failed.
struct Coverage: Tally {
    private var shown: [String: ReportedProcedure] = [:]

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        // Kept only to compare with a catalogue (a build has none).
        if context.catalogue != nil { shown[procedure.code] = procedure }
    }

    func outcome(in context: MeasureContext) -> Outcome {
        guard let catalogue = context.catalogue else {
            return Outcome(.notComputable(Localized(
                vi: "Cần danh mục của CSDL quốc gia để biết đơn vị phải đăng những thủ tục nào: chạy `tthc bao-cao --catalog TỆP_XUẤT`.",
                en: "Needs the national catalogue to know what the unit must publish: run `tthc bao-cao --catalog EXPORT`.")))
        }
        let must = catalogue.mustPublish(context.configuration)
        var findings: [Finding] = [], outside: [Finding] = []
        var published = 0
        for (code, national) in must {
            guard let here = shown[code] else {
                findings.append(Finding(code: code, name: national.name, reason: Localized(
                    vi: "đơn vị phải công khai nhưng trang chưa đăng", en: "the unit must publish it; the site does not")))
                continue
            }
            if here.isInForce {
                published += 1
            } else {
                findings.append(here.finding(Localized(
                    vi: "CSDL quốc gia còn hiệu lực nhưng trang ghi đã bãi bỏ", en: "in force nationally, shown as abolished")))
            }
        }
        var abolishedShown = 0
        for (code, here) in shown where here.isInForce && must[code] == nil {
            if here.isNational && catalogue.procedures[code] == nil {
                abolishedShown += 1
                findings.append(here.finding(Localized(
                    vi: "CSDL quốc gia không còn thủ tục này (đã bãi bỏ) nhưng trang vẫn ghi còn hiệu lực",
                    en: "no longer in the national catalogue (abolished) but shown in force")))
            } else {
                outside.append(here.finding(Localized(
                    vi: here.isNational ? "không thuộc cấp hoặc tỉnh của đơn vị trong CSDL quốc gia (đăng thêm)"
                                        : "thủ tục riêng của đơn vị, không có trong CSDL quốc gia",
                    en: here.isNational ? "not of the unit's level or province in the catalogue (published in addition)"
                                        : "the unit's own procedure, not in the national catalogue")))
            }
        }
        return Outcome(.counted(numerator: published, denominator: must.count + abolishedShown), findings: findings, outside: outside)
    }
}
