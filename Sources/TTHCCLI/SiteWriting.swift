import ArgumentParser
import FileSystem
import Foundation
import Records

/// What every command that writes into a site shares: how long it waits for the site's lock.
struct LockOptions: ParsableArguments {
    @Option(help: "Số giây chờ khi một lệnh tthc khác đang ghi vào trang (mặc định 60; 0: không chờ).")
    var wait: Double = 60
}

extension LockOptions {
    /// Holds the site's lock for `command` (one writer at a time), telling the user once when it
    /// waits. With `readOnlySiteAllowed` (a build, which only reads the site), a site that cannot be
    /// written at all is read without the lock: nobody can write it then either.
    func hold(_ site: URL, command: String, language: Language, readOnlySiteAllowed: Bool = false) throws -> SiteLock? {
        do {
            return try SiteLock.acquire(site: site, command: command, waitingUpTo: wait) { sentence in
                printError("tthc \(command): \(sentence[language])")
            }
        } catch let error as FileError where readOnlySiteAllowed && error.isNotWritable {
            return nil
        }
    }
}

/// Prints why `command` cannot run, in the chosen language, and gives the exit status for it (2).
func cannotRun(_ command: String, _ error: Error, _ language: Language) -> ExitCode {
    if let exit = error as? ExitCode { return exit }
    printError("tthc\(command.isEmpty ? "" : " " + command): \(Localized.of(error)[language])")
    return Exit.cannotRun
}
