import ArgumentParser
import Foundation
import Records

/// What every command that writes into a site shares: how long it waits for the site's lock.
struct LockOptions: ParsableArguments {
    @Option(help: "Số giây chờ khi một lệnh tthc khác đang ghi vào trang (mặc định 60; 0: không chờ).")
    var wait: Double = 60

    func validate() throws {
        guard wait.isFinite, wait >= 0 else {
            throw ValidationError("--wait là số giây, từ 0 trở lên (seconds, 0 or more), không phải \(wait).")
        }
    }

    /// Holds the site's lock for `command` (one writer at a time), telling the user once when it waits.
    func hold(_ site: URL, command: String, language: Language) throws -> SiteLock {
        try SiteLock.acquire(site: site, command: command, waitingUpTo: wait) { sentence in
            printError("tthc \(command): \(sentence[language])")
        }
    }
}

/// What a command that stopped has left on disk, said after the reason.
enum Written {
    /// The command writes nothing anyway (`check`, `serve`).
    case notApplicable
    /// Stopped before writing anything.
    case nothing
    /// Some files may have been replaced (each whole) before it stopped; running it again completes the work.
    case partly

    var sentence: Localized? {
        switch self {
        case .notApplicable: return nil
        case .nothing: return Localized(vi: "Không ghi gì.", en: "Nothing written.")
        case .partly: return Localized(vi: "Có thể một số tệp đã được ghi (mỗi tệp trọn vẹn, không tệp nào ghi dở); sửa lỗi rồi chạy lại lệnh để hoàn tất.",
                                       en: "Some files may have been written (each whole, none half); fix the cause and run the command again to complete it.")
        }
    }
}

/// Prints why `command` cannot run, in the chosen language, and what it left, and gives the
/// exit status for it (2).
func cannotRun(_ command: String, _ error: Error, _ language: Language, _ written: Written = .nothing) -> ExitCode {
    if let exit = error as? ExitCode { return exit }
    let after = written.sentence.map { " " + $0[language] } ?? ""
    printError("tthc\(command.isEmpty ? "" : " " + command): \(Localized.of(error)[language])\(after)")
    return Exit.cannotRun
}
