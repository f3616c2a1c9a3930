/// The editor's script and style, served from `/__tthc/` (files, not inline: the pages' policy
/// runs no inline script). The script checks the form with the server as the clerk types (the
/// validator's own messages, put at their field), shows each section's Markdown as the site will,
/// adds and removes list rows, and never writes a server's text into the page as markup except the
/// preview, which is tthc's own safe rendering.
enum EditorAssets {
    static let files: [String: (type: String, text: String)] = [
        "editor.js": ("text/javascript; charset=utf-8", script),
        "editor.css": ("text/css; charset=utf-8", style),
        "tai-lai.js": ("text/javascript; charset=utf-8", reload),
    ]

    /// Reloads a preview page when the site was built again (a save here or in a text editor).
    static let reload = """
        (function () {
          var meta = document.querySelector('meta[name="tthc-phien"]');
          var seen = meta ? meta.content : null;
          // A reload started while the clerk is leaving (a click on "Sửa") would cancel that navigation.
          var leaving = false;
          window.addEventListener('beforeunload', function () { leaving = true; });
          // The server holds each ask until the next build is shown (a long poll): an answer that
          // comes back at once with the same build (too many asks held) is asked again 250 ms later.
          function ask() {
            if (leaving) { return; }
            var asked = Date.now();
            var query = seen === null ? '' : '?sau=' + encodeURIComponent(seen);
            fetch('/__tthc/phien' + query, {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (t) {
              if (seen === null) { seen = t; } else if (t !== seen && !leaving) { location.reload(); return; }
              setTimeout(ask, Date.now() - asked < 200 ? 250 : 0);
            }).catch(function () { setTimeout(ask, 1000); });
          }
          ask();
        })();
        """

    static let script = """
        (function () {
          'use strict';
          var form = document.getElementById('bieu-mau');
          if (!form) { return; }
          var csrf = form.querySelector('input[name="_csrf"]').value;
          function encoded(data) { return new URLSearchParams(data).toString(); }

          function holder(path) {
            var p = path;
            while (true) {
              var found = form.querySelector('[data-loi-for="' + CSS.escape(p) + '"]');
              if (found) { return found; }
              if (p === '') { return document.getElementById('loi-chung'); }
              var cut = p.lastIndexOf('.');
              p = cut < 0 ? '' : p.slice(0, cut);
            }
          }
          function clear() {
            form.querySelectorAll('.loi').forEach(function (el) { el.textContent = ''; });
            document.getElementById('loi-chung').textContent = '';
            form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
          }
          function say(path, severity, text) {
            var el = holder(path || '');
            var span = document.createElement('span');
            span.className = severity;
            span.textContent = text;
            if (el.textContent) { el.appendChild(document.createTextNode(' ')); }
            el.appendChild(span);
            // An error inside the closed national part opens it: a message no one sees helps no one.
            var part = el.closest('details');
            if (severity === 'error' && part && !part.open) { part.open = true; }
            if (severity === 'error' && el.id && el.id.indexOf('loi-') === 0) {
              var input = document.getElementById(el.id.slice(4));
              if (input) { input.setAttribute('aria-invalid', 'true'); }
            }
          }
          /// A number box holding what is not a number: the browser would send it empty.
          function badNumbers() {
            var bad = [];
            form.querySelectorAll('input[type="number"]').forEach(function (input) {
              if (input.validity && input.validity.badInput) { bad.push(input); }
            });
            return bad;
          }
          var timer = null, asked = 0;
          function check() {
            var mine = ++asked;
            fetch(form.dataset.kiemTra, {method: 'POST', body: encoded(new FormData(form)),
                  headers: {'Content-Type': 'application/x-www-form-urlencoded'}})
              .then(function (r) { return r.json(); })
              .then(function (findings) {
                if (mine !== asked) { return; }
                clear();
                findings.forEach(function (f) { say(f.truong, f.muc_do, f.thong_bao); });
                badNumbers().forEach(function (input) {
                  say(input.closest('[data-path]').dataset.path, 'error', 'Chỉ gõ số: chữ số, phần thập phân sau dấu chấm (ví dụ 50000 hoặc 0.5).');
                });
                form.dataset.daKiemTra = String(mine);
              }).catch(function () {});
          }
          function later() { clearTimeout(timer); timer = setTimeout(check, 350); }
          form.addEventListener('input', later);
          form.addEventListener('change', later);

          var previewTimers = {};
          function preview(area) {
            var target = document.getElementById(area.dataset.xemTruoc);
            if (!target) { return; }
            fetch('/__tthc/xem-truoc', {method: 'POST', body: encoded({_csrf: csrf, noi_dung: area.value}),
                  headers: {'Content-Type': 'application/x-www-form-urlencoded'}})
              .then(function (r) { return r.text(); })
              // tthc's own rendering (cmark-gfm without raw HTML, the same as the published page).
              .then(function (html) { target.innerHTML = html; }).catch(function () {});
          }
          form.addEventListener('input', function (event) {
            var area = event.target;
            if (!area.dataset || !area.dataset.xemTruoc) { return; }
            clearTimeout(previewTimers[area.id]);
            previewTimers[area.id] = setTimeout(function () { preview(area); }, 250);
          });
          form.querySelectorAll('textarea[data-xem-truoc]').forEach(preview);

          function nextIndex(list, placeholder) {
            var most = -1;
            Array.prototype.forEach.call(list.children, function (li) {
              var n = parseInt(li.dataset.path.split('.').pop(), 10);
              if (!isNaN(n) && n > most) { most = n; }
            });
            return most + 1;
          }
          form.addEventListener('click', function (event) {
            var button = event.target;
            if (button.classList.contains('them')) {
              var set = button.closest('fieldset');
              var list = set.querySelector(':scope > ol');
              var template = set.querySelector(':scope > template');
              var placeholder = set.dataset.placeholder;
              var n = nextIndex(list, placeholder);
              list.insertAdjacentHTML('beforeend', template.innerHTML.split(placeholder).join(String(n)));
              later();
            } else if (button.classList.contains('xoa') || button.classList.contains('xoa-muc')) {
              button.closest('li').remove();
              later();
            } else if (button.classList.contains('them-muc')) {
              var rows = form.querySelector('.muc-list');
              var n2 = nextIndex(rows, '__M__');
              rows.insertAdjacentHTML('beforeend', document.getElementById('mau-muc').innerHTML.split('__M__').join(String(n2)));
            }
          });
          form.addEventListener('submit', function (event) {
            var bad = badNumbers();
            if (bad.length) {
              event.preventDefault();
              check();
              bad[0].focus();
            }
          });
        })();
        """

