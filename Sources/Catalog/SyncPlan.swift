import FileSystem
import Records

/// What a sync would do to a site, computed without writing anything: `--dry-run` prints it,
/// `--check` judges it, a normal run applies it.
public struct SyncPlan: Sendable {
    /// A file to replace, with its old content for the diff (nil for a new file, and unless the
    /// sync keeps old texts for `--dry-run`) and its new content when the plan keeps it (otherwise
    /// it is already written to the staging folder, or not needed, as for `--check`).
    public struct FileWrite: Sendable {
        public var path: String
        public var old: String?
        public var new: String?
    }

    /// Fields changed here and also in the catalog, differently, or a file that differs from the
    /// catalog with no merge base to tell who changed what: the file is left alone until the unit
    /// says which version to keep (`CatalogSync.resolutions`).
    public struct Conflict: Sendable {
        public var path: String
        public var code: String
        /// Where the merge base (the national part as last imported) is kept.
        public var basePath: String
        public struct Field: Sendable {
            /// A top-level key, or a national section as `## Title`.
            public var key: String
            /// The line of the record file the field is written on; nil when the file lacks it.
            public var line: Int?
            /// Each version as a record writes it (`key: value` lines, or the section); nil where
            /// that version has no such field, or no merge base could be read.
            public var local: String?
            public var base: String?
            public var catalog: String?
        }
        public var fields: [Field]
        /// No merge base could say which side changed: a local edit is assumed, never overwritten.
        public var withoutBase = false
    }

    /// A conflict settled as the unit asked: `fields` took the unit's or the catalog's version.
    public struct Resolved: Sendable {
        public var path: String
        public var resolution: CatalogSync.Resolution
        public var fields: [String]
    }

    /// A merge base that is there but cannot be read (a folder, a pipe, a link out of the site,
    /// not UTF-8): nothing is written for its code, and the base is not replaced blindly.
    public struct UnreadableBase: Sendable {
        public var code: String
        public var path: String
        public var problem: Problem
    }

    public struct Blocked: Sendable {
        public var path: String
        public var diagnostics: [Diagnostic]
    }

    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var abolished: [String] = []
    /// National fields deliberately edited here while the catalog kept them: kept, reported, not failed.
    public var overrides: [String] = []
    public var conflicts: [Conflict] = []
    public var resolved: [Resolved] = []
    /// Per record kept with a local override, the fields that keep the unit's version.
    public var overriddenFields: [String: [String]] = [:]
    /// Codes the unit asked to settle that had no conflict to settle.
    public var unusedResolutions: [String] = []
    public var failures: [MappingFailure] = []
    public var blocked: [Blocked] = []
    public var unreadableBases: [UnreadableBase] = []
    /// Records the unit deleted (their merge base is there, the file is gone) that the catalog
    /// still has: left deleted, reported with how to stop publishing them or bring them back.
    public var deleted: [String] = []
    /// Of those, a record whose file is there under a name tthc does not read (`1.001193.MD`,
    /// `.md.txt`): the path sync expected, and the file's name.
    public var misnamed: [String: String] = [:]
    /// Records brought back on request (`tthc new CODE --catalog`) after the unit deleted them.
    public var restored: [String] = []
    /// Records whose `nguon` says they are the unit's own: never synchronized.
    public var localRecords: [String] = []
    /// Codes that appear more than once in the export (the most recently updated is used).
    public var duplicates: [String] = []
    public var notSelected = 0
    /// Records the catalog still has but the selection no longer takes (`CatalogSync+Selection.swift`).
    public var outsideSelection: [OutsideSelection] = []
    /// Entries met exactly as they were last synchronized, over untouched files: known unchanged
    /// without being parsed (`SyncedFiles`).
    public var entriesKnown = 0
    /// Records published from the catalog before this sync, for the abolition safety limit.
    public var publishedBefore = 0
    /// The position of an entry that is not JSON at all: the export is damaged and nothing is planned.
    public var unreadableEntry: Int?
    /// The records folder or the change log could not be read: nothing is planned from a site
    /// half seen, and nothing is applied.
    public var unreadableSite: FileError?

    /// New fingerprints of record files whose national part equals the base after this sync (and,
    /// for those the catalog's entry gave, that entry's key and the base's hash).
    public var fingerprints: [String: SyncedFiles.Line] = [:]

    /// Record files, merge bases and the change log, in path order.
    public var writes: [FileWrite] = []
    /// Each record file's fingerprint as planning read it, by path: a record is written only over
    /// the same bytes (or where there was none), never over an edit saved while sync ran.
    public var readAs: [String: String] = [:]
    public var log: [ChangeLog.Entry] = []

    /// Adds what one record's merge planned (plans are built per record in parallel).
    mutating func absorb(_ other: SyncPlan) {
        created += other.created
        restored += other.restored
        deleted += other.deleted
        failures += other.failures
        unreadableBases += other.unreadableBases
        updated += other.updated
        unchanged += other.unchanged
        abolished += other.abolished
        overrides += other.overrides
        conflicts += other.conflicts
        resolved += other.resolved
        overriddenFields.merge(other.overriddenFields) { $1 }
        blocked += other.blocked
        localRecords += other.localRecords
        writes += other.writes
        log += other.log
        fingerprints.merge(other.fingerprints) { $1 }
    }

    /// More than half of the published records would be abolished at once: most likely a
    /// truncated or wrong export.
    public var abolishesTooMany: Bool {
        publishedBefore > 0 && abolished.count * 2 > publishedBefore
    }

    /// `--check` fails when the site has drifted from the catalog or cannot follow it.
    public var hasDrift: Bool {
        writes.contains { $0.path != SyncedFiles.path } || !conflicts.isEmpty
    }

    /// Exit status 1: something the unit must look at.
    public var needsAttention: Bool {
        !conflicts.isEmpty || !failures.isEmpty || !blocked.isEmpty || !unreadableBases.isEmpty || !deleted.isEmpty
    }
}
