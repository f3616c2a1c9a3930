import Foundation
import Testing

/// `tthc account add` and `tthc serve`'s refusals, run as a subprocess: exit codes, stderr, and
/// what is (not) on disk afterwards.
@Suite struct AccountCommandTests {
    let cli = CommandLineTests()

    /// `tthc ARGS` with `input` on standard input, through the shell, in `folder` when given.
    func tthc(_ arguments: [String], input: String, in folder: URL? = nil) throws -> CommandLineTests.Run {
        let quoted = ([CommandLineTests.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try cli.tthc(["-c", "printf '%s' \"$TTHC_INPUT\" | " + quoted.joined(separator: " ")], in: folder,
                            environment: ["TTHC_INPUT": input], program: URL(fileURLWithPath: "/bin/sh"))
    }

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func anAccountIsAddedWithABcryptHashReadableByItsOwnerOnly() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tk.json")
        let run = try tthc(["account", "add", "ntlan", "--don-vi", "xa-hoa-ban", "--accounts", file.path], input: "mat-khau-that-dai-2026\n")
        #expect(run.status == 0, "\(run.errors)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"ten\" : \"ntlan\"") && text.contains("\"xa-hoa-ban\""), "\(text)")
        #expect(text.contains("$2b$12$") && !text.contains("mat-khau-that-dai-2026"), "a bcrypt hash, never the password")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
    }

    @Test func refusedAccountsWriteNothing() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tk.json").path
        let site = try TemporarySite()
        defer { site.remove() }
        let cases: [([String], String, Int32, String)] = [
            (["account", "add", "ntlan", "--don-vi", "xa-a", "--accounts", file], "ngan\n", 2, "ít nhất 10 ký tự"),
            (["account", "add", "ntlan", "--don-vi", "xa-a", "--accounts", file], String(repeating: "a", count: 73) + "\n", 2, "72"),
            (["account", "add", "ntlan", "--don-vi", "xa-a", "--accounts", file], "", 2, "ít nhất 10 ký tự"),
            (["account", "add", "Nguyễn", "--don-vi", "xa-a", "--accounts", file], "mat-khau-that-dai-2026\n", 2, "a-z, 0-9"),
            (["account", "add", "ntlan", "--accounts", file], "mat-khau-that-dai-2026\n", 2, "--don-vi"),
            (["account", "add", "ntlan", "--don-vi", "../xa", "--accounts", file], "mat-khau-that-dai-2026\n", 2, "--don-vi"),
            (["account", "add", "ntlan", "--don-vi", "xa-a", "--accounts", site.url("tk.json").path], "mat-khau-that-dai-2026\n", 2, "ngoài kho"),
        ]
        for (arguments, input, status, said) in cases {
            let run = try tthc(arguments, input: input)
            #expect(run.status == status, "\(arguments): \(run.errors)")
            #expect(run.errors.contains(said), "\(arguments): \(run.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: site.url("tk.json").path))
    }

    @Test func atAProvincesFolderEachUnitMustBeOneOfItsUnits() throws {
        let province = try TemporarySite.province()
        defer { province.remove() }
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tk.json").path
        for unit in ["xa-hoa-bang", "xa-khac", "tinh"] {
            let run = try tthc(["account", "add", "ntlan", "--don-vi", unit, "--accounts", file], input: "mat-khau-that-dai-2026\n", in: province.folder)
            #expect(run.status == 2 && run.errors.contains("Tỉnh không có đơn vị \(unit)"), "\(unit): \(run.errors)")
            #expect(!FileManager.default.fileExists(atPath: file), "nothing written for \(unit)")
        }
        let typo = try tthc(["account", "add", "ntlan", "--don-vi", "xa-hoa-bang", "--accounts", file], input: "mat-khau-that-dai-2026\n", in: province.folder)
        #expect(typo.errors.contains("Có phải ý bạn là xa-hoa-ban?"), "\(typo.errors)")
        let good = try tthc(["account", "add", "ntlan", "--don-vi", "xa-hoa-ban", "--don-vi", "xa-na-luong", "--accounts", file],
                            input: "mat-khau-that-dai-2026\n", in: province.folder)
        #expect(good.status == 0, "\(good.errors)")
        // Elsewhere the file may serve any site: nothing to check the slug against.
        let elsewhere = try tthc(["account", "add", "b", "--don-vi", "xa-khac", "--accounts", file], input: "mat-khau-that-dai-2026\n", in: folder)
        #expect(elsewhere.status == 0, "\(elsewhere.errors)")
    }

    @Test func serveListensBeyondThisMachineOnlyWithAccounts() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let run = try cli.tthc(["serve", "--site", site.folder.path, "--host", "0.0.0.0", "--port", "0"], killAfter: 30)
        #expect(run.status == 2 && run.errors.contains("--host cần --accounts"), "\(run.status) \(run.errors)")
        let empty = try scratch()
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try cli.tthc(["serve", "--site", site.folder.path, "--port", "0", "--accounts", empty.appendingPathComponent("tk.json").path],
                                killAfter: 30)
        #expect(none.status == 2 && none.errors.contains("chưa có tài khoản nào"), "\(none.status) \(none.errors)")
    }
}
