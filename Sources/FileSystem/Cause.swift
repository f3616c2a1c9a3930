import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why the system refused, in words a commune's staff can act on, with the error's name for
/// whoever searches for it (`ENOSPC`). The errors people meet are spelled out; any other keeps
/// the system's own English text.
struct Cause {
    let vi: String
    let en: String

    init(_ errno: Errno) {
        let name = Self.names[errno.rawValue] ?? "errno \(errno.rawValue)"
        let (vi, en) = Self.words(errno) ?? ("lỗi hệ thống: \(errno.description)", errno.description)
        self.vi = "\(vi) (\(name))"
        self.en = "\(en) (\(name))"
    }

    private static func words(_ errno: Errno) -> (String, String)? {
        switch errno {
        case .noSpace: return ("ổ đĩa đã đầy", "no space left on the disk")
        case .diskQuotaExceeded: return ("đã hết hạn mức dung lượng trên ổ đĩa", "disk quota exceeded")
        case .permissionDenied: return ("không có quyền", "permission denied")
        case .notPermitted: return ("hệ thống không cho phép (tệp có thể bị khóa, chattr +i)", "not permitted (the file may be immutable)")
        case .readOnlyFileSystem: return ("ổ đĩa chỉ cho đọc", "read-only file system")
        case .notDirectory: return ("một phần của đường dẫn là tệp, không phải thư mục", "a part of the path is a file, not a folder")
        case .isDirectory: return ("đây là một thư mục, không phải tệp", "it is a folder, not a file")
        case .noSuchFileOrDirectory: return ("không có tệp hoặc thư mục này", "no such file or folder")
        case .fileExists: return ("đã có một tệp hoặc thư mục ở đây", "something already exists there")
        case .directoryNotEmpty: return ("thư mục không trống", "the folder is not empty")
        case .improperLink: return ("hai đường dẫn nằm trên hai ổ đĩa khác nhau", "the two paths are on different file systems")
        case .tooManySymbolicLinkLevels: return ("là một liên kết tắt (symlink) hoặc vòng liên kết, không được đi theo",
                                                 "it is a symbolic link (or a loop of links), not followed")
        case .fileNameTooLong: return ("tên hoặc đường dẫn quá dài", "the name or path is too long")
        case .tooManyOpenFiles, .tooManyOpenFilesInSystem: return ("quá nhiều tệp đang mở", "too many open files")
        case .ioError: return ("lỗi đọc ghi của thiết bị (ổ đĩa có thể bị hỏng)", "input/output error (the disk may be failing)")
        case .resourceBusy, .textFileBusy: return ("đang được chương trình khác dùng", "in use by another program")
        case .fileTooLarge: return ("tệp quá lớn", "the file is too large")
        case .noMemory: return ("không đủ bộ nhớ", "out of memory")
        case .illegalByteSequence: return ("tên tệp không phải chữ UTF-8 (thường do chép từ máy dùng bảng mã cũ); hãy đặt lại tên tệp",
                                           "the name is not UTF-8 text (often a file copied from a machine with an old code page); rename the file")
        default: return nil
        }
    }

    private static let names: [CInt: String] = [
        ENOSPC: "ENOSPC",
        EDQUOT: "EDQUOT",
        EACCES: "EACCES",
        EPERM: "EPERM",
        EROFS: "EROFS",
        ENOTDIR: "ENOTDIR",
        EISDIR: "EISDIR",
        ENOENT: "ENOENT",
        EEXIST: "EEXIST",
        ENOTEMPTY: "ENOTEMPTY",
        EXDEV: "EXDEV",
        ELOOP: "ELOOP",
        ENAMETOOLONG: "ENAMETOOLONG",
        EMFILE: "EMFILE",
        ENFILE: "ENFILE",
        EIO: "EIO",
        EBUSY: "EBUSY",
        ETXTBSY: "ETXTBSY",
        EFBIG: "EFBIG",
        ENOMEM: "ENOMEM",
        EILSEQ: "EILSEQ",
        EINVAL: "EINVAL",
        ENOSYS: "ENOSYS",
        EAGAIN: "EAGAIN",
        EBADF: "EBADF",
        ENXIO: "ENXIO",
        ENODEV: "ENODEV",
        ESTALE: "ESTALE",
        EINTR: "EINTR",
    ]
}
