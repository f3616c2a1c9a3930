import Records

/// One record checked as `tthc check` checks it inside a site, without the site: the record's own
/// diagnostics and those only cmark's reading of its body gives (raw HTML, headings, unsafe links;
/// broken links and anchors too when the site's addresses are known). The browser editor runs it
/// on the record a form would write, so that a field says what `tthc check` would say.
public enum BodyCheck {
    /// `urls`: the addresses of the site's pages (`SitePreview.urls`); nil when there is no build
    /// to ask, and then links into the site are not checked (unsafe ones still are).
    public static func diagnostics(of record: Record, urls: Set<String>?) -> [Diagnostic] {
        let outline = RecordOutline(parsing: record)
        var found = record.diagnostics + outline.diagnostics
        // As in a build: a steps heading written wrong is an error at its line, not also "missing".
        if outline.meantSteps { found.removeAll { $0.problem == .missingSteps } }
        let links = LinkCheck.problems(in: [outline], urls: urls ?? [])
        found += urls == nil ? links.filter { $0.problem.code == .unsafeLink } : links
        return found.sortedForReport()
    }
}
