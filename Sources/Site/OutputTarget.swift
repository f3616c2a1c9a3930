import FileSystem
import Foundation
import Records

/// The folder a build will replace, chosen before anything is read or written. A build replaces
/// its output whole, so it may only replace a folder that does not exist yet, an empty one, or its
/// own earlier output (`OutputMarker`); `--force` adds a folder of other files, never the site,
/// a folder tthc reads, a parent of the site or another site. Folders are compared where they
/// really lead (links, `..` and bind mounts seen through), not as spelled. When the output is a
/// symbolic link, the build goes into the folder it points to, and the link stays.
public struct OutputTarget: Sendable {
    public let requested: String
    /// The real folder replaced.
    public let folder: String

    /// What the folder was when checked: nothing, an empty folder, an earlier output, or a folder
    /// of other files that `--force` gave up.
    enum Found: Sendable, Equatable {
        case nothing
        case empty(Files.Identity)
        case earlierOutput(Files.Identity)
        case forced(Files.Identity)

        var identity: Files.Identity? {
            switch self {
            case .nothing: return nil
            case .empty(let identity), .earlierOutput(let identity), .forced(let identity): return identity
            }
        }
    }

    let found: Found
    /// Every file and folder inside, as the check looked through them (an earlier output, or a
    /// forced folder): a build that finds nothing changed compares them with its state instead of
    /// walking the output a second time.
    var contents: [String: FileStamp]?

