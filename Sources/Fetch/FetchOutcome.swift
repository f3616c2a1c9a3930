import FileSystem
import Records

/// What a fetch did, for the report and the exit status: 0 written and complete, 1 written with
/// some details failed (named), 2 stopped or refused with nothing replaced.
public struct FetchOutcome: Sendable {
    public enum Ending: Sendable, Equatable {
        /// The export was replaced (or was already equal).
        case written
        /// The portal refused, or could not be reached: no request after that, nothing replaced.
        case halted(PortalClient.Halt)
        /// The list could not be read to its end.
        case listingFailed(String, page: Int)
        /// The unit's list of online services (`ma_don_vi`) could not be read to its end.
        case unitServicesFailed(String, page: Int)
        /// Fewer than 90 % of the details asked for came back.
        case tooFewDetails(got: Int, asked: Int)
        /// The list is more than 5 % shorter than at the last run.
        case catalogueShrank(now: Int, before: Int)
        /// The list ended well short of the total it announced.
        case listingIncomplete(listed: Int, total: Int)
        /// A file at the export's place (or beside it) that fetch did not make, or one edited since.
        case notOurs(NotOurs)
        /// Another fetch holds this export.
        case busy
        /// A file of the export, or the records folder, could not be read or written (path and cause).
        case fileFailed(FileError)
    }

    public enum NotOurs: Error, Sendable, Equatable {
        case notAFile(String)
        case noState
        case edited
        case foreignState
        case damagedState(line: Int)
        case foreignJournal
        /// A place tthc keeps for something else (`OwnPlaces`): inside the records, their merge
        /// bases, the theme or a built site, or the lock, a journal, a configuration. Its path as shown.
        case ownPlace(String, OwnPlace)
        /// `--out` ends with `/`: a folder, where a file is meant.
        case spelledAsFolder(String)
        /// Spelt inside the site but leading out of it through a link (`content/.dong-bo` linked
        /// elsewhere), as sync refuses it; or the records folder leads out.
        case outsideSite(OutsideSite)
    }

    /// A detail asked for that did not come: its id, the list's code, and why.
    public struct Failure: Sendable, Equatable {
        public var id: String
        public var code: String
        public var reason: String
    }

    public var ending: Ending = .written
    /// Rows in the list (unique ids), internal ones among them.
    public var listed = 0
    public var internalProcedures = 0
    public var unusableRows = 0
    public var pages = 0
    /// Details this run needed, and how many it has (from this run or the interrupted one it resumed).
    public var asked = 0
    public var got = 0
    public var resumedDetails = 0
    public var failures: [Failure] = []
    /// Procedures in the export, and how many of them are last run's copy (a failed detail, or a
    /// procedure missing from the list for the first time).
    public var exported = 0
    public var keptFromBefore = 0
    public var missingOnce: [String] = []
    /// Gone from the list two runs in a row: left out of the export, so sync abolishes them.
    public var gone: [String] = []
    /// Details that could not be read as a procedure (left out unless the site has their record).
    public var unmappable: [String] = []
    public var changed = false
    /// Rows of the unit's own online services, when `site.yml` names the unit (0: none listed).
    public var unitServices: Int?
    public var requests = 0
    public var bytes = 0
    public var seconds = 0.0

    public var exitStatus: Int32 {
        switch ending {
        case .written: return failures.isEmpty ? 0 : 1
        default: return 2
        }
    }
}
