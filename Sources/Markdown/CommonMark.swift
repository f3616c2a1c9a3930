import CCmarkGFM
import Foundation

/// The only code in tthc that calls cmark-gfm. Every C object created here is freed here.
///
/// Raw HTML is never rendered (no `CMARK_OPT_UNSAFE`: it becomes `<!-- raw HTML omitted -->`,
/// and dangerous link schemes such as `javascript:` are dropped by cmark's safe mode).
enum CommonMark {
    /// cmark-gfm's extensions register themselves in process-wide tables when a parser is
    /// created and freed, and are not thread-safe (PITFALLS.md). Until a proven parallel
    /// strategy exists, every call into cmark is serialized by this lock.
    private static let lock = NSLock()

    nonisolated(unsafe) private static var registered = false

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    struct Output {
        var html: String
        var outline: MarkdownOutline
    }

    static func render(_ markdown: String, rewritingLinks rewrite: ((String) -> String)?) -> Output {
        parse(markdown, html: true, rewritingLinks: rewrite)
    }

    /// The outline alone: the same parse and walk, without writing HTML.
    static func outline(_ markdown: String) -> MarkdownOutline {
        parse(markdown, html: false, rewritingLinks: nil).outline
    }

    private static func parse(_ markdown: String, html: Bool, rewritingLinks rewrite: ((String) -> String)?) -> Output {
        lock.lock()
        defer { lock.unlock() }
        if !registered {
            cmark_gfm_core_extensions_ensure_registered()
            registered = true
        }

        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return Output(html: "", outline: MarkdownOutline()) }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }

        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return Output(html: "", outline: MarkdownOutline()) }
        defer { cmark_node_free(document) }

        var builder = OutlineBuilder(bytes: bytes)
        walk(document, into: &builder, rewrite: rewrite)
        guard html else { return Output(html: "", outline: builder.outline) }

        // Passing the parser's extensions is what makes tagfilter and task lists render
        // (with NULL their HTML hooks are skipped: PITFALLS.md).
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(document, options, extensions) else {
            return Output(html: "", outline: builder.outline)
        }
        defer { free(rendered) }
        return Output(html: String(cString: rendered), outline: builder.outline)
    }

    /// Hands the builder every link, image, heading and piece of raw HTML in document order (with
    /// cmark's positions: lines, and columns in bytes), and rewrites link and image destinations.
    private static func walk(_ document: OpaquePointer, into builder: inout OutlineBuilder, rewrite: ((String) -> String)?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            if type == CMARK_NODE_HEADING {
                builder.heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node), line: line, byteColumn: column)
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                let destination = String(cString: url)
                var firstText: (literal: String, line: Int, byteColumn: Int)?
                if let child = cmark_node_first_child(node), cmark_node_get_type(child) == CMARK_NODE_TEXT,
                   let literal = cmark_node_get_literal(child) {
                    firstText = (String(cString: literal), Int(cmark_node_get_start_line(child)), Int(cmark_node_get_start_column(child)))
                }
                builder.link(destination: destination, line: line, byteColumn: column, firstText: firstText)
                if let rewrite { _ = cmark_node_set_url(node, rewrite(destination)) }
            } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                builder.rawHTML(line: line, byteColumn: column)
            }
            builder.saw(line: line, byteColumn: column)
        }
    }

    /// The text of a node's descendants, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
