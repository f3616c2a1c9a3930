import FileSystem

/// An error that stops a command, with the sentence its user reads in either language: what
/// failed, where, and what to do. The command line prints `explanation` and exits 2.
public protocol ExplainedError: Error {
    var explanation: Localized { get }
}

extension FileError: ExplainedError {
    public var explanation: Localized { Localized(vi: vi, en: en) }
}

extension Localized {
    /// What went wrong, in words: an `ExplainedError`'s explanation, else the error as Swift prints it.
    public static func of(_ error: Error) -> Localized {
        if let explained = error as? ExplainedError { return explained.explanation }
        let text = "\(error)"
        return Localized(vi: text, en: text)
    }
}
