import FileSystem
import Catalog
import Foundation
import Records

/// Which procedures of the catalogue fetch asks the portal about, and which details it keeps.
///
/// Kept ("in scope"): what sync would publish, decided from the detail by sync's own rule
/// (`SiteConfiguration.publishes` on the mapped procedure), and any procedure the site already
/// has a record of, so that sync still sees it in the catalogue and never takes it for abolished.
/// The list rows carry no level and no change date, so a detail is asked for when its procedure
/// is new, in scope, its row changed, the selection changed, or its turn has come in the round of
/// those outside the scope (a procedure moved to the unit's level without its row changing is
/// seen within `recheckDays`; 30 by default keeps a commune's daily run near 500 requests).
struct FetchScope {
    /// Every unit the site publishes for: one, or a province's (in scope: what one of them publishes).
    var units: [SiteConfiguration]
    /// Codes of the records in `content/thu-tuc/`.
    var recordCodes: Set<String>
    var recheckDays: Int
    /// Days since 1970 (UTC): which part of the round is due today.
    var day: Int

    /// The site's selection as text: a journal or state of another selection is not trusted for it.
    var selectionFingerprint: String {
        let each = units.map { configuration in
            let selection = configuration.selection
            let parts = [configuration.province.code, selection.levels.map(\.rawValue).sorted().joined(separator: ","),
                         (selection.sectors ?? ["*"]).sorted().joined(separator: ","),
                         (selection.add ?? []).sorted().joined(separator: ","), (selection.remove ?? []).sorted().joined(separator: ","),
                         configuration.unitCode ?? ""]
            return parts.joined(separator: "|")
        }
        // One unit's text as it always was (a site's state stays valid); a province's, in a fixed order.
        return Fingerprint.of((each.count == 1 ? each[0] : each.sorted().joined(separator: "\n")).utf8)
    }

    func isDue(_ row: ListedProcedure, known: FetchState.Known?, selectionChanged: Bool) -> Bool {
        guard !row.isInternal else { return false }
        guard let known else { return true }
        if known.inScope || selectionChanged || known.row != row.fingerprint || recordCodes.contains(row.code) { return true }
        if units.contains(where: { $0.selection.add?.contains(row.code) == true }) { return true }
        return Self.turn(of: row.id, in: recheckDays) == day % max(1, recheckDays)
    }

    /// A procedure's day in the round, the same on every run.
    static func turn(of id: String, in days: Int) -> Int {
        guard days > 1 else { return 0 }
        let hex = Fingerprint.of(id.utf8)
        return Int(UInt64(hex, radix: 16).map { $0 % UInt64(days) } ?? 0)
    }

    /// Whether the site keeps this detail, and whether it could be read as a procedure at all.
    func keeps(_ data: [String: Any], listedCode: String) -> (kept: Bool, mappable: Bool) {
        let code = ((data["code"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let hasRecord = recordCodes.contains(code) || recordCodes.contains(listedCode)
        guard case .success(let mapped) = CatalogMapping.map(data, position: 0) else { return (hasRecord, false) }
        return (hasRecord || units.contains { $0.publishes(mapped.procedure) }, true)
    }

    /// The codes of the site's record files (their names: sync files each under its code). A
    /// records folder that cannot be listed is an error, never a site without records (fetch would
    /// leave out of the export the procedures only the records keep in it, and sync abolish them);
    /// one that leads out of the site is `OutsideSite`.
    static func recordCodes(in site: URL) throws -> Set<String> {
        let folder = try SiteFolders(site: site).resolve("content/thu-tuc")
        let names = try Files.listIfPresent(folder) ?? []
        return Set(names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { String($0.dropLast(3)) })
    }
}
