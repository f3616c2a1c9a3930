import Foundation
import Records

/// The site's templates (`templates/*.mustache`), compiled once per build.
struct Templates {
    static let required = ["base", "home", "thu-tuc", "danh-sach", "404"]

    let library: [String: Template]

    /// Where templates live, relative to the site (every diagnostic names its file from there).
    static let folder = "templates"

    /// Every `templates/*.mustache` compiled; nil templates when one cannot be used (each problem
    /// is a diagnostic at its file, line and column, so `check` finds what `build` would stop at).
    static func load(site: URL) -> (templates: Templates?, diagnostics: [Diagnostic]) {
        let folderURL = site.appendingPathComponent(folder)
        var library: [String: Template] = [:]
        var diagnostics: [Diagnostic] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for name in names {
            let path = "\(folder)/\(name)"
            guard let data = FileManager.default.contents(atPath: folderURL.appendingPathComponent(name).path),
                  let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: .templateUnreadable))
                continue
            }
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
        return (diagnostics.isEmpty ? Templates(library: library) : nil, diagnostics)
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
