import Records

extension CatalogSync {
    /// Why no unit this sync keeps records for publishes `procedure`, as the build will say it of
    /// the record (one unit's reason, or, in a province, that no unit selects it); nil when one does.
    func selectionRefusal(of procedure: Procedure) -> Problem? {
        if units.contains(where: { $0.exclusion(of: procedure) == nil }) { return nil }
        if units.count == 1, let unit = units.first, let exclusion = unit.exclusion(of: procedure) {
            return .notSelected(procedure.code, exclusion, by: unit)
        }
        return .unusedRecord
    }
}

extension SyncPlan {
    /// A procedure the catalog still has that the selection leaves out: its record file is kept
    /// and no longer updated, and the build no longer publishes it (issue 16: said, not silent).
    public struct OutsideSelection: Sendable {
        public var path: String
        public var code: String
        /// Why, in the words the build uses for the record.
        public var problem: Problem
        /// The site has a record of it (a sync); without, `tthc new --catalog` asked for it.
        public var hasFile: Bool
    }
}
