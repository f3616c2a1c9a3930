import FileSystem
import Foundation
import Records

/// The site's templates (`templates/*.mustache`), compiled once per build. Only read after that,
/// by every thread that renders pages.
struct Templates: @unchecked Sendable {
    static let required = ["base", "home", "thu-tuc", "danh-sach", "404"]
    /// Pages tthc gained after a site may have copied its theme (`tthc init`): taken from the
    /// default theme when the site's theme has none.
    static let addedLater = ["bao-cao", "bao-cao-tinh", "tinh"]

    let library: [String: Template]
    /// The theme finds its files through `{{assets}}`. One copied before that name existed writes
    /// `{{root}}assets/`: a province then gives each of its units an `assets/` of its own.
    var findsSharedAssets = false

    /// Where templates live, relative to the site (every diagnostic names its file from there).
    static let folder = "templates"

    /// Every `templates/*.mustache` compiled; nil templates when one cannot be used. What a clerk
    /// can mend in a template (its syntax, a missing one, text that is not UTF-8) is a diagnostic
    /// at its file, line and column, so `check` finds what `build` would stop at; a folder or file
    /// linked out of the site (`OutsideSite`) or that cannot be read (`FileError`) is thrown: the
    /// command cannot run.
    static func load(site: URL) throws -> (templates: Templates?, diagnostics: [Diagnostic]) {
        let folders = try SiteFolders(site: site)
        var library: [String: Template] = [:]
        var diagnostics: [Diagnostic] = []
        var findsSharedAssets = false
        let names = (try Files.listIfPresent(try folders.resolve(folder), exactNames: true) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        for name in names {
            let path = "\(folder)/\(name)"
            guard let text = String(validating: try Files.read(try folders.resolve(path)), as: UTF8.self) else {
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: .templateUnreadable))
                continue
            }
            if text.contains("{{assets}}") || text.contains("{{ assets }}") { findsSharedAssets = true }
            do {
                library[String(name.dropLast(".mustache".count))] = try Template(text)
            } catch {
                diagnostics.append(Diagnostic(file: path, line: error.line, column: error.column,
                                              problem: .templateSyntax(vi: error.message, en: error.english)))
            }
        }
        for name in required where library[name] == nil && !names.contains("\(name).mustache") {
            diagnostics.append(Diagnostic(file: "\(folder)/\(name).mustache", line: 1, column: 1, problem: .templateMissing))
        }
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            if addedLater.contains(name), library[name] == nil { library[name] = try? Template(text) }
        }
        return (diagnostics.isEmpty ? Templates(library: library, findsSharedAssets: findsSharedAssets) : nil, diagnostics)
    }

    /// The templates of a site known to be usable (a command that renders outside a build):
    /// the first problem, if any, is thrown.
    init(site: URL) throws {
        let (templates, diagnostics) = try Self.load(site: site)
        guard let templates else { throw UnusableTemplates(diagnostics: diagnostics) }
        self = templates
    }

    private init(library: [String: Template], findsSharedAssets: Bool) {
        self.library = library
        self.findsSharedAssets = findsSharedAssets
    }

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

/// A theme with problems, met where a command renders without a build's report (its first
/// problem said, with its place).
struct UnusableTemplates: ExplainedError {
    var diagnostics: [Diagnostic]

    var explanation: Localized {
        guard let first = diagnostics.first else { return Localized(vi: "mẫu trang không dùng được", en: "the templates cannot be used") }
        let place = "\(first.file):\(first.line):\(first.column)"
        return Localized(vi: "\(place): \(first.message(.vi))", en: "\(place): \(first.message(.en))")
    }
}
