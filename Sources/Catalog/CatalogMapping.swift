import Foundation
import Markdown
import Records

/// One catalog procedure mapped to a record (CATALOG.md, "Mapping").
public struct MappedProcedure: Sendable {
    public var procedure: Procedure
    /// The national body sections, in the portal's order.
    public var sections: [Body.Section]
    /// The entry's place in the export (1-based), for reports.
    public var position = 0
    /// Values out of their domain (`ExportValues`): when the unit publishes the procedure, it is
    /// reported and nothing of it is written; when it does not, they do not matter.
    public var problems: [Localized] = []
    /// The key of the export entry it was mapped from (`NationalExport.key`), when sync keeps one.
    public var entryKey: String?

    var problemText: Localized {
        Localized(vi: problems.map(\.vi).joined(separator: "; "), en: problems.map(\.en).joined(separator: "; "))
    }
}

/// Why a catalog entry could not become a record; reported with its code and position.
public struct MappingFailure: Error, Sendable, Equatable {
    public var code: String?
    public var position: Int
    public var reason: Localized
}

public enum CatalogMapping {
    static let portalProcedureURL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"

    /// Every value is read through `ExportValues`, the export's one boundary.
    public static func map(_ data: [String: Any], position: Int) -> Result<MappedProcedure, MappingFailure> {
        let values = ExportValues()
        let rawCode = (data["code"] as? String) ?? (data["codeNotation"] as? String)
        // What a unit's selection does not need (name, state, the field's name) is not a reason to
        // refuse the entry before knowing whether the unit publishes it: a broken name in a
        // procedure of another province must not fail every other unit's sync.
        var deferred: [Localized] = []
        func failure(_ vi: String, _ en: String) -> Result<MappedProcedure, MappingFailure> {
            let reasons = deferred + [Localized(vi: vi, en: en)]
            return .failure(MappingFailure(code: rawCode?.trimmingSpaces(), position: position,
                                           reason: Localized(vi: reasons.map(\.vi).joined(separator: "; "),
                                                             en: reasons.map(\.en).joined(separator: "; "))))
        }
        guard let trimmedCode = rawCode?.trimmingWhitespace(), !trimmedCode.isEmpty else {
            if let code = data["code"], !(code is NSNull) {
                return failure("mã thủ tục (`code`) phải là văn bản, ở đây là \(ExportValues.kind(of: code).vi)",
                               "the procedure code (`code`) must be text, here it is \(ExportValues.kind(of: code).en)")
            }
            return failure("không có mã thủ tục", "no procedure code")
        }
        guard Syntax.isProcedureCode(trimmedCode) else {
            return failure("mã thủ tục `\(trimmedCode)` sai dạng (cần dạng 1.001193)",
                           "malformed procedure code `\(trimmedCode)` (expected e.g. 1.001193)")
        }
        let name = values.line(data["name"])
        if name == nil {
            if let value = data["name"], !(value is NSNull), !(value is String) {
                deferred.append(Localized(vi: "tên thủ tục (`name`) phải là văn bản, ở đây là \(ExportValues.kind(of: value).vi)",
                                          en: "the procedure name (`name`) must be text, here it is \(ExportValues.kind(of: value).en)"))
            } else {
                deferred.append(Localized(vi: "không có tên thủ tục", en: "no procedure name"))
            }
        }
        let levels = levelsOf(data, values)
        guard !levels.isEmpty else {
            return failure("không xác định được cấp thực hiện", "no level carries it out")
        }
        let categories = [values.object(data["category"])].compactMap { $0 } + values.objects(data["categoriesDetails"])
        guard let category = categories.first, let sectorCode = values.line(category["code"]) else {
            return failure("không có lĩnh vực", "no field (category)")
        }
        let sectorName = values.line(category["name"])
        if sectorName == nil { deferred.append(Localized(vi: "lĩnh vực không có tên", en: "the field (category) has no name")) }
        guard let origin = originMap[values.word(data["type"])] else {
            return failure("loại thủ tục `\(values.word(data["type"]))` không rõ", "unknown procedure type `\(values.word(data["type"]))`")
        }
        let status = statusMap[values.word(data["state"])]
        if status == nil {
            deferred.append(Localized(vi: "tình trạng `\(values.word(data["state"]))` không rõ",
                                      en: "unknown state `\(values.word(data["state"]))`"))
        }

        // Placeholders where a value was deferred: such an entry is never written (`problems`).
        var procedure = Procedure(code: trimmedCode, name: name ?? trimmedCode, levels: levels,
                                  sector: .init(code: sectorCode, name: sectorName ?? sectorCode), status: status ?? .inForce,
                                  origin: origin)
        procedure.kind = kindMap[values.word(data["formalityType"])]
        procedure.subjects = nonEmpty(values.objects(data["subjectTypesDetails"]).compactMap { codeAndName($0, values) })
        procedure.agencies = agencies(data, values)
        let channels = values.objects(data["executionMethods"]).enumerated().compactMap { channel($1, number: $0 + 1, values) }
        procedure.channels = nonEmpty(channels)
        procedure.documentGroups = nonEmpty(values.objects(data["executionCases"]).enumerated()
            .compactMap { documentGroup($1, number: $0 + 1, values) })
        procedure.cases = nonEmpty(values.objects(data["cases"]).enumerated().compactMap { procedureCase($1, number: $0 + 1, values) })
        procedure.receivingPlace = values.text(data["dossierReceivingAddresses"])
        procedure.results = nonEmpty(values.objects(data["resultsDetails"]).compactMap { codeAndName($0, values) })
        procedure.legalBases = nonEmpty(values.objects(data["legalBasisesDetails"]).compactMap { legalBasis($0, values) })
        procedure.decision = decision(values.object(data["procedureProposal"]), values)
        let id = values.line(data["id"])
        procedure.onlineService = UnitOnlineService.of(data, values) ?? onlineService(data, channels: channels, id: id, values)
        procedure.keywords = nonEmpty((values.text(data["keywords"]) ?? "").split(separator: ",")
            .compactMap { values.line(String($0)) })
        procedure.source = Procedure.Source(
            system: .national, id: id, url: id.map(portalURL),
            announcedBy: values.line(data["departmentPromulgateCode"]).flatMap { code in
                values.line(data["departmentPromulgateName"]).map { .init(code: code, name: $0) }
            },
            catalogUpdatedAt: values.instant(epochMilliseconds: data["updatedAt"]))
        return .success(MappedProcedure(procedure: procedure, sections: sections(data, values), position: position,
                                        problems: deferred + values.problems))
    }

