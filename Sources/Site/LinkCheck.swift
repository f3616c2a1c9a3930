import Foundation
import Markdown
import Records

/// Links written in records that lead nowhere on the built site, reported where the destination
/// is written. The links are cmark-gfm's own (`RecordOutline`): what renders as a link is checked.
enum LinkCheck {
    static func problems(in records: [RecordOutline], urls: Set<String>) -> [Diagnostic] {
        records.flatMap { record -> [Diagnostic] in
            let page = record.code.map { "thu-tuc/\($0)/" } ?? "thu-tuc/"
            return record.links.compactMap { link in
                if isWebAddress(link.target) { return nil }
                if let scheme = unsafeScheme(link.target) {
                    return Diagnostic(file: record.path, line: link.line, column: link.column, problem: .unsafeLink(link.target, scheme: scheme))
                }
                guard let path = resolve(link.target, from: page), !answers(path, urls) else { return nil }
                let suggestion = urls.filter { $0.hasPrefix("thu-tuc/") }
                    .min { Suggestion.editDistance(path, $0) < Suggestion.editDistance(path, $1) }
                    .flatMap { Suggestion.editDistance(path, $0) <= 3 ? "/" + $0 : nil }
                return Diagnostic(file: record.path, line: link.line, column: link.column,
                                  problem: .brokenLink(link.target, suggestion: suggestion))
            }
        }
    }

    /// Links whose `#anchor` names no element of the page they lead to. `ids(page)` gives the ids
    /// of a page (rendered only for the few pages such links point at), nil for a page that
    /// does not exist (already reported as a broken link).
    static func anchorProblems(in records: [RecordOutline], ids: (String) -> Set<String>?) -> [Diagnostic] {
        var cache: [String: Set<String>?] = [:]
        return records.flatMap { record -> [Diagnostic] in
            let page = record.code.map { "thu-tuc/\($0)/" } ?? "thu-tuc/"
            return record.links.compactMap { link in
                guard let hash = link.target.firstIndex(of: "#") else { return nil }
                let fragment = String(link.target[link.target.index(after: hash)...])
                let raw = fragment.removingPercentEncoding ?? fragment
                guard !raw.isEmpty else { return nil }
                let target = link.target.hasPrefix("#") ? page : resolve(link.target, from: page).map { $0.hasSuffix("index.html") ? String($0.dropLast(10)) : $0 }
                guard let target else { return nil }
                let key = target.isEmpty || target.hasSuffix("/") || target.hasSuffix(".html") ? target : target + "/"
                if cache[key] == nil { cache[key] = .some(ids(key)) }
                guard let known = cache[key] ?? nil, !known.contains(raw) else { return nil }
                let suggestion = known.min { Suggestion.editDistance(raw, $0) < Suggestion.editDistance(raw, $1) }
                    .flatMap { Suggestion.editDistance(raw, $0) <= 3 ? "#" + $0 : nil }
                return Diagnostic(file: record.path, line: link.line, column: link.column,
                                  problem: .brokenAnchor(link.target, suggestion: suggestion))
            }
        }
    }

    /// An address of another site, spelt plainly (`https://…`, and what the autolink extension
    /// makes of `www.…` and e-mail addresses): it runs nothing and is not this site's to check.
    /// Said first, cheaply: a page can hold tens of thousands.
    static func isWebAddress(_ target: String) -> Bool {
        (target.hasPrefix("https://") || target.hasPrefix("http://") || target.hasPrefix("mailto:"))
            && !target.utf8.contains { $0 == UInt8(ascii: "&") || $0 < 0x21 }
    }

    /// `javascript:`, `vbscript:`, `data:` and `file:` addresses, however they are spelled
    /// (`&#106;avascript:`, `JaVaScRiPt:`): the renderer drops them, and staff should know why.
    static func unsafeScheme(_ target: String) -> String? {
        if let scheme = ExecutableHTML.runnableScheme(target) { return scheme }
        return ExecutableHTML.plainAddress(target).hasPrefix("file:") ? "file:" : nil
    }

    /// The site path a link points to, or nil for links that leave the site or stay on the page.
    static func resolve(_ target: String, from page: String) -> String? {
        if target.hasPrefix("#") || target.hasPrefix("//") { return nil }
        if Syntax.hasScheme(target) { return nil }
        var path = target
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        if path.isEmpty { return nil }
        let absolute = path.hasPrefix("/") ? String(path.dropFirst()) : page + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return "../" }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }

    private static func answers(_ path: String, _ urls: Set<String>) -> Bool {
        var path = path
        if path.hasSuffix("index.html") { path.removeLast("index.html".count) }
        return urls.contains(path) || urls.contains(path + "/")
    }
}

