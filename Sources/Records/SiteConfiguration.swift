import Foundation

/// A unit's `site.yml`: who it is and which procedures it publishes.
public struct SiteConfiguration: Codable, Sendable, Equatable {
    public var unitName: String
    public var level: String
    public var province: Procedure.Sector
    public var address: String?
    public var phone: String?
    public var email: String?
    public var openingHours: String?
    public var baseURL: String
    public var selection: Selection

    enum CodingKeys: String, CodingKey {
        case unitName = "ten_don_vi", level = "cap", province = "tinh", address = "dia_chi", phone = "dien_thoai"
        case email, openingHours = "gio_lam_viec", baseURL = "base_url", selection = "chon"
    }

    public struct Selection: Codable, Sendable, Equatable {
        public var levels: [Procedure.Level]
        public var sectors: [String]?
        public var add: [String]?
        public var remove: [String]?
        enum CodingKeys: String, CodingKey { case levels = "cap_thuc_hien", sectors = "linh_vuc", add = "them", remove = "bo" }
    }

    public static let fileName = "site.yml"

    /// Reads and validates `site.yml` like a record: problems come back with their line and column.
    public static func read(bytes: [UInt8], path: String = fileName) -> (SiteConfiguration?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ problem: Problem, _ line: Int, _ column: Int) {
            diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
        }
        let text: String
        do {
            text = try SourceText(bytes: bytes).text
        } catch {
            switch error {
            case .utf16:
                report(.utf16, 1, 1)
            case .notUTF8(let offset):
                let position = Record.position(ofByte: offset, in: bytes)
                report(.notUTF8(byteOffset: offset), position.line, position.column)
            }
            return (nil, diagnostics)
        }
        let parsed = FrontMatterParser.parse(text)
        parsed.problems.forEach { report($0.problem, $0.line, $0.column) }
        guard !parsed.problems.contains(where: { $0.problem.code == .yamlSyntax }) else { return (nil, diagnostics) }
        var validator = SchemaValidator()
        validator.unknownKey = Problem.unknownSiteKey
        let value = validator.validate(parsed.root ?? YAMLNode.emptyMapping, as: .object(Schema.site), key: "")
        validator.problems.forEach { report($0.problem, $0.line, $0.column) }
        guard !diagnostics.hasErrors, let value else { return (nil, diagnostics) }
        let configuration = try? ValueDecoding.decode(SiteConfiguration.self, from: value)
        return (configuration, diagnostics)
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/` for a site at the root).
    public var basePath: String {
        guard let components = URLComponents(string: baseURL), !components.path.isEmpty else { return "/" }
        var path = components.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `base_url` with exactly one trailing slash.
    public var rootURL: String {
        baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }
}
