import Catalog
import Foundation
import Records

/// The national catalogue as the report compares the site with it: every procedure of an export,
/// mapped as `tthc sync` maps it.
public struct Catalogue: Sendable {
    /// By code; for a code listed twice, the most recently updated entry (then the text decides,
    /// as in sync: the result never depends on the export's order).
    public var procedures: [String: Procedure]
    /// The export as the user named it.
    public var file: String
    /// Entries that could not be mapped to a record (sync reports each of them).
    public var unmapped: Int

    public init(procedures: [String: Procedure], file: String, unmapped: Int = 0) {
        self.procedures = procedures
        self.file = file
        self.unmapped = unmapped
    }

    /// Every entry mapped on every core. An entry that is not JSON at all means the export is
    /// damaged: it is refused whole, as sync refuses it.
    public init(export: NationalExport, file: String) throws(NationalExport.Unreadable) {
        let mapped = Parallel.map(export.count) { index -> (MappedProcedure?, malformed: Int?) in
            let entry = export.entry(at: index)
            guard let data = entry.data else { return (nil, entry.malformed ? entry.position : nil) }
            guard case .success(let procedure) = CatalogMapping.map(data, position: entry.position) else { return (nil, nil) }
            return (procedure, nil)
        }
        if let position = mapped.compactMap(\.malformed).first { throw export.unreadable(at: position) }
        var chosen: [String: MappedProcedure] = [:]
        for case let (candidate?, _) in mapped {
            let code = candidate.procedure.code
            if let other = chosen[code], !CatalogSync.precedes(other, candidate) { continue }
            chosen[code] = candidate
        }
        self.init(procedures: chosen.mapValues(\.procedure), file: file,
                  unmapped: mapped.filter { $0.0 == nil }.count)
    }

    /// What the unit must publish: its level, national procedures and its own province's, never
    /// an internal one (COMPLIANCE.md; a unit's `chon` narrows what it chooses, not what it owes).
    func mustPublish(_ configuration: SiteConfiguration) -> [String: Procedure] {
        procedures.filter { _, procedure in
            guard procedure.origin != .internal, procedure.status != .abolished,
                  procedure.levels.contains(configuration.unitLevel) else { return false }
            return procedure.origin == .national || procedure.source?.announcedBy?.code == configuration.province.code
        }
    }
}
