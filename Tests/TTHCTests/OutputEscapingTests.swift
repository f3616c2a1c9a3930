import Escaping
import Foundation
import Records
import Testing

/// Issue 14, point 5: each output language has one escaping function, and every value, whatever
/// it holds, comes out of it as text of that language (never markup, never a second line, never a
/// terminal's command). Five or more payloads per language, as an attacker or a careless clerk
/// would try them.
@Suite struct OutputEscapingTests {
    static let payloads = [
        "<script>window.__tthcPwned=1</script>",
        "\" onmouseover=\"x",
        "\"\u{301} autofocus onfocus=\"x",   // a quote and a combining mark: one grapheme
        "' onload='x",
        "</updated><script xmlns=\"http://www.w3.org/1999/xhtml\">x</script>",
        "]]><x/>",
        "a & b &amp; &#60;",
        "\u{1B}[31mđỏ\u{1B}[0m",
        "dòng\r\nhai\u{2028}ba\u{2029}",
        "\u{85}\u{9B}2J\u{7F}\u{0}",
        "\u{202E}cba\u{2066}x\u{2069}",
        // Noncharacters (a Swift literal cannot hold them).
        String(String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0].compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?))),
        "Thủ tục đăng ký khai sinh",
    ]

    /// What a value may hold and a document may not: replaced, never written.
    static func withoutDisallowed(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let control = (value < 0x20 || (0x7F...0x9F).contains(value)) && !kept.contains(scalar)
            let nonCharacter = value == 0xFFFE || value == 0xFFFF || (0xFDD0...0xFDEF).contains(value)
            out.append(control || nonCharacter ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    @Test(arguments: payloads) func htmlTextAndAttributesHoldNoMarkup(payload: String) {
        let escaped = HTML.escape(payload)
        #expect(!escaped.utf8.contains { [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains($0) })
        #expect(!escaped.unicodeScalars.contains { ($0.value < 0x20 && !"\t\n\u{C}\r".unicodeScalars.contains($0)) || (0x7F...0x9F).contains($0.value) })
        // Read back by an XML parser (XHTML's rules): the text and the attribute are the value.
        let document = "<p title=\"\(escaped)\">\(escaped)</p>"
        let parsed = ParsedXML(Data(document.utf8))
        if !payload.contains("\u{C}") {
            #expect(parsed?.elements.first?.text == Self.withoutDisallowed(payload, keeping: ["\t", "\n", "\u{C}", "\r"])
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
    }

    @Test(arguments: payloads) func xmlTextAndAttributesReadBackAsTheValue(payload: String) throws {
        let escaped = XML.escape(payload)
        let parsed = try #require(ParsedXML(Data("<a t=\"\(escaped)\">\(escaped)</a>".utf8)), "\(escaped)")
        let element = try #require(parsed.elements.first)
        #expect(parsed.elements.count == 1)
        #expect(element.text == Self.withoutDisallowed(payload, keeping: ["\t", "\n", "\r"]))
        // In an attribute, a parser turns tab and line feed into spaces (XML's normalization).
        #expect(element.attributes["t"] == Self.withoutDisallowed(payload, keeping: ["\t", "\n", "\r"])
            .replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    @Test func theXMLWriterPutsValuesOnlyInsideTheirElements() throws {
        var xml = XMLWriter()
        xml.open("feed", ["xmlns": "http://www.w3.org/2005/Atom"])
        for payload in Self.payloads { xml.element("title", payload) }
        xml.empty("link", ["href": Self.payloads[1]])
        xml.close("feed")
        let parsed = try #require(ParsedXML(Data(xml.bytes)))
        #expect(parsed.elements.map(\.name) == ["feed"] + Array(repeating: "title", count: Self.payloads.count) + ["link"])
        #expect(parsed.elements.allSatisfy { $0.namespace == "http://www.w3.org/2005/Atom" })
        #expect(parsed.texts("title") == Self.payloads.map { Self.withoutDisallowed($0, keeping: ["\t", "\n", "\r"]) })
    }

    @Test(arguments: payloads) func jsonStringsReadBackAndHoldNothingHarmful(payload: String) throws {
        for inScript in [false, true] {
            let quoted = JSONText.quoted(payload, inScript: inScript)
            let read = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(read == [payload])
            #expect(!quoted.contains("<"))
            if inScript { #expect(!quoted.contains(">") && !quoted.contains("&")) }
            #expect(!quoted.unicodeScalars.contains { TerminalTextTests.mustBeEscaped($0) })
        }
    }

    /// JSON has no NaN or infinity; no valid record holds one, and none can make a file unreadable.
    @Test func aNumberJSONCannotHoldIsNull() {
        #expect(Value.list([.number(.nan), .number(.infinity), .number(-.infinity), .number(0.5)]).json() == "[null,null,null,0.5]")
    }

    @Test(arguments: [
        ("javascript:alert(1)", nil), ("JaVaScRiPt:alert(1)", nil), ("vbscript:msgbox", nil),
        ("data:text/html,<script>x</script>", nil), ("file:///etc/passwd", nil),
        ("java\nscript:alert(1)", "java%0Ascript:alert(1)"), ("java\tscript:x", "java%09script:x"),
        ("\u{1}javascript:x", "%01javascript:x"), (" javascript:x", "%20javascript:x"),
        ("https://x.invalid/\" onmouseover=\"x", "https://x.invalid/%22%20onmouseover=%22x"),
        ("https://x.invalid/a'b<c>d\\e`f", "https://x.invalid/a%27b%3Cc%3Ed%5Ce%60f"),
        ("https://x.invalid/\u{202E}gpj.exe", "https://x.invalid/%E2%80%AEgpj.exe"),
        ("HTTPS://dichvucong.gov.vn/p?ma=1.001193&x=1", "HTTPS://dichvucong.gov.vn/p?ma=1.001193&x=1"),
        ("../../thu-tuc/1.001193/", "../../thu-tuc/1.001193/"), ("#buoc-1", "#buoc-1"),
    ] as [(String, String?)])
    func anAddressInAnAttributeIsHTTPOrRelative(url: String, expected: String?) {
        #expect(HTML.address(url) == expected)
    }

    @Test(arguments: [
        "https://x.invalid/\nDisallow: /", "https://x.invalid/\r\nUser-agent: evil", "https://x.invalid/ # comment",
        "https://x.invalid/\u{2028}Disallow: /", "https://x.invalid/đường-dẫn/", "https://x.invalid/\u{85}Allow: /admin",
    ])
    func aRobotsValueStaysOnItsLine(value: String) {
        var robots = RobotsTxt()
        robots.directive("Sitemap", value)
        let lines = robots.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(robots.text)")
        #expect(lines[0].hasPrefix("Sitemap: https://x.invalid/"))
        #expect(lines[0].unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F || $0 == " " })
        #expect(!lines[0].dropFirst("Sitemap: ".count).contains(" ") && !lines[0].contains("#"))
        #expect(lines[0].removingPercentEncoding == "Sitemap: " + value)
    }
}

/// Text from outside on a terminal or in a CI log (`TerminalText`).
@Suite struct TerminalTextTests {
    /// What must never reach a terminal raw: C0 (but tab), DEL, C1, the line and paragraph
    /// separators, the bidirectional controls.
    static func mustBeEscaped(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || value == 0x061C || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    @Test(arguments: [
        ("\u{1B}[2J\u{1B}]0;title\u{7}", #"\u{1B}[2J\u{1B}]0;title\u{7}"#),
        ("tên\rGHI ĐÈ", #"tên\u{D}GHI ĐÈ"#),
        ("a\n::error file=x::y", #"a\u{A}::error file=x::y"#),
        ("::add-mask::secret", #"\u{3A}:add-mask::secret"#),
        ("  ::stop-commands::tok", #"  \u{3A}:stop-commands::tok"#),
        ("\u{A0}\t::warning::x", "\u{A0}\t" + #"\u{3A}:warning::x"#),
        ("\n::error::x", #"\u{A}\u{3A}:error::x"#),
        ("\u{9B}31m\u{85}\u{7F}", #"\u{9B}31m\u{85}\u{7F}"#),
        ("Phí \u{202E}000.05\u{202C} đồng", #"Phí \u{202E}000.05\u{202C} đồng"#),
        ("k\u{200E}ý \u{2066}x\u{2069} \u{61C}", #"k\u{200E}ý \u{2066}x\u{2069} \u{61C}"#),
        ("dòng\u{2028}hai\u{2029}", #"dòng\u{2028}hai\u{2029}"#),
        ("Thủ tục: a::b\tc", "Thủ tục: a::b\tc"),
    ])
    func controlsAreShownNotObeyed(text: String, shown: String) {
        #expect(TerminalText.escape(text) == shown)
        #expect(!TerminalText.escape(text).unicodeScalars.contains(where: Self.mustBeEscaped))
        #expect(TerminalText.shownScalars(text).joined() == shown)
    }

    @Test func aReportKeepsItsOwnLinesAndEscapesTheRest() {
        let report = "tthc: a\n::error file=a.md,line=1::ok\u{1B}[2J\r\u{202E}\n"
        #expect(TerminalText.report(report) == "tthc: a\n::error file=a.md,line=1::ok\\u{1B}[2J\\u{D}\\u{202E}\n")
        #expect(TerminalText.escapeLines(" ::error::x\n\u{1B}") == " \\u{3A}:error::x\n\\u{1B}")
    }
}