    /// The portal's page of a procedure: its id as one path segment, every byte outside the
    /// unreserved characters percent-encoded, so that no id can make an address `tthc check` refuses.
    static func portalURL(_ id: String) -> String {
        var path = ""
        for byte in id.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar) {
                path.unicodeScalars.append(scalar)
            } else {
                path += String(format: "%%%02X", byte)
            }
        }
        return portalProcedureURL + path
    }

    // MARK: - Vocabularies

    static let originMap: [String: Procedure.Origin] = [
        "STANDARD": .national, "SPECIFIC": .provinceSpecific, "STANDARD_INTERNAL": .internal,
    ]
    static let statusMap: [String: Procedure.Status] = ["ACTIVE": .inForce, "UPDATED": .amended]
    static let kindMap: [String: Procedure.Kind] = [
        "ASSIGNED_REGULATION": .assignedRegulation, "NOT_ASSIGNED_REGULATION": .notAssigned, "OTHER": .other,
    ]
    static let channelMap: [String: Procedure.Channel.Kind] = ["DIRECT": .inPerson, "ONLINE": .online, "POSTAL": .post]
    static let unitMap: [String: Procedure.Duration.Unit] = [
        "WORKING_DAY": .workingDays, "DAY": .days, "HOUR": .hours, "MONTH": .months, "OTHER": .other,
    ]
    static let feeMap: [String: Procedure.Fee.Kind] = ["FEE": .charge, "SERVICE_FEE": .fee, "PRICE_LEVEL": .price]

    // MARK: - Parts

    private static func levelsOf(_ data: [String: Any], _ values: ExportValues) -> [Procedure.Level] {
        var levels: [Procedure.Level] = []
        if values.flag(data["isMinistry"]) { levels.append(.central) }
        if values.flag(data["isProvince"]) { levels.append(.province) }
        if values.flag(data["isWard"]) { levels.append(.commune) }
        if values.flag(data["isOtherAgency"]) { levels.append(.otherAgency) }
        return levels
    }

    private static func codeAndName(_ object: [String: Any], _ values: ExportValues) -> Procedure.CodeAndName? {
        values.text(object["name"]).map { .init(code: values.line(object["code"]), name: $0) }
    }

    /// Structured lists when the portal has them; its free text only when both lists are empty
    /// (the text is not split: agency names contain commas).
    private static func agencyNames(_ data: [String: Any], _ departments: String, _ groups: String, text: String?,
                                    _ values: ExportValues) -> [String]? {
        let names = (values.objects(data[departments]) + values.objects(data[groups])).compactMap { values.text($0["name"]) }
        if !names.isEmpty { return names }
        return text.flatMap { values.text(data[$0]) }.map { [$0] }
    }

    private static func agencies(_ data: [String: Any], _ values: ExportValues) -> Procedure.Agencies? {
        guard let executing = agencyNames(data, "departmentsExecuting", "unitGroupsExecuting", text: "executingAgencies", values) else {
            return nil
        }
        return Procedure.Agencies(
            executing: executing,
            competent: agencyNames(data, "departmentsAuthority", "unitGroupsAuthority", text: nil, values),
            authorized: agencyNames(data, "departmentsAuthorized", "unitGroupsAuthorized", text: "authorizedAgencies", values),
            coordinating: agencyNames(data, "departmentsCoordinating", "unitGroupsCoordinating", text: "coordinatingAgencies", values))
    }

    /// `processingTime` is a number, a fraction, or text such as "Theo mô tả" that belongs in `mo_ta`.
    private static func channel(_ method: [String: Any], number: Int, _ values: ExportValues) -> Procedure.Channel? {
        guard let kind = channelMap[values.word(method["submissionMethod"])] else { return nil }
        let unit = unitMap[values.word(method["processingTimeUnit"])] ?? .other
        let time = values.duration(method["processingTime"], field: "executionMethods[\(number)].processingTime")
        let fees = values.objects(method["fees"]).enumerated().map { index, fee in
            Procedure.Fee(kind: feeMap[values.word(fee["type"])] ?? .fee,
                          amount: values.amount(fee["value"], field: "executionMethods[\(number)].fees[\(index + 1)].value"),
                          description: values.text(fee["description"]))
        }
        return Procedure.Channel(kind: kind, duration: Procedure.Duration(amount: time.amount, unit: unit, description: time.description),
                                 fees: fees, description: values.text(method["description"]))
    }

    private static func documentGroup(_ group: [String: Any], number: Int, _ values: ExportValues) -> Procedure.DocumentGroup? {
        let documents = values.objects(group["profileComponents"]).enumerated().compactMap { index, component -> Procedure.Document? in
            guard let name = values.text(component["name"]) else { return nil }
            let forms = values.objects(component["attachments"]).compactMap { attachment in
                values.line(attachment["fileName"]).map { Procedure.Form(name: $0, url: nil) }
            }
            let field = "executionCases[\(number)].profileComponents[\(index + 1)]"
            return Procedure.Document(
                name: name, code: values.line(component["code"]),
                originals: values.count(component["originalQty"], field: field + ".originalQty"),
                copies: values.count(component["copyQty"], field: field + ".copyQty"),
                required: values.optionalFlag(component["required"]), forms: nonEmpty(forms))
        }
        guard !documents.isEmpty else { return nil }
        return Procedure.DocumentGroup(name: values.text(group["name"]), documents: documents)
    }

    private static func procedureCase(_ item: [String: Any], number: Int, _ values: ExportValues) -> Procedure.Case? {
        guard let code = values.line(item["code"]), let name = values.text(item["name"]) else { return nil }
        var duration: Procedure.Duration?
        if let day = values.object(item["processingDay"]), let type = day["type"] as? String {
            let time = values.duration(day["qty"], field: "cases[\(number)].processingDay.qty")
            duration = Procedure.Duration(amount: time.amount, unit: unitMap[type] ?? .other, description: time.description)
        }
        return Procedure.Case(code: code, name: name, duration: duration)
    }

    private static func legalBasis(_ item: [String: Any], _ values: ExportValues) -> Procedure.LegalBasis? {
        let title = values.text(item["name"])
        guard let number = values.line(item["code"]) ?? title.flatMap({ values.line(String($0.prefix(80))) }) else { return nil }
        return Procedure.LegalBasis(number: number, title: title ?? number)
    }

    /// Decision dates are instants at midnight in Vietnam: converted in UTC+7, or they land a day early.
    private static func decision(_ proposal: [String: Any]?, _ values: ExportValues) -> Procedure.Decision? {
        guard let proposal, let number = values.line(proposal["proposalNumber"]),
              let issuer = values.line(values.object(proposal["issuingAgency"])?["name"]),
              let date = values.day(epochMilliseconds: proposal["decisionDate"], field: "procedureProposal.decisionDate") else { return nil }
        // The national publication day is a time stamp for the compliance report: an absurd one is
        // dropped (never a reason to refuse the record).
        let published = values.instant(epochMilliseconds: proposal["publicationDate"]).map { String($0.prefix(10)) }
        return Procedure.Decision(number: number, date: date, issuer: issuer, publishedOn: published)
    }

    private static func onlineService(_ data: [String: Any], channels: [Procedure.Channel], id: String?,
                                      _ values: ExportValues) -> Procedure.OnlineService {
        guard channels.contains(where: { $0.kind == .online }) else { return .init(level: .none, url: nil) }
        let level: Procedure.OnlineService.Level = values.flag(data["isFullProcess"]) ? .full : .partial
        return .init(level: level, url: id.map(portalURL))
    }

    private static func sections(_ data: [String: Any], _ values: ExportValues) -> [Body.Section] {
        var sections: [Body.Section] = []
        let steps = values.objects(data["executionSteps"]).compactMap { step -> String? in
            let name = values.line(step["name"]).map { "**" + PlainTextMarkdown.markdown(fromPlainText: $0) + "**" }
            let text = values.text(step["description"]).map(PlainTextMarkdown.markdown(fromPlainText:))
            let parts = [name, text].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
        }
        if steps.count == 1 {
            sections.append(Body.Section(title: Schema.nationalSections[0], markdown: steps[0], line: 0))
        } else if !steps.isEmpty {
            // Several steps are a numbered process: an ordered list, each step's paragraphs inside its item.
            let items = steps.enumerated().map { number, step in
                let marker = "\(number + 1). "
                let indent = String(repeating: " ", count: marker.count)
                return marker + step.split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated().map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : indent + $0.element }
                    .joined(separator: "\n")
            }
            sections.append(Body.Section(title: Schema.nationalSections[0], markdown: items.joined(separator: "\n\n"), line: 0))
        }
        if let conditions = values.text(data["requirementsAndConditions"]) {
            sections.append(Body.Section(title: Schema.nationalSections[1],
                                         markdown: PlainTextMarkdown.markdown(fromPlainText: conditions), line: 0))
        }
        return sections
    }

    private static func nonEmpty<T>(_ items: [T]) -> [T]? { items.isEmpty ? nil : items }
}
