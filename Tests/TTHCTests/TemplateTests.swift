@testable import Site
import Testing

/// tthc's Mustache: what a unit writing its own theme relies on, case by case from the Mustache
/// specification (interpolation, sections, inverted, partials, inheritance, delimiters, standalone lines).
@Suite struct TemplateTests {
    func render(_ text: String, _ context: TemplateValue = [:], partials: [String: String] = [:]) throws -> String {
        var library = try partials.mapValues { try Template($0) }
        library["page"] = try Template(text)
        var rendering = TemplateRendering(library: library, context: context)
        rendering.render(library["page"]?.nodes ?? [])
        return String(decoding: rendering.output, as: UTF8.self)
    }

    @Test func valuesAreEscapedUnlessTheTagSaysNot() throws {
        let context: TemplateValue = ["x": "<a href=\"?a=1&b='2'\">"]
        #expect(try render("{{x}}", context) == "&lt;a href=&quot;?a=1&amp;b=&#39;2&#39;&quot;&gt;")
        #expect(try render("{{{x}}}|{{& x}}", context) == "<a href=\"?a=1&b='2'\">|<a href=\"?a=1&b='2'\">")
    }

    @Test func aQuoteFollowedByACombiningMarkIsStillEscaped() throws {
        let quoteWithMark = "\"\u{301} onmouseover=x"
        #expect(try render("<a title=\"{{x}}\">", ["x": .text(quoteWithMark)]) == "<a title=\"&quot;\u{301} onmouseover=x\">")
    }

    @Test func namesAreFoundInsideOutAndDottedNamesOnlyInside() throws {
        let context: TemplateValue = ["unit": ["name": "Xã A"], "name": "ngoài", "items": [["code": "1"], ["code": "2", "name": "trong"]]]
        #expect(try render("{{unit.name}}; {{#items}}{{code}}={{name}} {{/items}}", context) == "Xã A; 1=ngoài 2=trong ")
        #expect(try render("[{{missing}}][{{unit.missing}}][{{items.name}}]", context) == "[][][]")
    }

    @Test func nothingUnderANameIsLookedUpOutside() throws {
        let context: TemplateValue = ["note": "ngoài", "item": ["note": nil, "name": "A"]]
        #expect(try render("{{#item}}{{name}}: {{note}}{{/item}}", context) == "A: ngoài")
    }

    @Test func sectionsShowListsValuesAndFlags() throws {
        let context: TemplateValue = ["list": ["a", "b"], "empty": [], "yes": true, "no": false, "text": "", "object": ["k": "v"]]
        #expect(try render("{{#list}}<{{.}}>{{/list}}", context) == "<a><b>")
        #expect(try render("{{#empty}}x{{/empty}}{{#no}}x{{/no}}{{#missing}}x{{/missing}}", context) == "")
        #expect(try render("{{#yes}}y{{/yes}}{{#text}}t{{/text}}{{#object}}{{k}}{{/object}}", context) == "ytv")
        #expect(try render("{{^empty}}1{{/empty}}{{^no}}2{{/no}}{{^missing}}3{{/missing}}{{^list}}4{{/list}}{{^yes}}5{{/yes}}", context) == "123")
    }

    @Test func aTagAloneOnItsLineTakesTheLineWithIt() throws {
        let text = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n{{! a comment }}\n</ul>\r\n{{#items}}\r\n{{.}}\r\n{{/items}}\r\n"
        #expect(try render(text, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\r\na\r\nb\r\n")
        // Two tags on a line, or a tag beside text, are not alone: the line stays.
        #expect(try render("a {{#t}}b{{/t}}\nc", ["t": true]) == "a b\nc")
        #expect(try render("{{#t}}{{/t}}\nc", ["t": true]) == "\nc")
    }

    @Test func aStandalonePartialIsIndentedLikeItsTag() throws {
        let text = "<div>\n  {{> row}}\n</div>"
        #expect(try render(text, ["v": "x"], partials: ["row": "<p>\n{{v}}\n</p>\n"]) == "<div>\n  <p>\n  x\n  </p>\n</div>")
        #expect(try render("[{{>missing}}]") == "[]")
    }

    @Test func aChildTemplateOverridesItsParentsBlocks() throws {
        let partials = ["base": "<title>{{$title}}Mặc định{{/title}}</title>\n<main>{{$main}}{{/main}}</main>"]
        let text = "{{<base}}\n{{$main}}\n<h1>{{name}}</h1>\n{{/main}}\nnot shown\n{{/base}}\n"
        #expect(try render(text, ["name": "A"], partials: partials) == "<title>Mặc định</title>\n<main><h1>A</h1>\n</main>")
    }

    @Test func theOutermostOverrideWinsThroughSeveralParents() throws {
        let partials = ["grandparent": "{{$a}}G{{/a}}{{$b}}g{{/b}}", "parent": "{{<grandparent}}{{$a}}P{{/a}}{{$b}}p{{/b}}{{/grandparent}}"]
        #expect(try render("{{<parent}}{{$a}}C{{/a}}{{/parent}}", partials: partials) == "Cp")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", ["x": "1"]) == "1 {{x}} 1")
    }

    @Test func aBrokenTemplateSaysWhereAndWhat() throws {
        #expect(throws: Template.SyntaxError(line: 2, column: 1, message: "thẻ {{items}} chưa có thẻ đóng {{/items}}", english: "the tag {{items}} is never closed by {{/items}}")) {
            try Template("<ul>\n{{#items}}\n<li>")
        }
        #expect(throws: Template.SyntaxError(line: 3, column: 1, message: "thẻ đóng {{/b}} không khớp thẻ mở {{a}} ở dòng 1", english: "the closing tag {{/b}} does not match the tag {{a}} opened on line 1")) {
            try Template("{{#a}}\n\n{{/b}}")
        }
        #expect(throws: Template.SyntaxError(line: 1, column: 3, message: "thẻ mở {{ chưa được đóng", english: "the tag opened by {{ is never closed")) { try Template("x {{name") }
        #expect(throws: Template.SyntaxError(line: 2, column: 1, message: "thẻ {{uppercase(name)}} dùng cú pháp ngoài chuẩn Mustache (hàm biến đổi hoặc partial động), tthc không hỗ trợ", english: "the tag {{uppercase(name)}} is not standard Mustache (a transform or a dynamic partial): tthc does not support it")) {
            try Template("<h1>\n{{uppercase(name)}}</h1>")
        }
    }

    @Test func aPartialThatIncludesItselfStops() throws {
        let output = try render("{{>loop}}", partials: ["loop": "x{{>loop}}"])
        #expect(output == String(repeating: "x", count: TemplateRendering.maximumDepth))
    }
}
