import Catalog
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Records
import Testing

/// Paths of the repository, its fixtures, and the shared data beside a CI clone.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let templates = root.appendingPathComponent("templates")
    /// The 200 real national records (`../shared`); absent in a user's clone.
    static let nationalSample = root.deletingLastPathComponent()
        .appendingPathComponent("shared/data/national-sample/dvc-formality-details.sample.json")

    static var hasNationalSample: Bool { FileManager.default.fileExists(atPath: nationalSample.path) }

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }
}

/// A throwaway site folder, written from a Hugo-style multi-file string:
///
///     -- site.yml --
///     ten_don_vi: …
///     -- content/thu-tuc/1.001193.md --
///     ---
///     …
struct TemporarySite {
    let folder: URL

    /// `configurationFile` is `tinh.yml` for a province's repository (`TemporarySite.province`).
    init(_ files: String = "", templates: Bool = true, configuration: String = TemporarySite.configuration,
         configurationFile: String = "site.yml") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content/thu-tuc"),
                                                withIntermediateDirectories: true)
        try write(configurationFile, configuration)
        if templates {
            try FileManager.default.copyItem(at: Repository.templates, to: folder.appendingPathComponent("templates"))
        }
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            if let path { try write(path, lines.joined(separator: "\n") + "\n") }
        }
        for line in files.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    static let configuration = """
        ten_don_vi: UBND xã Thử Nghiệm
        cap: xa
        tinh:
          ma: H35
          ten: Tỉnh Lai Châu
        base_url: https://example.invalid/
        chon:
          cap_thuc_hien: [xa]
        """

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A record's text with emoji markers (1️⃣, 2️⃣ …) where diagnostics are expected; the markers
/// are removed and their lines and columns remembered, as swift-format's tests do.
struct MarkedText {
    let text: String
    let markers: [String: (line: Int, column: Int)]

    static let symbols = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    init(_ marked: String) {
        var markers: [String: (Int, Int)] = [:]
        var output = ""
        var line = 1
        var column = 1
        var index = marked.startIndex
        outer: while index < marked.endIndex {
            for symbol in Self.symbols where marked[index...].hasPrefix(symbol) {
                markers[symbol] = (line, column)
                index = marked.index(index, offsetBy: symbol.count)
                continue outer
            }
            let character = marked[index]
            output.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
            index = marked.index(after: index)
        }
        text = output
        self.markers = markers
    }

    func position(_ symbol: String) -> (line: Int, column: Int) {
        markers[symbol] ?? (0, 0)
    }
}

/// A complete, valid record to change one thing in.
enum SampleRecord {
    static let frontMatter = """
        ma_thu_tuc: "1.001193"
        ten: Thủ tục đăng ký khai sinh
        cap_thuc_hien:
          - xa
        linh_vuc:
          ma: G15-TP07
          ten: Hộ tịch
        trang_thai: hieu_luc
        nguon_goc: trung_uong
        doi_tuong:
          - ten: Công dân Việt Nam
        co_quan:
          thuc_hien:
            - Ủy ban nhân dân cấp xã
        cach_thuc:
          - kenh: truc_tiep
            thoi_han:
              so: 1
              don_vi: ngay_lam_viec
            phi_le_phi:
              - loai: le_phi
                so_tien: 0
        thanh_phan_ho_so:
          - ten_nhom: Giấy tờ phải nộp
            giay_to:
              - ten: Tờ khai đăng ký khai sinh
                ban_chinh: 1
                ban_sao: 0
        can_cu_phap_ly:
          - so_hieu: 60/2014/QH13
            trich_yeu: Luật Hộ tịch
        quyet_dinh_cong_bo:
          so: 163/QĐ-BTP
          ngay: "2026-01-16"
          co_quan: Bộ Tư pháp
        """

    static let body = """

        ## Trình tự thực hiện

        Người yêu cầu nộp hồ sơ tại Ủy ban nhân dân cấp xã.
        """

