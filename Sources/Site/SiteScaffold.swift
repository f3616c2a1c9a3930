import Records

/// The files `tthc init` writes: a site that builds at once, explained in Vietnamese, with the
/// editor and CI set up for staff who are not programmers.
public enum SiteScaffold {
    public static func files(unitName: String, provinceCode: String, provinceName: String, baseURL: String) -> [(path: String, text: String)] {
        [
            ("site.yml", siteConfiguration(unitName: unitName, provinceCode: provinceCode, provinceName: provinceName, baseURL: baseURL)),
            ("content/thu-tuc/.gitkeep", ""),
            (".gitignore", "public/\n.build/\n"),
            (".vscode/tasks.json", tasks),
            (".vscode/settings.json", settings),
            (".github/workflows/tthc.yml", workflow),
        ] + DefaultTheme.files.map { ("templates/" + $0.path, $0.text) }
    }

    static func siteConfiguration(unitName: String, provinceCode: String, provinceName: String, baseURL: String) -> String {
        """
        # Cấu hình trang công khai thủ tục hành chính của đơn vị (tthc).
        # Sửa xong, chạy `tthc check` để kiểm tra; lỗi chỉ rõ dòng và cách sửa.

        # Tên đơn vị, đúng như trên con dấu, ví dụ "UBND xã Hoa Ban".
        ten_don_vi: \(CanonicalYAML.quotedScalar(unitName))
        # Cấp của đơn vị: xa (xã, phường, đặc khu) hoặc tinh.
        cap: xa
        # Tỉnh, thành phố: mã UBND tỉnh trên CSDL quốc gia (ví dụ H35) và tên.
        # Thủ tục đặc thù của tỉnh khác không bao giờ được đăng nhầm.
        tinh:
          ma: \(CanonicalYAML.quotedScalar(provinceCode))
          ten: \(CanonicalYAML.quotedScalar(provinceName))
        # Địa chỉ, điện thoại, thư điện tử, giờ làm việc: hiện ở cuối mỗi trang (không bắt buộc).
        # dia_chi: "Số 1, đường …"
        # dien_thoai: "0200 000 0000"
        # email: mot-cua@example.gov.vn
        # gio_lam_viec: "Sáng 7:30–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"
        # Địa chỉ trang web; có thể là một đường dẫn con trên cổng của tỉnh.
        base_url: \(CanonicalYAML.quotedScalar(baseURL))
        # Những thủ tục đơn vị đăng: theo cấp thực hiện, và nếu cần, thêm hoặc bỏ từng mã.
        chon:
          cap_thuc_hien:
            - xa
          # linh_vuc: [G15-TP07]      # chỉ đăng các lĩnh vực này (mã lĩnh vực)
          # them: ["1.000001"]        # đăng thêm các mã này
          # bo: ["1.000002"]          # không đăng các mã này
        # Nơi người dân gửi phản ánh, kiến nghị về thủ tục (NĐ 20/2008/NĐ-CP Điều 13) và trang đánh giá
        # mức độ hài lòng (NĐ 224/2026/NĐ-CP Điều 10): hiện ở cuối mỗi trang; báo cáo `tthc bao-cao` kiểm tra.
        # phan_anh_kien_nghi:
        #   dia_chi: "Bộ phận Một cửa, …"
        #   dien_thoai: "0200 000 0000"
        #   email: phan-anh@example.gov.vn
        # danh_gia_hai_long: https://example.gov.vn/danh-gia/
        # Báo cáo công khai, minh bạch tại /bao-cao/; `cong_khai: false` để không đăng
        # (khi đó `tthc bao-cao --html THU_MUC` ghi báo cáo vào một thư mục riêng).
        # bao_cao:
        #   cong_khai: false

        """
    }

    /// How VS Code reads `tthc check --format github` lines into its Problems panel.
    static let matcherFields = """
        "owner": "tthc",
                "fileLocation": ["relative", "${workspaceFolder}"],
                "pattern": {
                  "regexp": "^::(error|warning) file=([^,]+),line=(\\\\d+),col=(\\\\d+),title=([^:]+)::(.*)$",
                  "severity": 1, "file": 2, "line": 3, "column": 4, "code": 5, "message": 6
                }
        """

    /// `tthc check --watch` in the background: every save re-checks, and VS Code's Problems panel
    /// shows each error at its line (its YAML extension does not look inside Markdown files).
    static let tasks = """
        {
          "version": "2.0.0",
          "tasks": [
            {
              "label": "tthc: kiểm tra khi lưu",
              "type": "shell",
              "command": "tthc check --watch --format github",
              "isBackground": true,
              "runOptions": { "runOn": "folderOpen" },
              "presentation": { "reveal": "never" },
              "problemMatcher": {
                \(matcherFields),
                "background": { "beginsPattern": "^tthc: đang kiểm tra", "endsPattern": "^tthc: kiểm tra xong" }
              }
            },
            {
              "label": "tthc: kiểm tra",
              "type": "shell",
              "command": "tthc check --format github",
              "group": { "kind": "test", "isDefault": true },
              "problemMatcher": {
                \(matcherFields)
              }
            },
            {
              "label": "tthc: tạo trang",
              "type": "shell",
              "command": "tthc build",
              "group": { "kind": "build", "isDefault": true },
              "problemMatcher": []
            }
          ]
        }

        """

    static let settings = """
        {
          "files.encoding": "utf8",
          "files.eol": "\\n",
          "files.insertFinalNewline": true,
          "files.exclude": { "public": true },
          "[markdown]": { "editor.wordWrap": "on", "editor.quickSuggestions": { "other": true } },
          "task.allowAutomaticTasks": "on"
        }

        """

    /// On every push and pull request: is the site behind the national catalog, are the records
    /// valid (errors shown on the pull request), does it build; on main, publish `public/`.
    static let workflow = """
        name: tthc
        on:
          push:
            branches: [main]
          pull_request:
          schedule:
            - cron: "0 1 * * *"   # mỗi sáng: phát hiện khi CSDL quốc gia thay đổi
        env:
          TTHC_REPO: https://github.com/tthc-vn/tthc      # nơi lấy mã nguồn tthc
          TTHC_CATALOG: du-lieu/csdl-quoc-gia.json         # tệp xuất CSDL quốc gia của đơn vị
        jobs:
          kiem-tra:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Cài tthc
                run: |
                  sudo apt-get update -qq
                  sudo apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
                  git clone --depth 1 "$TTHC_REPO" "$RUNNER_TEMP/tthc"
                  make -C "$RUNNER_TEMP/tthc" build
                  echo "$RUNNER_TEMP/tthc/.build/release" >> "$GITHUB_PATH"
              - name: Trang có lệch khỏi CSDL quốc gia không
                if: hashFiles(env.TTHC_CATALOG) != ''
                run: tthc sync --check --catalog "$TTHC_CATALOG"
              - name: Kiểm tra hồ sơ
                run: tthc check --format github
              - name: Tạo trang
                run: tthc build
              - uses: actions/upload-pages-artifact@v3
                with:
                  path: public
          dang-trang:
            if: github.ref == 'refs/heads/main' && github.event_name != 'pull_request'
            needs: kiem-tra
            runs-on: ubuntu-latest
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
            steps:
              - uses: actions/deploy-pages@v4

        """
}
