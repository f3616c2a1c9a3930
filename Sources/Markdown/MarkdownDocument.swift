/// Markdown rendered to safe HTML for a page.
public struct RenderedMarkdown: Sendable, Equatable {
    /// HTML with raw HTML omitted and every heading given an `id` for anchors.
    public var html: String
    /// Each heading's anchor, in document order.
    public var anchors: [String]
    /// What the same parse found: links, raw HTML and headings, where they are written.
    public var outline: MarkdownOutline
}

public enum MarkdownRenderer {
    /// Renders GitHub-flavoured Markdown (tables, autolinks, strikethrough, task lists).
    ///
    /// - Parameters:
    ///   - anchor: turns a heading's text into its `id` (the site's slug rule); repeated ids get `-2`, `-3`…
    ///   - rewriteLink: maps each link and image destination, so that site-absolute links
    ///     still work when the site lives under a sub-path.
    public static func render(
        _ markdown: String,
        anchor: (String) -> String,
        rewriteLink: ((String) -> String)? = nil
    ) -> RenderedMarkdown {
        let output = CommonMark.render(markdown, rewritingLinks: rewriteLink)
        var seen: [String: Int] = [:]
        let anchors = output.outline.headings.map { heading -> String in
            let base = anchor(heading.text)
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
        return RenderedMarkdown(html: addingIDs(anchors, to: output.html), anchors: anchors, outline: output.outline)
    }

    /// cmark writes headings as bare `<hN>` tags and raw HTML is never rendered, so each
    /// literal `<hN>` in the output is one of the document's headings, in order.
    private static func addingIDs(_ anchors: [String], to html: String) -> String {
        guard !anchors.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + anchors.count * 24)
        var rest = Substring(html)
        var index = 0
        while index < anchors.count, let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            if let level = after.first, ("1"..."6").contains(level),
               after.dropFirst().first == ">" {
                result += rest[..<open.upperBound]
                result += "\(level) id=\"\(anchors[index])\">"
                rest = after.dropFirst(2)
                index += 1
            } else {
                result += rest[..<open.upperBound]
                rest = after
            }
        }
        result += rest
        return result
    }
}
