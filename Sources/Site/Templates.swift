import Foundation

/// The site's templates (`templates/*.mustache`), compiled once per build.
struct Templates {
    static let required = ["base", "home", "thu-tuc", "danh-sach", "404"]
    static let addedLater = ["bao-cao"]

    let library: [String: Template]

    enum Failure: Error, CustomStringConvertible {
        case missing(String), unreadable(String, String)

        var description: String {
            switch self {
            case .missing(let path): return "Thiếu mẫu trang \(path) (template missing)"
            case .unreadable(let path, let detail): return "Mẫu trang \(path) có lỗi: \(detail) (template error)"
            }
        }
    }

    init(folder: URL) throws {
        var library: [String: Template] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for name in names {
            let path = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: path, encoding: .utf8) else {
                throw Failure.unreadable("templates/\(name)", "không đọc được")
            }
            do {
                library[String(name.dropLast(".mustache".count))] = try Template(text)
            } catch {
                throw Failure.unreadable("templates/\(name)", "\(error)")
            }
        }
        for name in Self.required where library[name] == nil {
            throw Failure.missing("templates/\(name).mustache")
        }
        // Pages tthc gained after a site copied its theme (`tthc init`) come from the default theme.
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            if Self.addedLater.contains(name), library[name] == nil { library[name] = try? Template(text) }
        }
        self.library = library
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
