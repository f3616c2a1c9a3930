import Foundation
import Records
import Testing

/// `tthc check` is `tthc build` without its writing stage: whatever stops a build is found by a
/// check first, at its file, line and column.
@Suite struct CheckIsTheBuildTests {
    let cli = CommandLineTests()

    /// A theme broken the ways a person editing it breaks it: each is an error of `check` and of
    /// `build` (which then writes nothing), at the tag.
    struct BrokenTemplate: Sendable, CustomStringConvertible {
        var file: String
        /// The template's new text from the original one.
        var change: @Sendable (String) -> String
        var position: @Sendable (String) -> (line: Int, column: Int)
        var code: String
        var message: String
        var description: String { message }
    }

    static func lines(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count }

    static let brokenTemplates: [BrokenTemplate] = [
        BrokenTemplate(file: "thu-tuc.mustache", change: { "<p>{{#steps}}\n" + $0 }, position: { _ in (1, 4) },
                       code: "template-syntax", message: "Mẫu trang có lỗi: thẻ {{steps}} chưa có thẻ đóng {{/steps}}."),
        BrokenTemplate(file: "thu-tuc.mustache", change: { $0 + "{{#steps}}\n  {{/step}}\n" }, position: { (lines($0) + 1, 3) },
                       code: "template-syntax",
                       message: "Mẫu trang có lỗi: thẻ đóng {{/step}} không khớp thẻ mở {{steps}} ở dòng"),
        BrokenTemplate(file: "base.mustache", change: { "<title>{{title</title>\n" + $0 }, position: { _ in (1, 8) },
                       code: "template-syntax", message: "Mẫu trang có lỗi: thẻ mở {{ chưa được đóng."),
        BrokenTemplate(file: "home.mustache", change: { "Đơn vị: {{uppercase(unit.name)}}\n" + $0 }, position: { _ in (1, 9) },
                       code: "template-syntax", message: "Mẫu trang có lỗi: thẻ {{uppercase(unit.name)}} dùng cú pháp ngoài chuẩn Mustache"),
        BrokenTemplate(file: "danh-sach.mustache", change: { $0 + "{{/items}}\n" }, position: { (lines($0), 1) },
                       code: "template-syntax", message: "Mẫu trang có lỗi: thẻ đóng {{/items}} không có thẻ mở tương ứng."),
    ]

    @Test(arguments: brokenTemplates)
    func aBrokenTemplateIsAnErrorOfCheckAndOfBuild(_ broken: BrokenTemplate) throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let path = "templates/" + broken.file
        let original = try site.read(path)
        try site.write(path, broken.change(original))
        let (line, column) = broken.position(original)
        let check = try cli.tthc(["check"], in: site.folder)
        #expect(check.status == 1, "\(check.output)\(check.errors)")
        #expect(check.output.contains("\(path):\(line):\(column): lỗi [\(broken.code)] \(broken.message)"), "\(check.output)")
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 1, "\(build.errors)")
        #expect(build.errors.contains("\(path):\(line):\(column): lỗi [\(broken.code)]"), "\(build.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    @Test func aMissingOrUnreadableTemplateIsNamed() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("templates/404.mustache"))
        // "Trang chủ" saved by an old editor in Windows-1258: not UTF-8.
        try site.write("templates/home.mustache", Data([0x54, 0x72, 0x61, 0x6E, 0x67, 0x20, 0x63, 0x68, 0xF2, 0x0A]))
        let check = try cli.tthc(["check", "--lang", "en"], in: site.folder)
        #expect(check.status == 1)
        #expect(check.output.contains("templates/404.mustache:1:1: error [template-missing] This template is missing"), "\(check.output)")
        #expect(check.output.contains("templates/home.mustache:1:1: error [template-syntax] The template is not UTF-8 text"), "\(check.output)")
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 1)
        #expect(build.errors.contains("templates/404.mustache:1:1: lỗi [template-missing] Thiếu mẫu trang này"), "\(build.errors)")
    }

    @Test func aTemplateErrorIsInEnglishWithLangEn() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        try site.write("templates/extra.mustache", "<ul>\n  {{#items}}\n")
        let check = try cli.tthc(["check", "--lang", "en", "--format", "json"], in: site.folder)
        #expect(check.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["file"] as? String == "templates/extra.mustache")
        #expect(array.first?["line"] as? Int == 2)
        #expect(array.first?["column"] as? Int == 3)
        #expect(array.first?["message"] as? String == "Template error: the tag {{items}} is never closed by {{/items}}.")
    }

    /// Texts as long as a record allows where a build makes names of files and folders from them:
    /// a field's name and code (its page under `linh-vuc/`) and many long keywords that begin
    /// alike (the search shards are named by the terms' common beginning). What check accepts,
    /// build writes: no `ENAMETOOLONG`, exit 0.
    @Test(arguments: ["field", "keywords"])
    func longTextsThatNameOutputFilesStillBuild(_ place: String) throws {
        var frontMatter = SampleRecord.frontMatter
        if place == "field" {
            frontMatter = frontMatter
                .replacingOccurrences(of: "ma: G15-TP07", with: "ma: G15-" + String(repeating: "TP", count: 150))
                .replacingOccurrences(of: "ten: Hộ tịch", with: "ten: " + String(repeating: "Hộ tịch ", count: 40) + String(repeating: "x", count: 300))
        } else {
            frontMatter += "\ntu_khoa:\n" + (0..<60).map { "  - \(String(repeating: "a", count: 300))\($0)\n" }.joined()
        }
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(frontMatter: frontMatter))
        defer { site.remove() }
        let check = try cli.tthc(["check"], in: site.folder)
        #expect(check.status == 0, "\(check.output)")
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 0, "\(place): \(build.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/thu-tuc/1.001193/index.html").path))
        let fields = (try? FileManager.default.contentsOfDirectory(atPath: site.url("public/linh-vuc").path)) ?? []
        #expect(fields.contains { $0 != "index.html" && $0.utf8.count <= 101 }, "\(fields)")
    }
}
