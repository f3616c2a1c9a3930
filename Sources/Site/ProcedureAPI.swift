import Foundation
import Records

/// `/api/thu-tuc.json` (every published procedure, compact) and `/api/thu-tuc/<code>.json` (one
/// record in full): the records' own keys, so a provincial portal or a reporting tool reads the
/// same vocabulary as RECORDS.md, with each page's address added.
enum ProcedureAPI {
    static func index(_ procedures: [Procedure], unitName: String, root: String) -> Data {
        let items: [[String: Any]] = procedures.sorted { $0.code < $1.code }.map { p in
            [
                "ma_thu_tuc": p.code, "ten": p.name,
                "linh_vuc": ["ma": p.sector.code, "ten": p.sector.name],
                "cap_thuc_hien": p.levels.map(\.rawValue),
                "trang_thai": p.status.rawValue,
                "dvc_truc_tuyen": (p.onlineService?.level ?? .none).rawValue,
                "url": root + "thu-tuc/\(p.code)/",
                "json": root + "api/thu-tuc/\(p.code).json",
            ]
        }
        return json(["don_vi": unitName, "so_thu_tuc": items.count, "thu_tuc": items])
    }

    /// The front matter as JSON, its body sections as Markdown, and its page's address.
    static func record(_ procedure: Procedure, body: Body, root: String) -> Data {
        let document = Document(procedure: procedure, url: root + "thu-tuc/\(procedure.code)/",
                                sections: body.sections.map { Document.Section(title: $0.title, markdown: $0.markdown) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return ((try? encoder.encode(document)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }

    private struct Document: Encodable {
        struct Section: Encodable {
            var title: String?
            var markdown: String
            enum CodingKeys: String, CodingKey { case title = "tieu_de", markdown }
        }
        var procedure: Procedure
        var url: String
        var sections: [Section]
        enum CodingKeys: String, CodingKey { case url, sections = "noi_dung" }

        func encode(to encoder: Encoder) throws {
            try procedure.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(sections, forKey: .sections)
        }
    }

    private static func json(_ value: Any) -> Data {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }
}
