import Records

/// The files `tthc init` writes: a site that builds at once, explained in Vietnamese, with the
/// editor and CI set up for staff who are not programmers.
public enum SiteScaffold {
    public static func files(unitName: String, provinceCode: String, provinceName: String, baseURL: String) -> [(path: String, text: String)] {
        [("site.yml", siteConfiguration(unitName: unitName, provinceCode: provinceCode, provinceName: provinceName, baseURL: baseURL))] + shared
    }

    /// What a single site and a province's repository both hold: the records' folder, the editor's
    /// and CI's set-up (the same commands act on one site or on the whole province), the theme.
    static var shared: [(path: String, text: String)] {
        [
            ("content/thu-tuc/.gitkeep", ""),
            (".gitignore", "public/\n.build/\n\(SiteLock.fileName)\n.*\(OwnPlaces.buildState)\n"),
            (".vscode/tasks.json", tasks),
            (".vscode/settings.json", settings),
            (".github/workflows/tthc.yml", workflow),
        ] + DefaultTheme.files.map { ("templates/" + $0.path, $0.text) }
    }

    /// The options are written quoted (a `"` or a line break in a unit's name stays text), and the
    /// result is read back by `tthc init` before anything is written: it must pass its own check.
    static func siteConfiguration(unitName: String, provinceCode: String, provinceName: String, baseURL: String) -> String {
        """
        # Cấu hình trang công khai thủ tục hành chính của đơn vị (tthc).
        # Sửa xong, chạy `tthc check` để kiểm tra; lỗi chỉ rõ dòng và cách sửa.

        # Tên đơn vị, đúng như trên con dấu, ví dụ "UBND xã Hoa Ban".
        ten_don_vi: \(CanonicalYAML.quoted(unitName))
        # Cấp của đơn vị: xa (xã, phường, đặc khu) hoặc tinh.
        cap: xa
        # Tỉnh, thành phố: mã UBND tỉnh trên CSDL quốc gia (ví dụ H35) và tên.
        # Thủ tục đặc thù của tỉnh khác không bao giờ được đăng nhầm.
        tinh:
          ma: \(CanonicalYAML.quoted(provinceCode))
          ten: \(CanonicalYAML.quoted(provinceName))
        \(contactLines)
        # Địa chỉ trang web; có thể là một đường dẫn con trên cổng của tỉnh.
        base_url: \(CanonicalYAML.quoted(baseURL))
        \(selectionLines)
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

    /// The unit's contacts, to uncomment (a single site's `site.yml` and a province's unit's).
    static let contactLines = """
        # Địa chỉ, điện thoại, thư điện tử, giờ làm việc: hiện ở cuối mỗi trang (không bắt buộc).
        # dia_chi: "Số 1, đường …"
        # dien_thoai: "0200 000 0000"
        # email: mot-cua@example.gov.vn
        # gio_lam_viec: "Sáng 7:30–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"
        """

    /// What the unit publishes, explained.
    static let selectionLines = """
        # Những thủ tục đơn vị đăng: theo cấp thực hiện, và nếu cần, thêm hoặc bỏ từng mã.
        chon:
          cap_thuc_hien:
            - xa
          # linh_vuc: [G15-TP07]      # chỉ đăng các lĩnh vực này (mã lĩnh vực)
          # them: ["1.000001"]        # đăng thêm các mã này
          # bo: ["1.000002"]          # không đăng các mã này
        """

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

    /// Every night, without a person: the catalogue from the portal (`tthc fetch`), the records
    /// synchronized with it, checked, built, committed to the default branch and published. On
    /// every push and pull request: are the records what the committed catalogue says (`sync
    /// --check`), are they valid (errors shown on the pull request), does the site build.
    ///
    /// The night's changes are committed straight to the branch rather than proposed in a pull
    /// request: a pull request waits for a person, and the site would lag the National Database
    /// by as long. Sync keeps every local edit and leaves a conflicting file untouched, so what it
    /// commits is what a person would merge; a conflict fails the run (red in Actions, the
    /// conflicting fields in its log) after the rest is committed and published.
    static let workflow = """
        name: tthc
        on:
          push:
            branches: [main]
          pull_request:
          schedule:
            - cron: "17 20 * * *"   # 03:17 giờ Việt Nam: tải CSDL quốc gia, đồng bộ, đăng trang
          workflow_dispatch:          # chạy tay: tab Actions → tthc → Run workflow
        concurrency:
          group: tthc-${{ github.ref }}
          cancel-in-progress: false
        env:
          TTHC_REPO: https://github.com/tthc-vn/tthc           # nơi lấy mã nguồn tthc
          TTHC_CATALOG: content/.dong-bo/csdl-quoc-gia.jsonl   # tệp tthc fetch ghi (mặc định)
          HANG_DEM: ${{ github.event_name == 'schedule' || github.event_name == 'workflow_dispatch' }}
        jobs:
          kiem-tra:
            runs-on: ubuntu-latest
            timeout-minutes: 120
            outputs:
              trang: ${{ steps.da-tao.outputs.trang }}
            permissions:
              contents: write   # ghi lại các hồ sơ đã đồng bộ (chỉ khi chạy theo lịch hoặc chạy tay)
            steps:
              - uses: actions/checkout@v4
              - name: Cài tthc
                run: |
                  sudo apt-get update -qq
                  sudo apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libxxhash-dev pkg-config
                  git clone --depth 1 "$TTHC_REPO" "$RUNNER_TEMP/tthc"
                  make -C "$RUNNER_TEMP/tthc" build
                  echo "$RUNNER_TEMP/tthc/.build/release" >> "$GITHUB_PATH"
              # Một lần tải bị ngắt (mạng, bị chặn) được lần sau tiếp tục: giữ nhật ký tải giữa các lần chạy.
              - name: Lấy lại nhật ký tải của lần trước (nếu có)
                if: env.HANG_DEM == 'true'
                uses: actions/cache/restore@v4
                with:
                  path: ${{ env.TTHC_CATALOG }}.dang-tai
                  key: tthc-fetch-${{ github.run_id }}
                  restore-keys: tthc-fetch-
              # Mã 1: vài chi tiết lỗi (dùng bản lần trước, đã nêu tên); mã 2: bị chặn hoặc từ chối, không thay gì.
              - name: Tải danh mục từ Cổng DVC quốc gia
                id: tai
                if: env.HANG_DEM == 'true'
                run: |
                  status=0
                  tthc fetch || status=$?
                  if [ "$status" = 1 ]; then echo "::warning::Một số chi tiết không tải được, dùng bản lần trước (xem nhật ký bước này)."; exit 0; fi
                  exit "$status"
              - name: Giữ nhật ký tải để lần sau tiếp tục
                if: always() && env.HANG_DEM == 'true' && hashFiles(format('{0}.dang-tai', env.TTHC_CATALOG)) != ''
                uses: actions/cache/save@v4
                with:
                  path: ${{ env.TTHC_CATALOG }}.dang-tai
                  key: tthc-fetch-${{ github.run_id }}
              # Mã 1 (xung đột, hồ sơ lỗi): các hồ sơ khác vẫn được đồng bộ và đăng; lần chạy này báo đỏ ở cuối.
              - name: Đồng bộ hồ sơ với CSDL quốc gia
                id: dong-bo
                if: env.HANG_DEM == 'true'
                run: |
                  status=0
                  tthc sync --catalog "$TTHC_CATALOG" || status=$?
                  echo "ma=$status" >> "$GITHUB_OUTPUT"
                  [ "$status" -le 1 ]
              - name: Trang có lệch khỏi CSDL quốc gia không
                if: env.HANG_DEM != 'true' && hashFiles(env.TTHC_CATALOG) != ''
                run: tthc sync --check --catalog "$TTHC_CATALOG"
              - name: Kiểm tra hồ sơ
                run: tthc check --format github
              # Trang lần trước và trạng thái của nó: khi không có gì thay đổi, tthc build không ghi lại gì.
              - name: Lấy lại trang đã tạo lần trước (nếu có)
                uses: actions/cache/restore@v4
                with:
                  path: |
                    public
                    .public.tthc-build
                  key: tthc-build-${{ github.run_id }}
                  restore-keys: tthc-build-
              - name: Tạo trang
                run: tthc build
              - name: Giữ trang đã tạo cho lần sau
                uses: actions/cache/save@v4
                with:
                  path: |
                    public
                    .public.tthc-build
                  key: tthc-build-${{ github.run_id }}
              - name: Ghi lại các hồ sơ đã đồng bộ
                if: env.HANG_DEM == 'true'
                run: |
                  git config user.name "github-actions[bot]"
                  git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
                  git add content
                  if git diff --cached --quiet; then echo "Không có thay đổi."; exit 0; fi
                  git commit -q -m "Đồng bộ với CSDL quốc gia ngày $(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)"
                  git pull -q --rebase origin "$GITHUB_REF_NAME"
                  git push -q origin "HEAD:$GITHUB_REF_NAME"
              - uses: actions/upload-pages-artifact@v3
                with:
                  path: public
              - id: da-tao
                run: echo "trang=co" >> "$GITHUB_OUTPUT"
              - name: Báo xung đột khi đồng bộ
                if: steps.dong-bo.outputs.ma == '1'
                run: |
                  echo "::error::tthc sync gặp xung đột hoặc hồ sơ không đọc được; các hồ sơ khác đã được đồng bộ và đăng. Xem bước 'Đồng bộ hồ sơ với CSDL quốc gia'."
                  exit 1
          dang-trang:
            # Also after a conflict was reported: the site built from everything else is published.
            if: always() && needs.kiem-tra.outputs.trang == 'co' && github.ref == 'refs/heads/main' && github.event_name != 'pull_request'
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
