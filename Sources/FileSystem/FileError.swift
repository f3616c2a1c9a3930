import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// An operation on the file system that failed: what was tried, on which path, and why, told in
/// Vietnamese and in English. Every read and write of tthc goes through `Files`, so no failure
/// reaches a user as a bare "(null)" without its path.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Operation: Sendable, Equatable {
        case read, write, createFolder, list, rename(from: String), remove, inspect, lock
    }

    public enum Reason: Sendable, Equatable {
        /// The system's error number.
        case system(Errno)
        /// Not a regular file: a device, a pipe or a socket, which tthc never reads or writes.
        case notARegularFile
        /// A file tthc writes into in place has other names too (a hard link, this many names in
        /// all): writing would change the file under its other name as well.
        case hardLinked(names: Int)
        /// The file changed after tthc read it (a clerk saved it in the editor or the browser while
        /// sync ran): writing would lose that edit, so nothing was written over it.
        case changedMeanwhile
        /// A file in the folder whose name is not UTF-8, shown with its other bytes as `\xHH`
        /// (as a shell's `$'…'` takes it, so that it can be renamed).
        case nameNotUTF8(shown: String)
    }

    public var operation: Operation
    public var path: String
    public var reason: Reason

    public init(_ operation: Operation, _ path: String, _ reason: Reason) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public init(_ operation: Operation, _ path: String, _ errno: Errno) {
        self.init(operation, path, .system(errno))
    }

    /// The error number the C library left after a failed call.
    public static func last(_ operation: Operation, _ path: String) -> FileError {
        FileError(operation, path, Errno(rawValue: Glibc.errno))
    }

    /// The system's error number, if the system gave one.
    public var errno: Errno? {
        if case .system(let errno) = reason { return errno }
        return nil
    }

    /// Nothing was there (ENOENT).
    public var isMissing: Bool { errno == .noSuchFileOrDirectory }
    /// Something already was there (EEXIST).
    public var alreadyExists: Bool { errno == .fileExists }

    public var vi: String { "\(action.vi) \(path): \(cause.vi)" }
    public var en: String { "\(action.en) \(path): \(cause.en)" }
    public var description: String { vi }

    private var cause: (vi: String, en: String) {
        switch reason {
        case .system(let errno):
            let cause = Cause(errno)
            return (cause.vi, cause.en)
        case .notARegularFile:
            return ("đây không phải tệp thông thường (thiết bị, ống dẫn hoặc socket)", "not a regular file (a device, pipe or socket)")
        case .hardLinked(let names):
            return ("tệp này còn mang \(names - 1) tên khác (liên kết cứng, hard link), nên ghi vào đây sẽ sửa cả tệp ở tên kia; xoá tên này (nội dung vẫn còn ở tên kia) rồi chạy lại",
                    "the file has \(names - 1) other name(s) (a hard link), so writing here would change the file under that name too; remove this name (the content stays under the other) and run again")
        case .nameNotUTF8(let shown):
            return ("tệp `\(shown)` ở đây có tên tệp không phải chữ UTF-8 (thường do chép từ máy dùng bảng mã cũ); hãy đặt lại tên tệp (EILSEQ)",
                    "the file `\(shown)` here: the name is not UTF-8 text (often a file copied from a machine with an old code page); rename the file (EILSEQ)")
        case .changedMeanwhile:
            return ("tệp vừa được sửa trong lúc lệnh đang chạy (trong trình soạn thảo hoặc trình duyệt), nên tthc không ghi đè lên bản vừa sửa; chạy lại lệnh.",
                    "the file was changed while the command ran (in an editor or the browser), so tthc did not write over that edit; run the command again.")
        }
    }

    private var action: (vi: String, en: String) {
        switch operation {
        case .read: return ("không đọc được", "cannot read")
        case .write: return ("không ghi được", "cannot write")
        case .createFolder: return ("không tạo được thư mục", "cannot create the folder")
        case .list: return ("không đọc được thư mục", "cannot list the folder")
        case .rename(let source): return ("không chuyển được \(source) thành", "cannot move \(source) to")
        case .remove: return ("không xóa được", "cannot remove")
        case .inspect: return ("không xem được", "cannot look at")
        case .lock: return ("không khóa được", "cannot lock")
        }
    }
}
