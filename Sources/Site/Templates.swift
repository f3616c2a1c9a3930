import FileSystem
import Foundation
import Records

/// The site's templates (`templates/*.mustache`), compiled once per build.
struct Templates {
    static let required = ["base", "home", "thu-tuc", "danh-sach", "404"]
    static let addedLater = ["bao-cao", "tinh"]

    let library: [String: Template]
    /// The theme finds its files through `{{assets}}`. One copied before that name existed writes
    /// `{{root}}assets/`: a province then gives each of its units an `assets/` of its own.
    var findsSharedAssets = false

    enum Failure: ExplainedError {
        case missing(String), invalid(String, String)

        var explanation: Localized {
            switch self {
            case .missing(let path):
                return Localized(vi: "Thiếu mẫu trang \(path); chép lại từ một trang mới (tthc init) hoặc khôi phục tệp.",
                                 en: "The template \(path) is missing; copy it from a new site (tthc init) or restore it.")
            case .invalid(let path, let detail):
                return Localized(vi: "Mẫu trang \(path) có lỗi: \(detail)", en: "The template \(path) has an error: \(detail)")
            }
        }
    }

    /// The site's `templates/*.mustache`. The folder and each template must be inside the site
    /// (`OutsideSite` otherwise); one that cannot be read fails with its path and cause.
    init(site folders: SiteFolders) throws {
        var library: [String: Template] = [:]
        var findsSharedAssets = false
        let folder = try folders.resolve(Self.folder)
        let names = (try Files.listIfPresent(folder) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        for name in names {
            let path = "\(Self.folder)/\(name)"
            let text = String(decoding: try Files.read(try folders.resolve(path)), as: UTF8.self)
            if text.contains("{{assets}}") || text.contains("{{ assets }}") { findsSharedAssets = true }
            do {
                library[String(name.dropLast(".mustache".count))] = try Template(text)
            } catch {
                throw Failure.invalid(path, "\(error)")
            }
        }
        for name in Self.required where library[name] == nil {
            throw Failure.missing("\(Self.folder)/\(name).mustache")
        }
        // Pages tthc gained after a site copied its theme (`tthc init`) come from the default theme.
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            if Self.addedLater.contains(name), library[name] == nil { library[name] = try? Template(text) }
        }
        self.library = library
        self.findsSharedAssets = findsSharedAssets
    }

    init(site: URL) throws {
        try self.init(site: try SiteFolders(site: site))
    }

    static let folder = "templates"

    func render(_ template: String, _ context: TemplateValue) -> String {
        String(decoding: renderBytes(template, context), as: UTF8.self)
    }

    func renderBytes(_ template: String, _ context: TemplateValue) -> [UInt8] {
        guard let nodes = library[template]?.nodes else { return [] }
        var rendering = TemplateRendering(library: library, context: context)
        rendering.render(nodes)
        return rendering.output
    }
}
