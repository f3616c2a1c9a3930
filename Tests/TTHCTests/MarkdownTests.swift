import Markdown
import Site
import Testing

@Suite struct MarkdownTests {
    func html(_ markdown: String, rewrite: ((String) -> String)? = nil) -> String {
        MarkdownRenderer.render(markdown, anchor: Slug.make, rewriteLink: rewrite).html
    }

    @Test func rawHTMLAndScriptLinksAreNeverRendered() {
        let output = html("Xin <script>alert(1)</script> chào\n\n<div onclick=x>khối</div>\n\n[bấm](javascript:alert(1))")
        #expect(!output.contains("<script"))
        #expect(!output.contains("<div"))
        #expect(!output.contains("javascript:"))
        #expect(output.contains("raw HTML omitted"))
    }

    @Test func gitHubExtensionsAreOn() {
        let output = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ https://dichvucong.gov.vn\n\n- [x] xong")
        #expect(output.contains("<table>"))
        #expect(output.contains("<del>cũ</del>"))
        #expect(output.contains("<a href=\"https://dichvucong.gov.vn\">"))
        #expect(output.contains("type=\"checkbox\""))
    }

    @Test func headingsGetVietnameseAnchorsAndLinksAreRewritten() {
        let output = html("## Đăng ký\n\n## Đăng ký\n\n[khai sinh](/thu-tuc/1.001193/) [ngoài](https://a.vn)") {
            $0.hasPrefix("/") ? "../../" + $0.dropFirst() : $0
        }
        #expect(output.contains("<h2 id=\"dang-ky\">Đăng ký</h2>"))
        #expect(output.contains("<h2 id=\"dang-ky-2\">Đăng ký</h2>"))
        #expect(output.contains("href=\"../../thu-tuc/1.001193/\""))
        #expect(output.contains("href=\"https://a.vn\""))
    }

    /// The catalog's plain text must render as the same text: no lists, emphasis or code blocks.
    @Test func plainTextRendersAsTheSameText() {
        let plain = """
            - Nếu nộp trực tiếp: *bản chính* và bản_sao_1
                Thụt lề bốn dấu cách
            1. Bước một
            # Không phải tiêu đề
            > Không phải trích dẫn
            + Cộng [1] <b>đậm</b> `mã` ~~gạch~~ a|b &amp;
            """
        let output = html(PlainTextMarkdown.markdown(fromPlainText: plain))
        for tag in ["<li", "<em", "<strong", "<pre", "<code", "<h1", "<blockquote", "<del", "<ol", "<ul", "raw HTML"] {
            #expect(!output.contains(tag), "\(tag) in \(output)")
        }
        let expected = [
            "<p>- Nếu nộp trực tiếp: *bản chính* và bản_sao_1</p>",
            "<p>Thụt lề bốn dấu cách</p>",
            "<p>1. Bước một</p>",
            "<p># Không phải tiêu đề</p>",
            "<p>&gt; Không phải trích dẫn</p>",
            "<p>+ Cộng [1] &lt;b&gt;đậm&lt;/b&gt; `mã` ~~gạch~~ a|b &amp;amp;</p>",
        ]
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }
}
