import ArgumentParser
import Escaping
import Foundation
import Records
import Site

/// `tthc`: publishes a unit's administrative procedures consistently with the national catalog.
public struct TTHCCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tthc",
        abstract: "Công khai thủ tục hành chính của đơn vị, khớp với CSDL quốc gia về TTHC.",
        discussion: "Publishes a unit's administrative procedures consistently with the national catalog.",
        version: TTHCVersion.current,
        subcommands: [CheckCommand.self, BuildCommand.self, FetchCommand.self, SyncCommand.self, ServeCommand.self, NewCommand.self,
                      InitCommand.self, SchemaCommand.self, ReportCommand.self, AccountCommand.self]
    )

    public init() {}

    /// Parses the arguments and runs the command. Usage errors exit with 2 ("cannot run",
    /// DESIGN.md) rather than swift-argument-parser's 64, so CI sees one convention.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit(withError: nil)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // The message quotes the argument that was wrong: a line break in it must not
                // start a line of its own (a CI job may pass text it did not write).
                printError(TerminalText.escapeLines(fullMessage(for: error)))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "Thư mục của trang (chứa site.yml). Mặc định: thư mục hiện tại.")
    var site: String = "."

    var url: URL { URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL }

    /// The site's `site.yml`; a missing or invalid one is reported and the command cannot run. A
    /// province's folder is refused with `command`'s own words (`ProvinceOptions.oneUnitOnly`).
    func configuration(language: Language = .vi, command: String = "") throws -> SiteConfiguration {
        let configuration: SiteConfiguration?, problems: [Diagnostic]
        do {
            if try SiteLayout.of(url) == .province { throw ProvinceOptions.oneUnitOnly(command: command) }
            (configuration, problems) = try SiteConfiguration.load(in: try SiteFolders(site: url))
        } catch {
            throw cannotRun("", error, language)
        }
        guard let configuration else {
            printError(DiagnosticReport(diagnostics: problems, language: language, strict: false).text)
            throw Exit.cannotRun
        }
        return configuration
    }
}

extension SiteOptions {
    /// Stops a command that works on one unit's site when it is run at a province's folder (or a
    /// unit's folder of one), with what to do instead.
    func requireSingleSite(command: String, language: Language) throws {
        do {
            if try SiteLayout.of(url) == .province { throw ProvinceOptions.oneUnitOnly(command: command) }
        } catch {
            throw cannotRun(command, error, language)
        }
    }

    /// Every unit whose selection the command follows: the site's own configuration, or in a
    /// province every unit's and `tinh.yml`'s own. A configuration with errors is reported and the
    /// command cannot run (its selection unknown, records it needs would be taken as unselected).
    func units(language: Language, command: String) throws -> (layout: SiteLayout, units: [SiteConfiguration]) {
        let layout: SiteLayout
        do {
            layout = try SiteLayout.of(url)
        } catch {
            throw cannotRun(command, error, language)
        }
        guard layout == .province else { return (layout, [try configuration(language: language, command: command)]) }
        let content: ProvinceContent
        do {
            content = try ProvinceContent.load(from: url, records: false)
        } catch {
            throw cannotRun(command, error, language)
        }
        let problems = content.allDiagnostics
        let units = content.units.compactMap(\.configuration)
        if problems.hasErrors || content.province == nil {
            printError(DiagnosticReport(diagnostics: problems, language: language, strict: false, site: url).text.trimmingCharacters(in: .newlines))
            throw Exit.cannotRun
        }
        guard !units.isEmpty else { throw cannotRun(command, ProvinceOptions.noUnit, language) }
        return (layout, units)
    }
}

/// Exit statuses shared by every command (DESIGN.md).
enum Exit {
    static let problems = ExitCode(1)
    static let cannotRun = ExitCode(2)
}

/// Prints a line to standard error, where progress and logs go (standard output may hold JSON).
/// Whatever a message quotes, no control reaches the terminal or CI log (`TerminalText.report`).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.report(text) + "\n").utf8))
}

/// Prints to standard output, made safe the same way.
func printOutput(_ text: String, terminator: String = "\n") {
    print(TerminalText.report(text), terminator: terminator)
}

/// An error's text for a message: one line, shown as outside text (an error may quote a
/// template's tag or an export), in the chosen language where the error has one.
func described(_ error: Error, _ language: Language) -> String {
    if let invalid = error as? InvalidBaseURL { return TerminalText.escape(invalid.message(language)) }
    return TerminalText.escape("\(error)")
}