    /// Checks `requested` (relative to the working folder) as the output of the site `site`.
    public static func check(_ requested: String, site: URL, force: Bool = false) throws -> OutputTarget {
        func refuse(_ folder: String, _ reason: OutputRefusal.Reason) -> OutputRefusal {
            OutputRefusal(requested: requested, folder: folder, reason: reason)
        }
        guard !requested.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw refuse("", .empty) }
        let folder = try RealPath.resolve(requested)
        let siteRoot = try RealPath.resolve(site.path)
        let existing = try deepestExisting(folder)
        // Identities too, so that a bind mount of the site is still the site.
        let targetChain = chain(existing)
        let siteChain = chain(siteRoot)
        if folder == siteRoot || (existing == folder && Files.identity(folder) == siteChain.first) {
            throw refuse(folder, .isTheSite)
        }
        if RealPath.isInside(siteRoot, folder) || (existing == folder && Files.identity(folder).map(siteChain.dropFirst().contains) == true) {
            throw refuse(folder, .containsTheSite(site: siteRoot))
        }
        for source in sourceFolders {
            let real = try RealPath.resolve(siteRoot + "/" + source)
            if RealPath.isWithin(folder, real) || Files.identity(real).map(targetChain.contains) == true {
                throw refuse(folder, .insideSource(source: source))
            }
        }
        // What tthc keeps in the site for something else (the workflow, editor settings, sync's
        // folder…), even with --force: a build replaces its output whole. The built site is the
        // one place of them a build may replace.
        // (A file there is said to be a file, below.)
        if (try? Files.kind(folder)) != .file, let (place, path) = OwnPlaces.claim(folder, site: siteRoot), place != OwnPlaces.builtSite {
            throw refuse(folder, .ownPlace(path: path, place))
        }
        // Another unit's site: none of it (its output neither), unless it holds this site too,
        // and then none of what it reads.
        for other in [existing] + RealPath.ancestors(of: existing) where other != siteRoot && isSite(other) {
            let readByIt = sourceFolders.contains { RealPath.isWithin(folder, other + "/" + $0) }
            if readByIt || !RealPath.isInside(siteRoot, other) { throw refuse(folder, .anotherSite(site: other)) }
        }
        guard existing == folder else { return OutputTarget(requested: requested, folder: folder, found: .nothing) }
        guard try Files.kind(folder) == .folder, let identity = Files.identity(folder) else { throw refuse(folder, .notAFolder) }
        // A build replaces its output by one rename, which the kernel refuses on a mount point
        // (EBUSY, after the whole build): said before building, with the way round it.
        var contents: [String: FileStamp]?
        func accepted(_ found: Found) throws -> OutputTarget {
            let mounts = MountPoints.all()
            if MountPoints.contains(folder, among: mounts) { throw refuse(folder, .mountPoint) }
            if let mounted = MountPoints.inside(folder, among: mounts) { throw refuse(folder, .holdsAMount(mounted)) }
            return OutputTarget(requested: requested, folder: folder, found: found, contents: contents)
        }
        let names = try Files.list(folder).sorted()
        if names.isEmpty { return try accepted(.empty(identity)) }
        if OutputMarker.isMarked(folder, names: names) {
            // A marker is only a file anyone can copy or plant: it never makes home, the working
            // folder, a repository or a folder holding a site replaceable.
            if let why = try protected(folder, names: names, marked: true, contents: &contents) { throw refuse(folder, .protectedThoughMarked(why: why)) }
            return try accepted(.earlierOutput(identity))
        }
        guard force else { throw refuse(folder, .notMadeByTthc(examples: Array(names.prefix(3)))) }
        if let why = try protected(folder, names: names, contents: &contents) { throw refuse(folder, .neverForced(why: why)) }
        return try accepted(.forced(identity))
    }

    /// Again just before the swap: the folder is still the one checked, and still what it was
    /// (absent, empty, an earlier output), so a folder put in its place meanwhile, even one that
    /// got the same inode number, is never replaced.
    func confirm() throws {
        let same: Bool
        if try RealPath.resolve(requested) != folder || Files.identity(folder, followingLinks: false) != found.identity {
            same = false
        } else {
            switch found {
            case .nothing: same = true
            case .empty: same = try Files.list(folder).isEmpty
            case .earlierOutput: same = OutputMarker.isMarked(folder, names: try Files.list(folder))
            case .forced: same = true
            }
        }
        guard same else { throw OutputRefusal(requested: requested, folder: folder, reason: .changedDuringBuild) }
    }

    /// Folders `--force` never replaces, whoever asks: the home and working folders and their
    /// parents, a folder at the root of the system (`/etc`, `/tmp` …), a git repository or a part
    /// of one, and a folder with a site in it (one level down is looked at). A marked folder at the
    /// root (`/out`, which an earlier build made in a container) is tthc's, unless it is one of the
    /// system's own.
    private static func protected(_ folder: String, names: [String], marked: Bool = false,
                                  contents: inout [String: FileStamp]?) throws -> OutputRefusal.Protected? {
        let (parent, name) = Files.split(folder)
        if parent == "/", !marked || systemFolders.contains(name) || name.hasPrefix("lib") { return .systemFolder }
        if names.contains(".git") || folder.split(separator: "/").contains(".git") { return .repository }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty,
           let real = try? RealPath.resolve(home), RealPath.isWithin(real, folder) {
            return .home
        }
        if RealPath.isWithin(try RealPath.currentFolder(), folder) { return .workingFolder }
        for name in names where isSite(folder + "/" + name) { return .holdsASite(folder + "/" + name) }
        // Deeper too (the attack pass: a copied marker over `a/b/<site>` or `x/.git` deleted them):
        // no output of tthc holds these names, so one anywhere inside is someone else's.
        // (By readdir and lstat: FileManager's enumerator took a quarter of a build that had nothing
        // to do at 10,000 procedures.)
        contents = FileTree.stamps(under: folder)
        let foreign = (contents ?? [:]).keys.filter { path in
            path.hasSuffix(".git") || path.hasSuffix(SiteConfiguration.fileName) || path.hasSuffix(ProvinceConfiguration.fileName)
        }.filter { path in
            let last = Files.split(path).name
            return last == ".git" || last == SiteConfiguration.fileName || last == ProvinceConfiguration.fileName
        }
        if let path = foreign.min() {
            let (inside, last) = Files.split(folder + "/" + path)
            return last == ".git" ? .repository : .holdsASite(inside)
        }
        return nil
    }

    /// The folders at the root of a Linux system that hold the system or other people's files.
    static let systemFolders: Set<String> = [
        "bin", "boot", "dev", "etc", "home", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv",
        "sys", "tmp", "usr", "var",
    ]

    /// What a build reads besides its configuration: records, theme, and a province's units.
    static let sourceFolders = ["content", "templates", ProvinceUnit.folder]

    /// A tthc site's folder: it holds `site.yml`, or a province's `tinh.yml`.
    private static func isSite(_ folder: String) -> Bool {
        [SiteConfiguration.fileName, ProvinceConfiguration.fileName].contains { name in
            guard let kind = try? Files.kind(folder + "/" + name) else { return false }
            return kind == .file || kind == .link
        }
    }

    /// The path itself if it exists, else its nearest existing parent.
    private static func deepestExisting(_ path: String) throws -> String {
        var current = path
        while try Files.kind(current) == nil, current != "/" { current = Files.split(current).folder }
        return current
    }

    /// The identities of a folder and of every folder above it.
    private static func chain(_ path: String) -> [Files.Identity] {
        ([path] + RealPath.ancestors(of: path)).compactMap { Files.identity($0) }
    }
}
