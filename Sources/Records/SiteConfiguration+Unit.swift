/// A unit's `site.yml` in a province (`don-vi/<slug>/site.yml`): read like a single site's, its
/// province taken from `tinh.yml`, its address `<tinh base_url><slug>/` unless it gives one.
extension SiteConfiguration {
    public static func readUnit(bytes: [UInt8], path: String, slug: String, province: ProvinceConfiguration) -> (SiteConfiguration?, [Diagnostic]) {
        var keyLines: [String: Int] = [:]
        return readUnit(bytes: bytes, path: path, slug: slug, province: province, keyLines: &keyLines)
    }

    /// As above, giving also the line of each top-level key as written (`ValidatedYAML.keyLines`).
    public static func readUnit(bytes: [UInt8], path: String, slug: String, province: ProvinceConfiguration,
                                keyLines: inout [String: Int]) -> (SiteConfiguration?, [Diagnostic]) {
        var document = ValidatedYAML(bytes: bytes, path: path, shape: Schema.unitSite, unknownKey: Problem.unknownSiteKey)
        keyLines = document.keyLines
        guard !document.hasErrors, var value = document.value else { return (nil, document.diagnostics) }
        // Written anyway (a single site's site.yml moved into the province): it must say the same province.
        if let written = value["tinh"]?["ma"]?.string, written != province.code {
            document.report(.unitProvince(written: written, province: province.code), at: [.key("tinh"), .key("ma")])
            return (nil, document.diagnostics)
        }
        value = value.setting("tinh", .object([.init("ma", .string(province.code)), .init("ten", .string(province.name))]))
        if value["base_url"] == nil { value = value.setting("base_url", .string(province.defaultBaseURL(slug: slug))) }
        return (try? ValueDecoding.decode(SiteConfiguration.self, from: value), document.diagnostics)
    }
}
