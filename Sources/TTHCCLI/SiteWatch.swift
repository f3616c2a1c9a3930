import Editor
import FileSystem
import Foundation

/// Notices saves in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too): inotify where the system has it (no cost while nobody saves), otherwise by
/// polling modification times.
final class SiteWatch: @unchecked Sendable {
    private let site: URL
    private let watch: FolderWatch?
    private var state: InputStamps
    static let watched = InputStamps.watched

    init(site: URL) {
        self.site = site
        let root = site.path
        // Sync's bookkeeping is watched too (its change log, fingerprints and reports change the
        // pages: a `git pull` may bring only them), but not its thousands of merge bases, which a
        // sync writes with the records and the fingerprints.
        watch = FolderWatch(trees: [root + "/content", root + "/templates", root + "/don-vi"],
                            folders: [root: Set(Self.watched)],
                            skip: { InputStamps.skips($0) })
        state = InputStamps(site: site)
    }

    /// True when the kernel tells of changes; false when this polls.
    var isNotified: Bool { watch != nil }

    /// Blocks until a file is added, removed or saved.
    func waitForChange() {
        if let watch, watch.waitForChange() { return }
        state = Self.waitForChange(after: state, in: site)
    }

    /// Only where inotify cannot be had: half a second between looks (a tenth of a second cost
    /// 65 % of a core on 2,840 files).
    static let interval: TimeInterval = 0.5

    static func waitForChange(after state: InputStamps, in site: URL) -> InputStamps {
        while true {
            Thread.sleep(forTimeInterval: interval)
            let now = InputStamps(site: site)
            if now != state { return now }
        }
    }
}
