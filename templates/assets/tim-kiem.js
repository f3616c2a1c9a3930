// tthc search page: queries the index `tthc build` wrote under tim-kiem/ (SEARCH.md).
// Plain script, no build step, no package. fold, syllables, toned and exact are the Swift
// functions of Sources/Search, rule for rule: the index and the query must agree, and the tests
// run the same cases through both.
(function () {
  'use strict';

  // ---- Text: the same folding and tokenizing as the index -------------------------------------

  var MARKS = /[\u0300-\u036f]/g;
  var SEPARATORS = /[^\p{L}\p{N}]+/u;

  // NFC → NFD → combining marks dropped → đ/Đ → d → lowercase.
  function fold(text) {
    return text.normalize('NFC').normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  // "ký"/"kí": after a consonant, a final y is written i.
  function iyNormalized(folded) {
    if (folded.length < 2 || folded[folded.length - 1] !== 'y') return folded;
    return 'bcdghklmnprstvx'.indexOf(folded[folded.length - 2]) >= 0 ? folded.slice(0, -1) + 'i' : folded;
  }

  function syllables(text) {
    return fold(text).split(SEPARATORS).filter(Boolean).map(iyNormalized);
  }

  var TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  var VOWELS = 'aeiouy';

  function isMark(c) { return c >= '\u0300' && c <= '\u036f'; }

  // Where the tone goes, whichever way the text was written (VietnameseFolding.tonePosition).
  function tonePosition(letters) {
    var start = 0;
    if (letters.length > 2 && VOWELS.indexOf(letters[2].base) >= 0) {
      var a = letters[0].base, b = letters[1].base;
      if ((a === 'q' && b === 'u') || (a === 'g' && b === 'i')) start = 2;
    }
    var first = -1;
    for (var i = start; i < letters.length; i++) if (VOWELS.indexOf(letters[i].base) >= 0) { first = i; break; }
    if (first < 0) return -1;
    var last = first;
    while (last + 1 < letters.length && VOWELS.indexOf(letters[last + 1].base) >= 0) last++;
    for (var j = last; j >= first; j--) if (letters[j].marks.length) return j;
    var count = last - first + 1;
    if (count === 1) return first;
    if (count === 2) {
      var pair = letters[first].base + letters[last].base;
      return last < letters.length - 1 || pair === 'oa' || pair === 'oe' || pair === 'uy' ? last : first;
    }
    return first + 1;
  }

  // The syllable lowercased with its tone where the new orthography puts it: "hoà" = "hòa".
  function toned(syllable) {
    var lower = syllable.toLowerCase();
    var letters = [], tone = null;
    Array.from(lower.normalize('NFD')).forEach(function (c) {
      if (TONES.indexOf(c) >= 0) tone = c;
      else if (isMark(c) && letters.length) letters[letters.length - 1].marks.push(c);
      else letters.push({ base: c, marks: [] });
    });
    if (tone === null) return lower.normalize('NFC');
    var position = tonePosition(letters);
    if (position >= 0) letters[position].marks.push(tone);
    return letters.map(function (l) { return l.base + l.marks.join(''); }).join('').normalize('NFC');
  }

  // toned, with a final y after a consonant written i: "Ký" and "kí" → "kí".
  function exact(syllable) {
    var t = toned(syllable), f = fold(t);
    if (iyNormalized(f) === f) return t;
    var chars = Array.from(t.normalize('NFD'));
    for (var i = chars.length - 1; i >= 0; i--) {
      if (isMark(chars[i])) continue;
      if (chars[i] === 'y') chars[i] = 'i';
      break;
    }
    return chars.join('').normalize('NFC');
  }

  // Shard files are named by their key (ShardPlan.swift): as is when plain, else in hexadecimal.
  function shardFile(key) {
    if (key === '') return '_';
    if (/^[a-z0-9.]+$/.test(key)) return key;
    return 'x' + Array.from(new TextEncoder().encode(key)).map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // A prefix spread over more shards than this waits for another letter.
  var PREFIX_SHARDS = 6;

  // The shards that may hold a term: the longest key that is a prefix of it and, for a prefix
  // being typed, every key that starts with it.
  function shardsFor(tier, term, prefix) {
    var found = [];
    for (var i = term.length; i >= 0; i--) {
      if (tier.has(term.slice(0, i))) { found.push(term.slice(0, i)); break; }
    }
    if (prefix) {
      var longer = tier.keys.filter(function (k) { return k.length > term.length && k.lastIndexOf(term, 0) === 0; });
      if (longer.length <= PREFIX_SHARDS) found = found.concat(longer);
    }
    return found;
  }

  // ---- The index -------------------------------------------------------------------------------

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = {};
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET[d]] = d;

  // Gap-coded document numbers (PostingCode.swift), each followed by a score when withScores.
  function decode(text, withScores) {
    var documents = [], scores = [], previous = -1, i = 0;
    while (i < text.length) {
      var value = 0, digit;
      while ((digit = DIGIT[text[i++]]) >= 32) value = value * 32 + (digit - 32);
      previous = previous + 1 + value * 32 + digit;
      documents.push(previous);
      if (withScores) scores.push(DIGIT[text[i++]]);
    }
    return { documents: documents, scores: scores };
  }

  function Index(root) {
    this.base = root + 'tim-kiem/';
    this.files = new Map();
    this.manifest = null;
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.manifest) {
      // The manifest is revalidated each visit; every other file carries its version in the URL.
      this.manifest = fetch(this.base + 'chi-muc.json', { cache: 'no-cache' }).then(function (r) {
        if (!r.ok) throw new Error('chi-muc.json: ' + r.status);
        return r.json();
      }).then(function (m) {
        m.t = tier('t', m.t);
        return m;
      });
      this.manifest.catch(function () { self.manifest = null; });
    }
    return this.manifest;
  };

  Index.prototype.file = function (path) {
    var self = this;
    if (!this.files.has(path)) {
      var request = this.load().then(function (m) {
        return fetch(self.base + path + '?v=' + m.v);
      }).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
      request.catch(function () { self.files.delete(path); });
      this.files.set(path, request);
    }
    return this.files.get(path);
  };

  function tier(name, keys) {
    var set = new Set(keys);
    return { keys: keys, has: function (k) { return set.has(k); }, name: name };
  }

  // The body and exact tiers' keys (b.json, x.json), fetched the first time a query needs them.
  Index.prototype.tier = function (name) {
    return this.file(name + '.json').then(function (keys) { return tier(name, keys); });
  };

  // The terms of the given shards of a tier, as one object.
  Index.prototype.terms = function (tier, keys) {
    var self = this;
    var wanted = Array.from(new Set(keys));
    return Promise.all(wanted.map(function (k) { return self.file(tier.name + '/' + shardFile(k) + '.json'); }))
      .then(function (files) { return Object.assign.apply(null, [{}].concat(files)); });
  };

  // ---- A query ---------------------------------------------------------------------------------

  var CODE = /(^|[^0-9])([0-9]\.[0-9]{6})(?![0-9])/g;

  // Words to match: codes as typed, then syllables; the last is a prefix while it is being typed.
  function parse(text) {
    var codes = [];
    var rest = text.replace(CODE, function (all, before, code) { codes.push(code); return before + ' '; });
    var words = syllables(rest);
    var typed = rest.normalize('NFC').split(/[^\p{L}\p{N}\u0300-\u036f]+/u).filter(Boolean);
    var open = words.length > 0 && !/[^\p{L}\p{N}\u0300-\u036f]$/u.test(rest);
    // A last word typed with its tone mark is finished: Vietnamese keyboards put the mark last.
    if (open && typed.length && /[\u0300\u0301\u0303\u0309\u0323]/.test(typed[typed.length - 1].normalize('NFD'))) open = false;
    var units = codes.map(function (c) { return { term: c, prefix: false, exact: null, word: false }; });
    words.forEach(function (w, i) {
      var last = i === words.length - 1;
      var number = /^[0-9]/.test(w);
      var raw = typed.length === words.length ? typed[i] : null;
      units.push({
        term: w, word: true,
        prefix: open && last && w.length >= (number ? 4 : 2),
        exact: raw && fold(raw) !== raw.toLowerCase() ? exact(raw) : null,
      });
    });
    var pairs = [];
    for (var i = 0; i + 1 < words.length; i++) {
      pairs.push({ term: words[i] + ' ' + words[i + 1], prefix: open && i + 2 === words.length });
    }
    return { units: units, pairs: pairs, words: words, open: open, text: text };
  }

  function idf(count, n) { return Math.log(1 + n / count); }

  // For each document, the best score any term of `wanted` earns: the exact term, or for a
  // prefix every term that starts with it (a little less than the whole word).
  // `unscored`: the exact tier, whose lists say only where a spelling occurs (worth a name match).
  function matches(terms, wanted, n, into, unscored) {
    var found = [];
    if (wanted.prefix) {
      var isPair = wanted.term.indexOf(' ') >= 0;
      for (var term in terms) {
        if (term.lastIndexOf(wanted.term, 0) === 0 && (isPair || term.indexOf(' ') < 0)) found.push(term);
      }
    } else if (Object.prototype.hasOwnProperty.call(terms, wanted.term)) {
      found.push(wanted.term);
    }
    var lists = found.map(function (term) { return decode(terms[term], !unscored); });
    // A prefix weighs as the whole set of its completions: the common "kết hôn" is not outranked
    // by a rarer "kết hợp" just because rare words weigh more.
    var count = lists.reduce(function (sum, l) { return sum + l.documents.length; }, 0);
    found.forEach(function (term, t) {
      var postings = lists[t];
      var weight = idf(wanted.prefix ? count : postings.documents.length, n) * (term === wanted.term ? 1 : 0.85) / 4;
      postings.documents.forEach(function (doc, i) {
        var score = weight * (unscored ? 40 : postings.scores[i]);
        if (!(into.get(doc) >= score)) into.set(doc, score);
      });
    });
    return into;
  }

  function Search(index) { this.index = index; }

  // Ranked document numbers: most query words matched first, then score, then alphabetical.
  Search.prototype.run = function (query, filters) {
    var index = this.index, parsed = parse(query);
    return index.load().then(function (m) {
      var keysIn = function (tier, list) {
        return [].concat.apply([], list.map(function (w) { return shardsFor(tier, w.term, w.prefix); }));
      };
      // Marks decide between words that fold alike ("đường", "dương") in short queries; in longer
      // ones the phrases already do, and the exact shards are not worth their bytes.
      var exacts = parsed.words.length > 2 ? [] : parsed.units.filter(function (u) { return u.exact; })
        .map(function (u) { return { term: u.exact, prefix: false }; });
      var filterSets = Promise.all(Object.keys(filters).map(function (key) {
        return index.file('loc/' + key + '.json').then(function (lists) {
          return new Set(decode(lists[filters[key]] || '', false).documents);
        });
      }));
      return Promise.all([
        index.terms(m.t, keysIn(m.t, parsed.units.concat(parsed.pairs))),
        exacts.length ? index.tier('x').then(function (x) { return index.terms(x, keysIn(x, exacts)); }) : {},
        filterSets,
      ]).then(function (loaded) {
        var primary = loaded[0], exactTerms = loaded[1], sets = loaded[2];
        var allowed = function (doc) { return sets.every(function (s) { return s.has(doc); }); };
        if (!parsed.units.length) {
          if (!sets.length) return { parsed: parsed, ranked: [] };
          var all = [];
          for (var doc = 0; doc < m.n; doc++) if (allowed(doc)) all.push(doc);
          return { parsed: parsed, ranked: all };
        }
        var perUnit = parsed.units.map(function (u) { return matches(primary, u, m.n, new Map()); });
        var ranked = rank(parsed, perUnit, primary, exactTerms, m.n, allowed);
        var result = function () {
          return { parsed: parsed, ranked: ranked.map(function (r) { return r.doc; }),
                   partial: !ranked.length || ranked[0].cover < parsed.units.length };
        };
        // Body-only matches are fetched when the name, code and keywords find too little.
        var complete = ranked.filter(function (r) { return r.cover === parsed.units.length; }).length;
        if (complete >= 10) return result();
        return index.tier('b').then(function (b) { return index.terms(b, keysIn(b, parsed.units)); }).then(function (body) {
          parsed.units.forEach(function (u, i) { matches(body, u, m.n, perUnit[i]); });
          ranked = rank(parsed, perUnit, primary, exactTerms, m.n, allowed);
          return result();
        });
      });
    });
  };

  function rank(parsed, perUnit, primary, exactTerms, n, allowed) {
    var docs = new Map();
    perUnit.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        var e = docs.get(doc);
        if (!e) docs.set(doc, e = { doc: doc, cover: 0, score: 0 });
        e.cover += 1;
        e.score += score;
      });
    });
    // A phrase counts: "khai sinh" together outranks "khai" and "sinh" apart.
    parsed.pairs.forEach(function (pair) {
      matches(primary, pair, n, new Map()).forEach(function (score, doc) {
        if (docs.has(doc)) docs.get(doc).score += 1.5 * score;
      });
    });
    // Typed with marks, the same marks first: "đường" before "dương".
    parsed.units.forEach(function (u) {
      if (!u.exact) return;
      matches(exactTerms, { term: u.exact, prefix: false }, n, new Map(), true).forEach(function (score, doc) {
        if (docs.has(doc)) docs.get(doc).score += 0.3 * score;
      });
    });
    // Documents with every word; while the last word is being typed, also those with all the
    // others ("dang ky kh": kết hôn after khai sinh); with none of either, the closest ones.
    var all = parsed.units.length;
    var enough = parsed.open && all > 1 ? all - 1 : all;
    var kept = Array.from(docs.values()).filter(function (e) { return allowed(e.doc); });
    var best = kept.reduce(function (m, e) { return Math.max(m, e.cover); }, 0);
    return kept.filter(function (e) { return e.cover >= Math.min(enough, best); }).sort(function (a, b) {
      return b.cover - a.cover || b.score - a.score || a.doc - b.doc;
    });
  }

  // ---- The page --------------------------------------------------------------------------------

  var PAGE = 10;

  function highlight(name, parsed) {
    var fragment = document.createDocumentFragment();
    var words = new Set(parsed.words);
    var prefix = parsed.open && parsed.words.length ? parsed.words[parsed.words.length - 1] : null;
    name.split(/([^\p{L}\p{N}\u0300-\u036f]+)/u).forEach(function (part, i) {
      var folded = i % 2 === 0 ? iyNormalized(fold(part)) : '';
      if (folded && (words.has(folded) || (prefix && folded.lastIndexOf(prefix, 0) === 0))) {
        var mark = document.createElement('mark');
        mark.textContent = part;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function start() {
    var form = document.getElementById('tim-kiem');
    if (!form) return;
    var root = form.getAttribute('data-root') || '';
    var input = document.getElementById('q');
    var list = document.getElementById('ket-qua');
    var status = document.getElementById('trang-thai');
    var more = document.getElementById('xem-them');
    var selects = Array.from(form.querySelectorAll('select'));
    var index = new Index(root), search = new Search(index);
    var generation = 0, timer = null, current = null, shown = 0;

    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    selects.forEach(function (s) { if (params.has(s.name)) s.value = params.get(s.name); });

    function filters() {
      var chosen = {};
      selects.forEach(function (s) { if (s.value !== '') chosen[s.name] = Number(s.value); });
      return chosen;
    }

    function remember(query, chosen) {
      var p = new URLSearchParams();
      if (query) p.set('q', query);
      Object.keys(chosen).forEach(function (k) { p.set(k, chosen[k]); });
      var search = p.toString();
      history.replaceState(null, '', search ? '?' + search : location.pathname);
    }

    function say(text, withListLink) {
      status.textContent = text;
      if (withListLink) {
        var a = document.createElement('a');
        a.href = root + 'thu-tuc/';
        a.textContent = 'danh mục từ A đến Z';
        status.appendChild(document.createTextNode(' Thử bớt từ, hoặc xem '));
        status.appendChild(a);
        status.appendChild(document.createTextNode('.'));
      }
    }

    function show(count) {
      var ids = current.ranked.slice(shown, shown + count);
      var chunks = Array.from(new Set(ids.map(function (id) { return Math.floor(id / current.perFile); })));
      var mine = generation;
      return Promise.all(chunks.map(function (c) { return index.file('tl/' + c + '.json'); })).then(function (files) {
        if (mine !== generation) return;
        var rows = new Map();
        chunks.forEach(function (c, i) { files[i].forEach(function (row, j) { rows.set(c * current.perFile + j, row); }); });
        ids.forEach(function (id) {
          var row = rows.get(id);
          if (!row) return;
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = root + 'thu-tuc/' + row[0] + '/';
          a.appendChild(highlight(row[1], current.parsed));
          var meta = document.createElement('span');
          meta.className = 'meta';
          // A row is [code, name, abolished, then the first value of each facet]; see SearchIndex.swift.
          var value = function (key) {
            var at = current.facets.findIndex(function (f) { return f.key === key; });
            return at >= 0 && row[3 + at] >= 0 ? { index: row[3 + at], label: current.facets[at].values[row[3 + at]] } : null;
          };
          var sector = value('linh-vuc'), online = value('truc-tuyen');
          meta.textContent = 'Mã ' + row[0] + (sector ? ' · ' + sector.label : '') +
            (online && online.index < 2 ? ' · Nộp trực tuyến ' + online.label.toLowerCase() : '') +
            (row[2] ? ' · Đã bãi bỏ' : '');
          li.appendChild(a);
          li.appendChild(meta);
          list.appendChild(li);
        });
        shown += ids.length;
        more.hidden = shown >= current.ranked.length;
      });
    }

    function run() {
      var query = input.value, chosen = filters(), mine = ++generation;
      remember(query.trim(), chosen);
      list.setAttribute('data-trang-thai', 'dang-tim');
      search.run(query, chosen).then(function (result) {
        if (mine !== generation) return;
        return index.load().then(function (m) {
          current = { ranked: result.ranked, parsed: result.parsed, perFile: m.tl, facets: m.f };
          shown = 0;
          list.textContent = '';
          var empty = !query.trim() && !Object.keys(chosen).length;
          if (empty) say('Gõ tên thủ tục, có dấu hay không dấu đều được, hoặc mã thủ tục.');
          else if (!result.ranked.length) say('Không tìm thấy thủ tục nào phù hợp.', true);
          else if (result.partial) say('Không có thủ tục nào có đủ các từ đã gõ. ' + result.ranked.length + ' thủ tục gần nhất:');
          else say('Tìm thấy ' + result.ranked.length + ' thủ tục.');
          return show(PAGE);
        });
      }).catch(function () {
        if (mine !== generation) return;
        say('Không tải được chỉ mục tìm kiếm.', true);
      }).then(function () {
        if (mine !== generation) return;
        list.setAttribute('data-truy-van', query);
        list.setAttribute('data-trang-thai', 'xong');
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    selects.forEach(function (s) { s.addEventListener('change', run); });
    form.addEventListener('submit', function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    more.addEventListener('click', function () { show(PAGE); });
    run();
  }

  window.tthcTimKiem = { fold: fold, syllables: syllables, toned: toned, exact: exact, shardFile: shardFile, parse: parse };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