    static func text(frontMatter: String = frontMatter, body: String = body) -> String {
        "---\n" + frontMatter + "\n---\n" + body + "\n"
    }

    /// One valid record per name, coded 1.000001, 1.000002 …, as a `TemporarySite` file list.
    static func files(names: [String]) -> String {
        names.enumerated().map { index, name in
            let code = String(format: "1.%06d", index + 1)
            let frontMatter = Self.frontMatter
                .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
                .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(name)")
            return "-- content/thu-tuc/\(code).md --\n\(text(frontMatter: frontMatter))\n"
        }.joined()
    }

    static func read(_ text: String, path: String = "content/thu-tuc/1.001193.md") -> Record {
        Record.read(bytes: Array(text.utf8), path: path)
    }
}

extension Record {
    func diagnostics(_ code: Problem.Code) -> [Diagnostic] {
        diagnostics.filter { $0.problem.code == code }
    }
}

/// Plans and applies a sync of `export` into `site`, as `tthc sync` does.
@discardableResult
func synchronize(_ site: TemporarySite, with export: Data, at now: String = "2026-11-22T09:00:00+07:00",
                 configuration: String = TemporarySite.configuration, batchSize: Int? = nil) throws -> SyncPlan {
    let (parsed, _) = SiteConfiguration.read(bytes: Array(configuration.utf8))
    var sync = CatalogSync(site: site.folder, configuration: try #require(parsed), now: now)
    if let batchSize { sync.batchSize = batchSize }
    let plan = sync.plan(try NationalExport(data: export))
    try sync.apply(plan)
    return plan
}

/// Every entry under a folder, as a test compares it before and after a command: a file by its
/// bytes, a folder as such, a link by where it points (never followed).
enum Tree {
    static func of(_ folder: URL) -> [String: String] {
        var entries: [String: String] = [:]
        let root = folder.path
        guard let names = FileManager.default.subpaths(atPath: root) else { return [:] }
        for name in names {
            let path = root + "/" + name
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                entries[name] = "link → " + target
            } else if let data = FileManager.default.contents(atPath: path) {
                entries[name] = "file " + String(decoding: data, as: UTF8.self)
            } else {
                entries[name] = "folder"
            }
        }
        return entries
    }
}

/// A folder of its own in the temporary folder, for what a test puts beside a site.
struct TemporaryFolder {
    let url: URL

    init(_ name: String = "folder") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// `folder` mounted again at a fresh temporary path (`mount --bind`, read-only if asked): the
/// same folder under another path. Nil, with `SKIPPED` printed, where the system does not allow it.
struct BindMount {
    let folder: TemporaryFolder
    var path: String { folder.path }

    static func of(_ source: URL, readOnly: Bool = false) throws -> BindMount? {
        let folder = try TemporaryFolder("mount")
        guard shell("mount", "--bind", source.path, folder.path) == 0 else {
            print("SKIPPED: no bind mount here")
            folder.remove()
            return nil
        }
        let mount = BindMount(folder: folder)
        if readOnly, shell("mount", "-o", "remount,bind,ro", folder.path) != 0 {
            print("SKIPPED: cannot remount read-only here")
            mount.remove()
            return nil
        }
        return mount
    }

    func remove() {
        _ = shell("umount", folder.path)
        folder.remove()
    }
}

/// Runs a system command (mount, chattr) and gives its exit status.
func shell(_ arguments: String...) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// An XML document as a parser reads it (the feed, the sitemap), every element in document
/// order with its attributes and its own text; nil when the document is not well-formed.
struct ParsedXML {
    struct Element {
        var name: String
        var namespace: String?
        var attributes: [String: String]
        var text: String
    }

    var elements: [Element]

    init?(_ data: Data) {
        let parser = XMLParser(data: data)
        let reader = Reader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = true
        guard parser.parse() else { return nil }
        elements = reader.elements
    }

    func texts(_ name: String) -> [String] {
        elements.filter { $0.name == name }.map(\.text)
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, namespace: namespaceURI, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}
