import Records

/// `trang_don_vi`: what the site itself must show (a configured link, since a static site stores
/// nothing): where to send feedback on procedures (NĐ 20/2008 Điều 13) and a way to rate
/// satisfaction (NĐ 224/2026 Điều 10.3). The default theme shows both in every page's footer.
struct SiteDuties: Tally {
    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {}

    func outcome(in context: MeasureContext) -> Outcome {
        let configuration = context.configuration
        var findings: [Finding] = []
        if !(configuration.feedback?.isGiven ?? false) {
            findings.append(Finding(code: nil, file: SiteConfiguration.fileName, reason: Localized(
                vi: "chưa có nơi nhận phản ánh, kiến nghị (`phan_anh_kien_nghi`: địa chỉ, điện thoại, thư điện tử)",
                en: "no place for feedback on procedures (`phan_anh_kien_nghi`)"), missing: ["phan_anh_kien_nghi"]))
        }
        if configuration.satisfactionURL == nil {
            findings.append(Finding(code: nil, file: SiteConfiguration.fileName, reason: Localized(
                vi: "chưa có nơi đánh giá mức độ hài lòng (`danh_gia_hai_long`)",
                en: "no way to rate satisfaction (`danh_gia_hai_long`)"), missing: ["danh_gia_hai_long"]))
        }
        return Outcome(.counted(numerator: 2 - findings.count, denominator: 2), findings: findings)
    }
}
