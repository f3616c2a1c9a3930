import Foundation
import Markdown
import Records
@testable import Site
import Testing

/// Links, raw HTML and headings are taken from cmark-gfm's own tree, the parse that renders the
/// page: what is checked is what citizens see, at the line and column of the file.
@Suite struct BodyOutlineTests {
    /// Checks a site whose record 1.001193 is `marked` (markers removed) and gives its diagnostics
    /// with the markers' positions.
    func check(_ marked: String) throws -> (diagnostics: [Diagnostic], text: MarkedText) {
        let input = MarkedText(marked)
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + input.text)
        defer { site.remove() }
        return (try SiteBuild(site: site.folder).check(), input)
    }

    func expect(_ code: Problem.Code, in marked: String, at symbols: [String],
                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (diagnostics, input) = try check(marked)
        let found = diagnostics.filter { $0.problem.code == code }
        #expect(found.map { "\($0.line):\($0.column)" } == symbols.map { "\(input.position($0).line):\(input.position($0).column)" },
                "\(diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message(.en))" })", sourceLocation: sourceLocation)
    }

    static func body(_ text: String) -> String { SampleRecord.text(body: SampleRecord.body + "\n\n## Ghi chú của đơn vị\n\n" + text) }

    // MARK: - What does not render as a link is not checked as one

    /// Before, each of these was a `broken-link` error (the regular expressions saw a link where
    /// cmark renders text or code).
    @Test(arguments: [
        #"Xem \[mẫu\](/thu-tuc/9.999999/) ở trên."#,
        "Gõ `[mẫu](/thu-tuc/9.999999/)` để liên kết.",
        "Ví dụ:\n\n    [mẫu](/thu-tuc/9.999999/)\n",
        "```\n[mẫu](/thu-tuc/9.999999/)\n```",
        "<!-- [mẫu](/thu-tuc/9.999999/) -->",
        "<div>\n[mẫu](/thu-tuc/9.999999/)\n</div>",
    ])
    func textThatIsNoLinkIsNotChecked(_ text: String) throws {
        let (diagnostics, _) = try check(Self.body(text))
        #expect(!diagnostics.contains { $0.problem.code == .brokenLink }, "\(diagnostics.map(\.code))")
    }

    // MARK: - Every link that renders is checked, where its destination is written

    @Test func aDestinationOnTheNextLine() throws {
        try expect(.brokenLink, in: Self.body("Xem [thủ tục khác](\n1️⃣/thu-tuc/9.999999/)."), at: ["1️⃣"])
    }

    @Test func aReferenceLinkIsCheckedAtItsDefinition() throws {
        try expect(.brokenLink, in: Self.body("Xem [thủ tục][khác], [khác][] và [Khác].\n\n[khác]: 1️⃣/thu-tuc/9.999999/"),
                   at: ["1️⃣", "1️⃣", "1️⃣"])
    }

    @Test func aDefinitionWhoseDestinationIsOnTheNextLine() throws {
        try expect(.brokenLink, in: Self.body("Xem [thủ tục].\n\n[thủ tục]:\n  1️⃣/thu-tuc/9.999999/ \"Tiêu đề\""), at: ["1️⃣"])
    }

    @Test func angleBracketsTitlesImagesAndVietnameseBeforeTheLink() throws {
        try expect(.brokenLink, in: Self.body("""
            Đường dẫn [một](<1️⃣/thu-tuc/9.999999/>) và [hai](2️⃣/thu-tuc/9.999998/ "tiêu đề").
            - Ảnh mẫu đơn: ![tờ khai](3️⃣/anh/khong-co.png)
            > Trích: [ba](4️⃣/thu-tuc/9.999997/)
            """), at: ["1️⃣", "2️⃣", "3️⃣", "4️⃣"])
    }

    /// cmark-gfm 0.29 places what follows a `\` line break on the line before (its columns run
    /// past that line's end): such links are found where their destination is written.
    @Test func aLinkInsideATableCellOrAfterALineBreak() throws {
        let text = Self.body("""
            | Thủ tục | Ghi chú |
            |---|---|
            | [một](1️⃣/thu-tuc/9.999999/) | x |

            Dòng đầu\\
            dòng sau [hai](2️⃣/thu-tuc/9.999998/)
            > Trích\\
            > dẫn <3️⃣javascript:x> [ba](4️⃣/thu-tuc/9.999997/)
            """)
        try expect(.unsafeLink, in: text, at: ["3️⃣"])
        try expect(.brokenLink, in: text, at: ["1️⃣", "2️⃣", "4️⃣"])
    }

    @Test func unsafeSchemesHoweverWrittenAreErrorsAtTheirDestination() throws {
        try expect(.unsafeLink, in: Self.body("""
            [a](1️⃣JaVaScRiPt:alert(1)) và <2️⃣javascript:alert(2)> và [b][x]

            [x]: 3️⃣&#106;avascript:alert(3)
            """), at: ["1️⃣", "2️⃣", "3️⃣"])
    }

    @Test func aDefinitionNoLinkUsesRendersNothingAndIsNotChecked() throws {
        let (diagnostics, _) = try check(Self.body("Văn bản.\n\n[thừa]: /thu-tuc/9.999999/"))
        #expect(!diagnostics.contains { $0.problem.code == .brokenLink })
    }

    @Test func sectionsAreParsedAsTheyAreRenderedEachOnItsOwn() throws {
        // A definition in another section resolves nothing on the page: `[khác]` renders as text.
        let (diagnostics, _) = try check(SampleRecord.text(body: """

            ## Trình tự thực hiện

            Xem [khác].

            ## Ghi chú của đơn vị

            [khác]: /thu-tuc/9.999999/
            """))
        #expect(!diagnostics.contains { $0.problem.code == .brokenLink })
    }

    // MARK: - Raw HTML

    @Test func rawHTMLOncePerLineWhereItStarts() throws {
        try expect(.rawHTML, in: Self.body("""
            Xem 1️⃣<b>mẫu</b> và `<i>không tính</i>`.

            2️⃣<div>
            khối
            </div>

               3️⃣<!-- ghi chú -->

                <b>mã thụt lề: không tính</b>
            """), at: ["1️⃣", "2️⃣", "3️⃣"])
    }

    // MARK: - Positions after the front matter, on Vietnamese text, after trimmed lines

    @Test func columnsCountLettersNotBytesAndLinesCountFromTheFile() throws {
        // The section's first line is after blank lines and starts with spaces that `markdown` trims.
        try expect(.brokenLink, in: SampleRecord.text(body: """

            ## Ghi chú của đơn vị


               Đăng ký tạm trú tại xã [xem](1️⃣/thu-tuc/9.999999/) và [nữa](2️⃣/thu-tuc/9.999998/)
            """), at: ["1️⃣", "2️⃣"])
    }

    // MARK: - The build reports what check reports, from the parse that renders

    @Test func buildFindsTheBodysProblemsInItsOwnRenderingAndWritesNothing() throws {
        let input = MarkedText(Self.body("Xem [thủ tục](1️⃣/thu-tuc/9.999999/) và 2️⃣<b>đậm</b>."))
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + input.text)
        defer { site.remove() }
        let (outcome, files) = try SiteBuild(site: site.folder).render()
        #expect(files == nil, "an error found while rendering keeps the site from being written")
        #expect(outcome.diagnostics.map { "\($0.line):\($0.column) \($0.code)" }
                == ["\(input.position("1️⃣").line):\(input.position("1️⃣").column) broken-link",
                    "\(input.position("2️⃣").line):\(input.position("2️⃣").column) raw-html"])
        #expect(outcome.diagnostics == (try SiteBuild(site: site.folder).check()))
        let build = try CommandLineTests().tthc(["build"], in: site.folder)
        #expect(build.status == 1)
        #expect(build.errors.contains("content/thu-tuc/1.001193.md:\(input.position("1️⃣").line):\(input.position("1️⃣").column): lỗi [broken-link]"))
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        // A warning alone builds, and is reported; with --strict it stops the build.
        try site.write("content/thu-tuc/1.001193.md", Self.body("Chữ <b>đậm</b>."))
        #expect(try CommandLineTests().tthc(["build"], in: site.folder).status == 0)
        let strict = try CommandLineTests().tthc(["build", "--strict", "--output", site.url("strict").path], in: site.folder)
        #expect(strict.status == 1)
        #expect(strict.errors.contains("[raw-html]"))
        #expect(!FileManager.default.fileExists(atPath: site.url("strict").path))
    }

    // MARK: - The outline itself

    @Test func theOutlineIsTheRenderersOwn() {
        let markdown = "# Một\n\nXem [a](/x/) và <b>b</b>.\n\nHai\n---\n"
        let rendered = MarkdownRenderer.render(markdown, anchor: { $0 })
        #expect(rendered.outline == MarkdownOutline(markdown))
        #expect(rendered.outline.links.map(\.destination) == ["/x/"])
        #expect(rendered.outline.links.map(\.position) == [.init(line: 3, column: 9)])
        #expect(rendered.outline.headings.map(\.text) == ["Một", "Hai"])
        #expect(rendered.outline.headings.map(\.isUnderlined) == [false, true])
        #expect(rendered.outline.rawHTML.map(\.column) == [17, 21])
    }

    /// Links nested in link texts thousands deep: the destination search has a budget, so this stays linear.
    @Test func nestedImagesDoNotMakeTheSearchQuadratic() {
        let depth = 20_000
        let markdown = String(repeating: "![", count: depth) + "x" + String(repeating: "](/a)", count: depth)
        let start = Date()
        let outline = MarkdownOutline(markdown)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(outline.links.allSatisfy { $0.position.line == 1 })
    }
}
