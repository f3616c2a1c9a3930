/// One administrative procedure's front matter, typed. Its keys and shapes are `Schema.procedure`;
/// a round-trip test keeps the two in step.
public struct Procedure: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var levels: [Level]
    public var sector: Sector
    public var status: Status
    public var origin: Origin
    public var kind: Kind?
    public var subjects: [CodeAndName]?
    public var agencies: Agencies?
    public var channels: [Channel]?
    public var documentGroups: [DocumentGroup]?
    public var cases: [Case]?
    public var receivingPlace: String?
    public var results: [CodeAndName]?
    public var legalBases: [LegalBasis]?
    public var decision: Decision?
    public var onlineService: OnlineService?
    public var related: [String]?
    public var keywords: [String]?
    public var effectiveDate: String?
    public var abolishedDate: String?
    public var replacedBy: String?
    public var source: Source?
    public var local: LocalAdditions?

    enum CodingKeys: String, CodingKey {
        case code = "ma_thu_tuc", name = "ten", levels = "cap_thuc_hien", sector = "linh_vuc"
        case status = "trang_thai", origin = "nguon_goc", kind = "loai_thu_tuc", subjects = "doi_tuong"
        case agencies = "co_quan", channels = "cach_thuc", documentGroups = "thanh_phan_ho_so"
        case cases = "truong_hop", receivingPlace = "dia_diem_tiep_nhan", results = "ket_qua"
        case legalBases = "can_cu_phap_ly", decision = "quyet_dinh_cong_bo", onlineService = "dvc_truc_tuyen"
        case related = "lien_quan", keywords = "tu_khoa", effectiveDate = "ngay_hieu_luc"
        case abolishedDate = "ngay_bai_bo", replacedBy = "thay_the_boi", source = "nguon", local = "dia_phuong"
    }

    public init(code: String, name: String, levels: [Level], sector: Sector, status: Status, origin: Origin) {
        self.code = code
        self.name = name
        self.levels = levels
        self.sector = sector
        self.status = status
        self.origin = origin
    }

    public enum Level: String, Codable, Sendable, CaseIterable {
        case central = "trung_uong", province = "tinh", commune = "xa", otherAgency = "co_quan_khac"
        /// Districts were abolished on 1 July 2025; still read, with a warning.
        case district = "huyen"
    }

    public enum Status: String, Codable, Sendable {
        case inForce = "hieu_luc", amended = "da_sua_doi", abolished = "bai_bo"
    }

    public enum Origin: String, Codable, Sendable {
        case national = "trung_uong", provinceSpecific = "dac_thu_dia_phuong", `internal` = "noi_bo"
    }

    public enum Kind: String, Codable, Sendable {
        case assignedRegulation = "duoc_giao_quy_dinh_chi_tiet", notAssigned = "khong_duoc_giao", other = "khac"
    }

    public struct Sector: Codable, Sendable, Equatable, Hashable {
        public var code: String
        public var name: String
        enum CodingKeys: String, CodingKey { case code = "ma", name = "ten" }
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    public struct CodeAndName: Codable, Sendable, Equatable {
        public var code: String?
        public var name: String
        enum CodingKeys: String, CodingKey { case code = "ma", name = "ten" }
        public init(code: String?, name: String) { self.code = code; self.name = name }
    }

    public struct Agencies: Codable, Sendable, Equatable {
        public var executing: [String]
        public var competent: [String]?
        public var authorized: [String]?
        public var coordinating: [String]?
        enum CodingKeys: String, CodingKey {
            case executing = "thuc_hien", competent = "tham_quyen", authorized = "duoc_uy_quyen", coordinating = "phoi_hop"
        }
        public init(executing: [String], competent: [String]? = nil, authorized: [String]? = nil, coordinating: [String]? = nil) {
            self.executing = executing
            self.competent = competent
            self.authorized = authorized
            self.coordinating = coordinating
        }
    }

    public struct Channel: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case inPerson = "truc_tiep", online = "truc_tuyen", post = "buu_chinh" }
        public var kind: Kind
        public var duration: Duration
        public var fees: [Fee]
        public var description: String?
        enum CodingKeys: String, CodingKey { case kind = "kenh", duration = "thoi_han", fees = "phi_le_phi", description = "mo_ta" }
        public init(kind: Kind, duration: Duration, fees: [Fee], description: String? = nil) {
            self.kind = kind
            self.duration = duration
            self.fees = fees
            self.description = description
        }
    }

    public struct Duration: Codable, Sendable, Equatable {
        public enum Unit: String, Codable, Sendable {
            case workingDays = "ngay_lam_viec", days = "ngay", hours = "gio", months = "thang", other = "khac"
        }
        public var amount: Double?
        public var unit: Unit
        public var description: String?
        enum CodingKeys: String, CodingKey { case amount = "so", unit = "don_vi", description = "mo_ta" }
        public init(amount: Double?, unit: Unit, description: String? = nil) {
            self.amount = amount
            self.unit = unit
            self.description = description
        }
    }

    public struct Fee: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case charge = "le_phi", fee = "phi", price = "gia" }
        public var kind: Kind
        public var amount: Int?
        public var currency: String?
        public var description: String?
        enum CodingKeys: String, CodingKey { case kind = "loai", amount = "so_tien", currency = "don_vi_tien", description = "mo_ta" }
        public init(kind: Kind, amount: Int?, currency: String? = nil, description: String? = nil) {
            self.kind = kind
            self.amount = amount
            self.currency = currency
            self.description = description
        }

        // `so_tien: null` is meaningful (amount not fixed nationally), so it is written, not omitted.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(amount, forKey: .amount)
            try container.encodeIfPresent(currency, forKey: .currency)
            try container.encodeIfPresent(description, forKey: .description)
        }
    }

    public struct DocumentGroup: Codable, Sendable, Equatable {
        public var name: String?
        public var documents: [Document]
        enum CodingKeys: String, CodingKey { case name = "ten_nhom", documents = "giay_to" }
        public init(name: String?, documents: [Document]) { self.name = name; self.documents = documents }
    }

    public struct Document: Codable, Sendable, Equatable {
        public var name: String
        public var code: String?
        public var originals: Int
        public var copies: Int
        public var required: Bool?
        public var forms: [Form]?
        enum CodingKeys: String, CodingKey {
            case name = "ten", code = "ma", originals = "ban_chinh", copies = "ban_sao", required = "bat_buoc", forms = "mau"
        }
        public init(name: String, code: String?, originals: Int, copies: Int, required: Bool?, forms: [Form]?) {
            self.name = name
            self.code = code
            self.originals = originals
            self.copies = copies
            self.required = required
            self.forms = forms
        }
    }

    public struct Form: Codable, Sendable, Equatable {
        public var name: String
        public var url: String?
        enum CodingKeys: String, CodingKey { case name = "ten", url }
        public init(name: String, url: String?) { self.name = name; self.url = url }
    }

    public struct Case: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var duration: Duration?
        enum CodingKeys: String, CodingKey { case code = "ma", name = "ten", duration = "thoi_han" }
        public init(code: String, name: String, duration: Duration?) { self.code = code; self.name = name; self.duration = duration }
    }

    public struct LegalBasis: Codable, Sendable, Equatable {
        public var number: String
        public var title: String
        public var issuedOn: String?
        public var issuer: String?
        enum CodingKeys: String, CodingKey {
            case number = "so_hieu", title = "trich_yeu", issuedOn = "ngay_ban_hanh", issuer = "co_quan_ban_hanh"
        }
        public init(number: String, title: String, issuedOn: String? = nil, issuer: String? = nil) {
            self.number = number
            self.title = title
            self.issuedOn = issuedOn
            self.issuer = issuer
        }
    }

    public struct Decision: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case new = "moi", amendment = "sua_doi_bo_sung", replacement = "thay_the", abolition = "bai_bo"
        }
        public var number: String
        public var date: String
        public var issuer: String
        public var kind: Kind?
        /// The day the procedure was published on the national database (QĐ 766's item 1.2 counts
        /// the working days from `date` to this one).
        public var publishedOn: String?
        enum CodingKeys: String, CodingKey {
            case number = "so", date = "ngay", issuer = "co_quan", kind = "loai", publishedOn = "ngay_cong_khai"
        }
        public init(number: String, date: String, issuer: String, kind: Kind? = nil, publishedOn: String? = nil) {
            self.number = number
            self.date = date
            self.issuer = issuer
            self.kind = kind
            self.publishedOn = publishedOn
        }
    }

    public struct OnlineService: Codable, Sendable, Equatable {
        public enum Level: String, Codable, Sendable { case full = "toan_trinh", partial = "mot_phan", none = "khong" }
        public var level: Level
        public var url: String?
        enum CodingKeys: String, CodingKey { case level = "muc_do", url }
        public init(level: Level, url: String?) { self.level = level; self.url = url }
    }

    public struct Source: Codable, Sendable, Equatable {
        public enum System: String, Codable, Sendable { case national = "csdlqg", local = "dia_phuong" }
        public var system: System
        public var id: String?
        public var url: String?
        public var announcedBy: Sector?
        public var catalogUpdatedAt: String?
        public var synchronizedAt: String?
        enum CodingKeys: String, CodingKey {
            case system = "he_thong", id, url, announcedBy = "co_quan_cong_bo"
            case catalogUpdatedAt = "cap_nhat_nguon", synchronizedAt = "dong_bo_luc"
        }
        public init(system: System, id: String? = nil, url: String? = nil, announcedBy: Sector? = nil,
                    catalogUpdatedAt: String? = nil, synchronizedAt: String? = nil) {
            self.system = system
            self.id = id
            self.url = url
            self.announcedBy = announcedBy
            self.catalogUpdatedAt = catalogUpdatedAt
            self.synchronizedAt = synchronizedAt
        }
    }

    /// What only the unit knows; sync never writes it.
    public struct LocalAdditions: Codable, Sendable, Equatable {
        public var receivingAddress: String?
        public var openingHours: String?
        public var contact: String?
        public var fees: String?
        /// The processing time the unit applies, where the national record says nothing of it.
        public var duration: String?
        public var note: String?
        enum CodingKeys: String, CodingKey {
            case receivingAddress = "dia_diem_tiep_nhan", openingHours = "gio_tiep_nhan", contact = "lien_he"
            case fees = "phi_le_phi", duration = "thoi_han", note = "ghi_chu"
        }
        public init() {}

        /// The text under `key` (a key of `dia_phuong`), nil when there is none.
        public func text(_ key: String) -> String? {
            switch CodingKeys(rawValue: key) {
            case .receivingAddress?: return receivingAddress
            case .openingHours?: return openingHours
            case .contact?: return contact
            case .fees?: return fees
            case .duration?: return duration
            case .note?: return note
            case nil: return nil
            }
        }
    }
}
