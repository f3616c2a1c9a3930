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
        var headings: [String]
    }

    static func render(_ markdown: String, rewritingLinks rewrite: ((String) -> String)?) -> Output {
        lock.lock()
        defer { lock.unlock() }
        if !registered {
            cmark_gfm_core_extensions_ensure_registered()
            registered = true
        }

        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return Output(html: "", headings: []) }
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
        guard let document = cmark_parser_finish(parser) else { return Output(html: "", headings: []) }
        defer { cmark_node_free(document) }

        let headings = walk(document, rewrite: rewrite)

        // Passing the parser's extensions is what makes tagfilter and task lists render
        // (with NULL their HTML hooks are skipped: PITFALLS.md).
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(document, options, extensions) else {
            return Output(html: "", headings: headings)
        }
        defer { free(rendered) }
        return Output(html: String(cString: rendered), headings: headings)
    }

    /// Rewrites link and image destinations, and collects heading texts in document order.
    private static func walk(_ document: OpaquePointer, rewrite: ((String) -> String)?) -> [String] {
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var headings: [String] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                headings.append(plainText(of: node))
            } else if let rewrite, type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                      let url = cmark_node_get_url(node) {
                let rewritten = rewrite(String(cString: url))
                _ = cmark_node_set_url(node, rewritten)
            }
        }
        return headings
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
