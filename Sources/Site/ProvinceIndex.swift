import Escaping
import Foundation
import Records

/// The files at the top of a province's output: `index.html`, the province's list of its units
/// (template `tinh`, on the theme's base page), and `sitemap.xml`, a sitemap index of every unit's sitemap.
struct ProvinceIndex {
    let province: ProvinceConfiguration
    /// Each unit with its configuration and how many procedures in force it publishes.
    let units: [(slug: String, configuration: SiteConfiguration, count: Int)]

    /// A unit's address from the province's list: relative when it lives under the province's pages.
    func link(_ unit: (slug: String, configuration: SiteConfiguration, count: Int)) -> String {
        unit.configuration.rootURL == province.defaultBaseURL(slug: unit.slug) ? unit.slug + "/" : unit.configuration.rootURL
    }

    func files(templates: Templates) -> [(path: String, data: Data)] {
        // Citizens look a commune up by its name: Vietnamese order, then the folder.
        let sorted = units.map { (unit: $0, key: VietnameseSortKey($0.configuration.unitName)) }
            .sorted { ($0.key, $0.unit.slug) < ($1.key, $1.unit.slug) }.map(\.unit)
        let title = "Thủ tục hành chính các đơn vị thuộc \(province.name)"
        var context: TemplateValue = [
            "title": .text(title),
            "description": .text("Thủ tục hành chính của \(units.count) đơn vị thuộc \(province.name): hồ sơ, phí, thời hạn, nộp trực tuyến."),
            "canonical": .text(HTML.address(province.rootURL) ?? ""),
            "assets": "assets/",
            "intro": .text("\(units.count) đơn vị công khai thủ tục hành chính trên cổng của tỉnh. Chọn đơn vị để xem, tìm và in thủ tục."),
            "units": .section(sorted.map { unit in
                ["name": .text(unit.configuration.unitName), "url": .text(link(unit)), "count": TemplateValue(unit.count)]
            }),
        ]
        // The theme's base page, without a unit's navigation or feed (`standalone`, `provinceIndex`).
        let unit: TemplateValue = ["name": .text(province.name)]
        context["unit"] = unit
        context["root"] = .text("")
        context["standalone"] = .flag(true)
        context["provinceIndex"] = .flag(true)
        context["ogType"] = .text("website")
        // The province's report of every unit (`ProvinceReportPage`), when it is on the portal.
        context["provinceReport"] = .flag(province.publishesReport)
        return [("index.html", Data(templates.renderBytes("tinh", context))), ("sitemap.xml", Data(sitemapIndex.utf8))]
    }

    /// `sitemap.xml`: where each unit's own sitemap is (the sitemaps protocol's index).
    var sitemapIndex: String {
        var xml = XMLWriter()
        xml.open("sitemapindex", ["xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"])
        for unit in units.sorted(by: { $0.slug < $1.slug }) {
            xml.layout("  ")
            xml.open("sitemap", inline: true)
            xml.element("loc", unit.configuration.rootURL + "sitemap.xml", inline: true)
            xml.close("sitemap")
        }
        xml.close("sitemapindex")
        return xml.text
    }
}
