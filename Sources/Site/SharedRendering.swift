import Foundation
import Records
import Search

/// Work a province's units share. Most of them publish the same national records, untouched by
/// any overlay: such a record's sections are rendered from Markdown and its search terms counted
/// once for the province, not once per unit (Markdown goes through cmark one document at a time,
/// so rendering it 168 times over would bound the whole build); so are the page's values that do
/// not depend on the unit, and the API record but for its address. Only the pool's own entries,
/// which this object keeps alive for the build, are remembered: an entry made for one unit's
/// overlay is never mistaken for another.
final class SharedRendering: @unchecked Sendable {
    typealias Sections = (steps: String?, conditions: String?, local: [TemplateValue])

    private let pool: Set<ObjectIdentifier>
    private let entries: [PublishedProcedure]
    private let lock = NSLock()
    private var sections: [Key: Sections] = [:]
    private var terms: [Key: DocumentTerms] = [:]
    private var contexts: [Key: TemplateValue] = [:]
    private var records: [Key: (bytes: [UInt8], url: Int)] = [:]

    /// A pool entry, and the depth of the page that shows it (links in rendered text are relative).
    private struct Key: Hashable {
        var entry: ObjectIdentifier
        var root: String
    }

    /// Each pool entry's place in Vietnamese order, made once (every unit sorts its lists by it).
    private let sortKeys: [ObjectIdentifier: VietnameseSortKey]

    init(pool entries: [PublishedProcedure]) {
        self.entries = entries
        pool = Set(entries.map(ObjectIdentifier.init))
        let keys = Parallel.map(entries.count) { VietnameseSortKey(ProcedureTitle.sortingName(entries[$0].procedure.name)) }
        sortKeys = Dictionary(uniqueKeysWithValues: zip(entries.map(ObjectIdentifier.init), keys))
    }

    /// The entry's sort key, made now when it is not a pool entry.
    func sortKey(of entry: PublishedProcedure) -> VietnameseSortKey {
        sortKeys[ObjectIdentifier(entry)] ?? VietnameseSortKey(ProcedureTitle.sortingName(entry.procedure.name))
    }

    /// The entry's rendered sections, made by `make` the first time any unit asks.
    func sections(of entry: PublishedProcedure, root: String, make: () -> Sections) -> Sections {
        remembered(\.sections, entry, root, make)
    }

    /// The entry's page values that no unit changes, made the first time any unit asks.
    func context(of entry: PublishedProcedure, root: String, make: () -> TemplateValue) -> TemplateValue {
        remembered(\.contexts, entry, root, make)
    }

    /// The entry's API record with an empty address, and where the address goes (`ProcedureAPI`).
    func record(of entry: PublishedProcedure, make: () -> (bytes: [UInt8], url: Int)) -> (bytes: [UInt8], url: Int) {
        remembered(\.records, entry, "", make)
    }

    /// The entry's search terms, counted the first time any unit asks.
    func terms(of entry: PublishedProcedure, make: () -> DocumentTerms) -> DocumentTerms {
        remembered(\.terms, entry, "", make)
    }

    /// `make()` for a pool entry the first time, what it made thereafter; for any other entry, `make()`.
    /// Two threads asking at once may both make it: the same value, one kept.
    private func remembered<T>(_ table: ReferenceWritableKeyPath<SharedRendering, [Key: T]>, _ entry: PublishedProcedure,
                               _ root: String, _ make: () -> T) -> T {
        let id = ObjectIdentifier(entry)
        guard pool.contains(id) else { return make() }
        let key = Key(entry: id, root: root)
        if let known = locked({ self[keyPath: table][key] }) { return known }
        let made = make()
        locked { self[keyPath: table][key] = made }
        return made
    }

    private func locked<T>(_ work: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return work()
    }
}