    static let style = """
        body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fafafa}
        .thanh{background:#1a3d6d;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
        .thanh a{color:#fff}.dang-xuat{display:inline;margin:0}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        fieldset{border:1px solid #b8c2cc;border-radius:4px;margin:.75rem 0;padding:.5rem .75rem}
        legend{font-weight:600}
        .truong{margin:.5rem 0}.truong label{display:block;font-weight:500}
        input[type=text],input[type=number],input[type=date],input:not([type]),select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.3rem;border:1px solid #6b7785;border-radius:3px}
        textarea{min-height:3rem}
        [aria-invalid=true]{border:2px solid #b00020}
        .loi{margin:.2rem 0;min-height:0}.loi .error,.loi-chung .error{color:#b00020;font-weight:600}.loi .warning,.loi-chung .warning{color:#7a4b00}
        .loi-chung:not(:empty){border-left:4px solid #b00020;padding:.25rem .5rem;background:#fdecee}
        .bat-buoc{color:#b00020;font-weight:400}.can-du{color:#555;font-weight:400}
        ol{padding-left:1.25rem}.dong,.muc{margin:.5rem 0;padding:.25rem 0;border-bottom:1px dashed #c9d1d9}
        .xem-truoc{border:1px solid #d0d7de;background:#fff;padding:.25rem .75rem;min-height:1.5rem}
        .xem-truoc:empty::before{content:"Xem trước";color:#777}
        .chu-y{background:#fff7e0;border-left:4px solid #c98a00;padding:.4rem .6rem}
        .chu-thich{color:#444}
        button{font:inherit;padding:.3rem .8rem;cursor:pointer}
        #luu{background:#1a5e20;color:#fff;border:0;border-radius:3px;padding:.5rem 1.5rem}
        .hai-ban{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.hai-ban pre{white-space:pre-wrap;background:#fff;border:1px solid #ccc;padding:.5rem;overflow:auto}
        @media (max-width:40rem){.hai-ban{grid-template-columns:1fr}}
        """
}
