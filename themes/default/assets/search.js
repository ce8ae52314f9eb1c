// Handbook search: the engine that queries the index generator/search builds (its
// tokenizer and stemmer mirror text.go and stem.go), the header box (an ARIA combobox)
// and the full /search/ page. No libraries, no eval, no workers, no innerHTML: results
// are built from text nodes, so neither a query nor the handbook can inject markup.
// Under node (no document) the engine is exported as globalThis.HandbookSearch.
(function (root) {
  'use strict';

  // ---------------------------------------------------------------- text

  var FOLD = [['a', 'àáâãäåāăą'], ['ae', 'æ'], ['c', 'çćĉċč'], ['d', 'ďđð'], ['e', 'èéêëēĕėęě'],
    ['g', 'ĝğġģ'], ['h', 'ĥħ'], ['i', 'ìíîïĩīĭįı'], ['ij', 'ĳ'], ['j', 'ĵ'], ['k', 'ķ'], ['l', 'ĺļľŀł'],
    ['n', 'ñńņňŉ'], ['o', 'òóôõöøōŏő'], ['oe', 'œ'], ['r', 'ŕŗř'], ['s', 'śŝşšſ'], ['ss', 'ß'],
    ['t', 'ţťŧ'], ['th', 'þ'], ['u', 'ùúûüũūŭůűų'], ['w', 'ŵ'], ['y', 'ýÿŷ'], ['z', 'źżž']];
  var folds = {};
  FOLD.forEach(function (e) { for (var i = 0; i < e[1].length; i++) folds[e[1][i]] = e[0]; });

  var WORD = /[\p{L}\p{N}\p{M}'\u2018\u2019]+/gu;
  var DROP = /['\u2018\u2019\u0300-\u036f]/g; // apostrophes and combining accents
  var MAX_WORD = 40;

  // normalize lower-cases a word, folds accented Latin letters, and drops apostrophes
  // and combining accents.
  function normalize(raw) {
    var s = raw.toLowerCase().replace(DROP, ''), out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      out += c < '\u0080' ? c : (folds[c] || c);
    }
    return out;
  }

  function runes(s) { return Array.from(s).length; }

  function stopSet(list) {
    var set = new Set(list);
    return function (w) { return runes(w) === 1 || set.has(w); };
  }

  // UNSPACED matches a character of a script written without spaces between words
  // (text.go's isUnspaced): such a run is indexed as its characters and their pairs.
  var UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30fc]/u;
  var MARK = /\p{M}/u;

  // words calls f(word, start, end) for each indexable word of text, with its offsets.
  function words(text, isStop, f) {
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text)) !== null) {
      if (UNSPACED.test(m[0])) { parts(m[0], m.index, isStop, f); continue; }
      var w = normalize(m[0]);
      if (w !== '' && !isStop(w) && runes(w) <= MAX_WORD) f(w, m.index, m.index + m[0].length);
    }
  }

  // parts cuts a run holding characters of an unspaced script as text.go's eachPart
  // does: runs of other scripts whole, each unspaced character (with the marks that
  // follow it) and each pair of neighbours.
  function parts(run, at, isStop, f) {
    var units = [], i = 0;
    Array.from(run).forEach(function (c) {
      var n = units.length;
      if (n && MARK.test(c)) units[n - 1].end += c.length;
      else units.push({ start: i, end: i + c.length, unspaced: UNSPACED.test(c) });
      i += c.length;
    });
    function emit(start, end, always) {
      var w = normalize(run.slice(start, end));
      if (always || (w !== '' && !isStop(w) && runes(w) <= MAX_WORD)) f(w, at + start, at + end);
    }
    for (i = 0; i < units.length;) {
      var j = i + 1;
      while (j < units.length && units[j].unspaced === units[i].unspaced) j++;
      if (!units[i].unspaced) emit(units[i].start, units[j - 1].end, false);
      else {
        for (var k = i; k < j; k++) {
          emit(units[k].start, units[k].end, true);
          if (k + 1 < j) emit(units[k].start, units[k + 1].end, true);
        }
      }
      i = j;
    }
  }

  // tokens mirrors search.Tokens: [{word, stem}]. stemming is the manifest's stemmer:
  // "porter2" for English, "" for none.
  function tokens(text, isStop, stemming) {
    var out = [];
    if (stemming === undefined) stemming = 'porter2';
    words(text, isStop, function (w) { out.push({ word: w, stem: stemming === 'porter2' ? stem(w) : w }); });
    return out;
  }

  // ---------------------------------------------------------------- Porter2 (stem.go)

  function isVowel(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y'; }
  var EXCEPTIONAL = { skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl',
    gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news',
    howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes' };
  var INVARIANT = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };

  function stem(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONAL, word)) return EXCEPTIONAL[word];
    var w = markY(word), r = regions(w);
    w = step1a(w);
    if (INVARIANT[w]) return w;
    w = step1b(w, r[0]);
    w = step1c(w);
    w = step2(w, r[0]);
    w = step3(w, r[0], r[1]);
    w = step4(w, r[1]);
    w = step5(w, r[0], r[1]);
    return w.replace(/Y/g, 'y');
  }

  function markY(w) {
    var a = w.split('');
    if (a[0] === 'y') a[0] = 'Y';
    for (var i = 1; i < a.length; i++) if (a[i] === 'y' && isVowel(a[i - 1])) a[i] = 'Y';
    return a.join('');
  }

  function regions(w) {
    var r1;
    if (/^(gener|arsen)/.test(w)) r1 = 5;
    else if (/^commun/.test(w)) r1 = 6;
    else r1 = regionAfter(w, 0);
    return [r1, regionAfter(w, r1)];
  }

  function regionAfter(w, start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }

  function hasVowel(w) { for (var i = 0; i < w.length; i++) if (isVowel(w[i])) return true; return false; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  function longest(w, suffixes) {
    var best = '';
    suffixes.forEach(function (s) { if (s.length > best.length && ends(w, s)) best = s; });
    return best;
  }

  function isDouble(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && 'bdfgmnprt'.indexOf(w[n - 1]) >= 0;
  }

  function endsShortSyllable(w) {
    var n = w.length;
    if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (n < 3) return false;
    var c = w[n - 1];
    return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
  }

  function isShort(w, r1) { return r1 >= w.length && endsShortSyllable(w); }

  function step1a(w) {
    var n = w.length;
    switch (longest(w, ['sses', 'ied', 'ies', 'us', 'ss', 's'])) {
      case 'sses': return w.slice(0, n - 2);
      case 'ied': case 'ies': return n > 4 ? w.slice(0, n - 2) : w.slice(0, n - 1);
      case 's': return hasVowel(w.slice(0, n - 2)) ? w.slice(0, n - 1) : w;
    }
    return w;
  }

  function step1b(w, r1) {
    var n = w.length, suf = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    if (suf === '') return w;
    if (suf === 'eed' || suf === 'eedly') return n - suf.length >= r1 ? w.slice(0, n - suf.length) + 'ee' : w;
    var s = w.slice(0, n - suf.length);
    if (!hasVowel(s)) return w;
    if (ends(s, 'at') || ends(s, 'bl') || ends(s, 'iz')) return s + 'e';
    if (isDouble(s)) return s.slice(0, -1);
    if (isShort(s, r1)) return s + 'e';
    return s;
  }

  function step1c(w) {
    var n = w.length;
    if (n > 2 && (w[n - 1] === 'y' || w[n - 1] === 'Y') && !isVowel(w[n - 2])) return w.slice(0, n - 1) + 'i';
    return w;
  }

  function replaceIn(w, suf, rep, r) {
    var start = w.length - suf.length;
    return start < r ? w : w.slice(0, start) + rep;
  }

  var STEP2 = { tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize',
    ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al',
    fulness: 'ful', ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble',
    fulli: 'ful', lessli: 'less' };

  function step2(w, r1) {
    var suf = longest(w, Object.keys(STEP2).concat(['ogi', 'li'])), n = w.length;
    if (suf === 'ogi') return n > 3 && w[n - 4] === 'l' ? replaceIn(w, suf, 'og', r1) : w;
    if (suf === 'li') return n > 2 && 'cdeghkmnrt'.indexOf(w[n - 3]) >= 0 ? replaceIn(w, suf, '', r1) : w;
    return suf ? replaceIn(w, suf, STEP2[suf], r1) : w;
  }

  var STEP3 = { tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

  function step3(w, r1, r2) {
    var suf = longest(w, Object.keys(STEP3).concat(['ative']));
    if (suf === 'ative') return replaceIn(w, suf, '', Math.max(r1, r2));
    return suf ? replaceIn(w, suf, STEP3[suf], r1) : w;
  }

  function step4(w, r2) {
    var suf = longest(w, ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent',
      'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion']), n = w.length;
    if (suf === '') return w;
    if (suf === 'ion') return n > 3 && (w[n - 4] === 's' || w[n - 4] === 't') ? replaceIn(w, suf, '', r2) : w;
    return replaceIn(w, suf, '', r2);
  }

  function step5(w, r1, r2) {
    var n = w.length;
    if (w[n - 1] === 'e' && (n - 1 >= r2 || (n - 1 >= r1 && !endsShortSyllable(w.slice(0, n - 1))))) return w.slice(0, n - 1);
    if (w[n - 1] === 'l' && n - 1 >= r2 && n > 1 && w[n - 2] === 'l') return w.slice(0, n - 1);
    return w;
  }

  // ---------------------------------------------------------------- matching

  // osa is the optimal string alignment distance (Levenshtein with transpositions),
  // stopping early: it returns limit+1 as soon as the distance must exceed limit.
  function osa(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // nearPrefix reports whether t is within one edit of the start of word: a stem whose
  // full word was misspelled after the stem ("managment" holds "manag").
  function nearPrefix(word, t) {
    for (var l = t.length - 1; l <= t.length + 1; l++) {
      if (l >= 1 && l <= word.length && osa(word.slice(0, l), t, 1) <= 1) return true;
    }
    return false;
  }

  // The weight of a match by its kind: the word itself, a completion of the word being
  // typed, a completion of an earlier word that is no term of its own ("techn"), a term
  // one edit away, a stem one edit away from the start of a misspelled word.
  var W_EXACT = 1, W_PREFIX = 0.8, W_LATE_PREFIX = 0.7, W_TYPO = 0.6, W_STEM_TYPO = 0.5;
  var MAX_RANGE = 3;    // at most this many shards are fetched for one word's prefix or typo scope
  var MAX_CANDIDATES = 24;
  var TYPO_MIN = 5;     // words of five letters or more get one typo

  function startsWith(s, p) { return s.length >= p.length && s.slice(0, p.length) === p; }

  // ---------------------------------------------------------------- engine

  // Engine searches one index. load(path) returns a promise of the parsed JSON file at
  // path (relative to the site root for the manifest, and to its folder for the rest).
  function Engine(manifestPath, load) {
    this.path = manifestPath;
    this.dir = manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1);
    this.load = load;
    this.files = {};
  }

  Engine.prototype.file = function (name) {
    var self = this;
    if (!this.files[name]) {
      this.files[name] = this.load(name).catch(function (err) { delete self.files[name]; throw err; });
    }
    return this.files[name];
  };

  // manifest loads the manifest and decodes the first documents of its chunks.
  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.m) {
      this.m = this.file(this.path).then(function (m) {
        m.isStop = stopSet(m.stop);
        m.keys = m.shards.keys;
        m.chunkStarts = sums(m.chunks.keys);
        m.textStarts = sums(m.texts.keys);
        return m;
      });
      this.m.catch(function () { self.m = null; });
    }
    return this.m;
  };

  function sums(deltas) {
    var out = [], at = 0;
    deltas.forEach(function (d) { at += d; out.push(at); });
    return out;
  }

  // member names the n-th file of a family of files.
  Engine.prototype.member = function (m, prefix, fam, n) {
    return this.dir + m.files + prefix + '.' + n + '.' + fam.hash + '.json';
  };

  // facets loads what only filters need: roles, levels and principles, and each
  // document's role and level. With principles, it also loads (once) the documents of
  // each principle, as f.sets.
  Engine.prototype.facets = function (principles) {
    var self = this;
    return this.manifest().then(function (m) {
      return Promise.all([
        self.file(self.dir + m.files + m.facets),
        principles ? self.file(self.dir + m.files + m.principles) : null
      ]).then(function (r) {
        var f = r[0];
        if (!f.levelOf) {
          f.roleOf = expandRuns(f.roleRuns, m.docs);
          f.levelOf = levelsOf(f, f.roleOf);
        }
        if (r[1] && !f.sets) {
          f.sets = r[1].map(function (deltas) {
            var set = new Set(), d = 0;
            deltas.forEach(function (x) { d += x; set.add(d); });
            return set;
          });
        }
        return f;
      });
    });
  };

  // levelsOf turns each document's level within its role into a position in f.levels.
  function levelsOf(f, roleOf) {
    var first = [], out = new Int32Array(f.levelInRole.length);
    f.levels.forEach(function (l, i) { if (first[l[2]] === undefined) first[l[2]] = i; });
    f.levelInRole.forEach(function (v, d) { out[d] = v > 0 && roleOf[d] >= 0 ? first[roleOf[d]] + v - 1 : -1; });
    return out;
  }

  function expandRuns(runs, n) {
    var out = new Int32Array(n);
    for (var i = 0; i < runs.length; i += 2) {
      var end = i + 2 < runs.length ? runs[i + 2] : n;
      for (var d = runs[i]; d < end; d++) out[d] = runs[i + 1] - 1;
    }
    return out;
  }

  // shardOf returns the shard whose term range holds term.
  function shardOf(m, term) {
    var lo = 0, hi = m.keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.keys[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // rangeOf returns the shards holding the terms that start with p.
  function rangeOf(m, p) {
    var out = [];
    for (var i = shardOf(m, p), last = shardOf(m, p + '\uffff'); i <= last; i++) out.push(i);
    return out;
  }

  // parse turns a query into its words; the last one is a prefix while it is being typed.
  function parse(query, m, typing) {
    var ws = tokens(query, m.isStop, m.stem);
    if (ws.length && typing && /[\p{L}\p{N}\p{M}]$/u.test(query)) ws[ws.length - 1].prefix = true;
    return ws;
  }

  // scope decides which shards a word needs: its own, those of its completions while
  // typed (when they are few), those sharing its first two letters for typos.
  function scope(m, w) {
    var set = new Set([shardOf(m, w.stem)]);
    function addRange(p) {
      var r = rangeOf(m, p);
      if (r.length <= MAX_RANGE) r.forEach(function (i) { set.add(i); });
    }
    if (w.prefix && w.word.length >= 2) { addRange(w.stem); addRange(w.word); }
    if (!w.prefix) set.add(shardOf(m, w.word)); // completions of an earlier word: its own shard only
    if (runes(w.word) >= TYPO_MIN) addRange(w.stem.slice(0, 2));
    return Array.from(set).sort(function (a, b) { return a - b; });
  }

  Engine.prototype.shard = function (m, i) {
    return this.file(this.member(m, 'i', m.shards, i)).then(function (s) {
      if (!s.index) {
        s.index = new Map();
        s.t.forEach(function (t, j) { s.index.set(t, j); });
      }
      return s;
    });
  };

  // candidates lists the index terms a word matches, each with its weight.
  function candidates(w, shards) {
    var exact = shards.some(function (s) { return s.index.has(w.stem); });
    var typo = runes(w.word) >= TYPO_MIN, out = [];
    shards.forEach(function (s) {
      s.t.forEach(function (t, j) {
        var weight = 0;
        if (t === w.stem) weight = W_EXACT;
        else if ((w.prefix || (!exact && w.word.length >= 3)) && (startsWith(t, w.stem) || startsWith(t, w.word))) weight = w.prefix ? W_PREFIX : W_LATE_PREFIX;
        else if (typo && osa(w.stem, t, 1) <= 1) weight = W_TYPO;
        else if (typo && !exact && t.length >= 4 && t.length >= w.word.length - 4 && nearPrefix(w.word, t)) weight = W_STEM_TYPO;
        if (weight) out.push({ term: t, weight: weight, list: s.p[j] });
      });
    });
    out.sort(function (a, b) { return b.weight - a.weight || b.list.length - a.list.length || (a.term < b.term ? -1 : 1); });
    return out.slice(0, MAX_CANDIDATES);
  }

  // filtered reports whether opts hold a filter.
  function filtered(opts) { return !!(opts.type || opts.role || opts.level || opts.principle); }

  // search runs a query. opts: typing (the last word is a prefix), type, role, level and
  // principle (IDs; filters). It resolves to {words, terms, hits (document numbers, best
  // first), total, partial (no document matches every word), counts: {type, role}}. A
  // query of no words with a filter browses: every document the filters keep, in the
  // index's order (by type, then role, then the site's order).
  Engine.prototype.search = function (query, opts) {
    var self = this;
    opts = opts || {};
    return this.manifest().then(function (m) {
      var ws = parse(query, m, opts.typing);
      var needFacets = opts.role || opts.level || opts.principle || opts.facets;
      if (!ws.length) {
        return (needFacets ? self.facets(!!opts.principle) : Promise.resolve(null)).then(function (facets) {
          return browse(m, facets, opts);
        });
      }
      var shardLists = ws.map(function (w) { return scope(m, w); });
      var loads = shardLists.map(function (list) {
        return Promise.all(list.map(function (i) { return self.shard(m, i); }));
      });
      return Promise.all([Promise.all(loads), needFacets ? self.facets(!!opts.principle) : null]).then(function (r) {
        return rank(m, r[1], ws, r[0], opts);
      });
    }).catch(function (err) {
      self.m = null; // a rebuilt site renames its files: read the manifest again next time
      throw err;
    });
  };

  // browse lists every document the filters of opts keep, in the index's order; with no
  // filter, none, unless opts.all asks for every document.
  function browse(m, facets, opts) {
    var all = [];
    if (filtered(opts) || opts.all) for (var d = 0; d < m.docs; d++) all.push(d);
    return keep(m, facets, opts, [], new Set(), all, false, function (a, b) { return a - b; }, new Float64Array(m.docs));
  }

  // rank scores the documents the words match. A document matching a word by its very
  // term (exactly, stemmed) outranks one that matches it only by a completion, a typo
  // or a misspelled stem, whatever their scores: "star" lists what holds the word
  // before what holds "start".
  function rank(m, facets, ws, shardsPerWord, opts) {
    var n = m.docs, terms = new Set();
    var total = new Float64Array(n), count = new Uint8Array(n), exact = new Uint8Array(n), touched = [];
    ws.forEach(function (w, i) {
      var best = new Float64Array(n), bestExact = new Uint8Array(n), docs = [];
      candidates(w, shardsPerWord[i]).forEach(function (c) {
        terms.add(c.term);
        var isExact = c.weight === W_EXACT ? 1 : 0;
        for (var k = 0, d = 0; k < c.list.length; k += 2) {
          d += c.list[k];
          var s = c.list[k + 1] * c.weight;
          if (best[d] === 0) docs.push(d);
          if (s > best[d]) best[d] = s;
          if (isExact) bestExact[d] = 1;
        }
      });
      docs.forEach(function (d) {
        if (count[d] === 0) touched.push(d);
        count[d]++;
        total[d] += best[d];
        exact[d] += bestExact[d];
      });
    });
    var need = ws.length;
    var hits = touched.filter(function (d) { return count[d] === need; });
    var partial = false;
    if (!hits.length && touched.length) {
      partial = true;
      need = 0;
      touched.forEach(function (d) { need = Math.max(need, count[d]); });
      hits = touched.filter(function (d) { return count[d] === need; });
    }
    return keep(m, facets, opts, ws, terms, hits, partial, function (a, b) {
      return exact[b] - exact[a] || total[b] - total[a] || a - b;
    }, total);
  }

  // keep applies the filters of opts to the hits, counts what each filter would keep,
  // and sorts what is kept by order.
  function keep(m, facets, opts, ws, terms, hits, partial, order, total) {
    var f = filters(m, facets, opts);
    var counts = { type: m.types.map(function () { return 0; }), role: facets ? facets.roles.map(function () { return 0; }) : [], none: 0 };
    var kept = [];
    hits.forEach(function (d) {
      var t = typeOf(m, d), role = facets ? facets.roleOf[d] : -1;
      var okType = f.type === -1 || t === f.type, okRole = f.role === -1 || role === f.role, okRest = f.rest(d);
      if (okRole && okRest) counts.type[t]++;
      if (okType && okRest) { if (role >= 0) counts.role[role]++; else counts.none++; }
      if (okType && okRole && okRest) kept.push(d);
    });
    kept.sort(order);
    return { words: ws, terms: terms, stemming: m.stem, hits: kept, total: kept.length, partial: partial, counts: counts,
      scores: kept.map(function (d) { return total[d]; }) };
  }

  function typeOf(m, d) {
    for (var t = 0; t < m.types.length; t++) if (d >= m.types[t][2] && d < m.types[t][3]) return t;
    return -1;
  }

  // indexOfID returns the position of the ID in a table: -1 for no ID (no filter), -2
  // for an unknown one (a filter nothing passes).
  function indexOfID(list, id) {
    if (!id) return -1;
    for (var i = 0; i < list.length; i++) if (list[i][0] === id) return i;
    return -2; // an unknown ID matches nothing
  }

  // filters resolves the filter IDs of opts to positions, and the level and principle
  // filters to a test on a document.
  function filters(m, facets, opts) {
    var f = facets || { roles: [], levels: [], principles: [] };
    var level = indexOfID(f.levels, opts.level), principle = indexOfID(f.principles, opts.principle);
    return {
      type: indexOfID(m.types, opts.type),
      role: indexOfID(f.roles, opts.role),
      rest: function (d) {
        if (level !== -1 && (!facets || facets.levelOf[d] !== level)) return false;
        if (principle !== -1 && (!facets || !facets.sets[principle] || !facets.sets[principle].has(d))) return false;
        return true;
      }
    };
  }

  // docs resolves document numbers to what a result shows: {id, title, url, type,
  // typeLabel, where}; with text, also each one's excerpt text (a second file family,
  // which the header box never loads).
  Engine.prototype.docs = function (ids, text) {
    var self = this;
    return this.manifest().then(function (m) {
      return Promise.all(ids.map(function (id) {
        var c = chunkOf(m.chunkStarts, id), x = chunkOf(m.textStarts, id);
        return Promise.all([
          self.file(self.member(m, 'd', m.chunks, c)),
          text ? self.file(self.member(m, 'x', m.texts, x)) : null
        ]).then(function (r) {
          var d = r[0][id - m.chunkStarts[c]], t = m.types[d[2]];
          return { id: id, title: d[0], url: d[1], type: t[0], typeLabel: t[1], where: d[3],
            text: r[1] ? r[1][id - m.textStarts[x]] : '' };
        });
      }));
    });
  };

  // chunkOf returns the chunk holding document id, given each chunk's first document.
  function chunkOf(starts, id) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // marks splits text into segments [{text, mark}], marking the words whose stem is one
  // of terms. With max > 0 it keeps a window of about max characters around the first
  // marked word, cut at word boundaries, with ellipses where it was cut.
  function marks(text, terms, isStop, max, stemming) {
    var found = [];
    if (stemming === undefined) stemming = 'porter2';
    words(text, isStop, function (w, start, end) {
      if (!terms.has(stemming === 'porter2' ? stem(w) : w)) return;
      var last = found[found.length - 1];
      if (last && start < last[1]) last[1] = Math.max(last[1], end); // the pairs of an unspaced run overlap
      else found.push([start, end]);
    });
    var from = 0, to = text.length;
    if (max > 0 && text.length > max) {
      var first = found.length ? found[0][0] : 0;
      from = Math.max(0, Math.min(first - Math.floor(max / 3), text.length - max));
      if (from > 0) { var sp = text.indexOf(' ', from); from = sp >= 0 && sp < first ? sp + 1 : from; }
      to = Math.min(text.length, from + max);
      if (to < text.length) { var back = text.lastIndexOf(' ', to); if (back > from) to = back; }
    }
    var out = [], at = from;
    if (from > 0) out.push({ text: '\u2026', mark: false });
    found.forEach(function (r) {
      if (r[0] < from || r[1] > to) return;
      if (r[0] > at) out.push({ text: text.slice(at, r[0]), mark: false });
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      at = r[1];
    });
    if (at < to) out.push({ text: text.slice(at, to), mark: false });
    if (to < text.length && !/\u2026$/.test(text.slice(0, to))) out.push({ text: '\u2026', mark: false });
    return out;
  }

  // say returns the text of key with {1}, {2} ... filled by the arguments after it; a
  // counted text ({one, other}) is chosen by its first numeric argument, as the Go
  // side's Strings.Text does.
  function say(texts, key) {
    var args = Array.prototype.slice.call(arguments, 2), p = texts[key];
    if (p == null) return key;
    if (typeof p === 'object') {
      var n = args.filter(function (a) { return typeof a === 'number'; })[0];
      p = n === 1 ? p.one : p.other;
    }
    return String(p).replace(/\{([1-9])\}/g, function (m, i) { return args[i - 1] != null ? String(args[i - 1]) : ''; });
  }

  var api = { Engine: Engine, tokens: tokens, stem: stem, normalize: normalize, stopSet: stopSet,
    marks: marks, osa: osa, say: say };

  if (typeof document === 'undefined') {
    root.HandbookSearch = api;
    return;
  }

  // ---------------------------------------------------------------- the page

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) n.textContent = text;
    return n;
  }

  // marked appends segments to node as text nodes and <mark> elements.
  function marked(node, segments) {
    segments.forEach(function (s) {
      node.appendChild(s.mark ? el('mark', null, s.text) : document.createTextNode(s.text));
    });
    return node;
  }

  var box = document.querySelector('form.search-box[data-search-index]');
  if (!box || !window.fetch || !window.Promise || !window.Map) return;
  var base = document.body.getAttribute('data-base') || '/';
  var manifestURL = box.getAttribute('data-search-index');
  var engine = new Engine(manifestURL, function (path) {
    return fetch(path, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + path);
      return r.json();
    });
  });

  function href(doc) { return base + doc.url; }

  function searchURL(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
    var s = q.toString();
    return base + 'search/' + (s ? '?' + s : '');
  }

  // strings reads the theme's texts a form carries in its data-strings attribute (the
  // template function tjson writes them, from the theme's strings file).
  function strings(node) {
    try { return JSON.parse(node.getAttribute('data-strings') || '{}'); } catch (e) { return {}; }
  }

  var boxText = strings(box);

  // ---- header box: an ARIA combobox with a listbox popup

  // Each option is a link (<a role="option" href>), so that a click, a ctrl- or
  // middle-click and the link's context menu do what they do with any link; the focus
  // stays in the box (tabindex -1), which points at the active option.
  function setupBox(form, input) {
    var list = el('div', { id: input.id + '-list', role: 'listbox', 'aria-label': say(boxText, 'search.js.results'), hidden: '' });
    var live = el('span', { 'class': 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    form.appendChild(list);
    form.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    var options = [], active = -1, seq = 0, timer = 0;

    function open(show) {
      list.hidden = !show;
      input.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (!show) move(-1);
    }

    function move(i) {
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function option(i, url, build) {
      var a = el('a', { id: input.id + '-opt-' + i, role: 'option', 'aria-selected': 'false', href: url, tabindex: '-1' });
      build(a);
      return a;
    }

    function show(q, res, docs) {
      options = docs.map(function (doc, i) {
        return option(i, href(doc), function (li) {
          marked(li.appendChild(el('span', { 'class': 'search-title' })), marks(doc.title, res.terms, res.isStop, 0, res.stemming));
          var meta = li.appendChild(el('span', { 'class': 'search-meta' }, doc.typeLabel));
          if (doc.where) meta.appendChild(document.createTextNode(' \u00b7 ' + doc.where));
        });
      });
      if (res.total > 0) {
        options.push(option(docs.length, searchURL({ q: q }), function (li) {
          li.className = 'search-all';
          li.textContent = res.total > docs.length ? say(boxText, 'search.js.all', res.total) : say(boxText, 'search.js.open');
        }));
      }
      list.replaceChildren.apply(list, options);
      active = -1;
      open(docs.length > 0);
      live.textContent = res.total === 0 ? say(boxText, 'search.js.none') :
        say(boxText, res.partial ? 'search.js.foundsome' : 'search.js.found', res.total);
    }

    function run() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { list.replaceChildren(); options = []; open(false); live.textContent = ''; return; }
      engine.search(q, { typing: true }).then(function (res) {
        return engine.manifest().then(function (m) {
          res.isStop = m.isStop;
          return engine.docs(res.hits.slice(0, 8));
        }).then(function (docs) { if (mine === seq) show(q, res, docs); });
      }).catch(function () {
        if (mine === seq) { open(false); live.textContent = say(boxText, 'search.js.unavailable'); }
      });
    }

    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 40); });
    input.addEventListener('focus', function () { engine.manifest().catch(function () {}); if (options.length && input.value.trim()) open(true); });
    input.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var n = options.length;
      switch (e.key) {
        case 'ArrowDown':
          e.preventDefault();
          if (list.hidden) { if (n) open(true); else run(); return; }
          move(n ? (active + 1) % n : -1);
          break;
        case 'ArrowUp':
          e.preventDefault();
          if (list.hidden) { if (n) { open(true); move(n - 1); } return; }
          move(active <= 0 ? n - 1 : active - 1);
          break;
        case 'Enter':
          if (chosen()) { e.preventDefault(); location.assign(chosen()); }
          break;
        case 'Escape':
          if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { e.preventDefault(); input.value = ''; run(); }
          break;
        case 'Tab':
          open(false);
          break;
      }
    });
    // chosen is the address of the active option, or null.
    function chosen() { return !list.hidden && active >= 0 && options[active] ? options[active].href : null; }
    // Enter on an option opens it; without one, the form goes to the search page.
    form.addEventListener('submit', function (e) { var u = chosen(); if (u) { e.preventDefault(); location.assign(u); } });
    // Pressing the main button on an option keeps the focus in the box; the link itself
    // does the rest, a new tab included.
    list.addEventListener('mousedown', function (e) { if (e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey) e.preventDefault(); });
    form.addEventListener('focusout', function (e) { if (!form.contains(e.relatedTarget)) open(false); });
  }

  var boxInput = box.querySelector('input[type="search"]');
  if (boxInput) setupBox(box, boxInput);

  // ---- the /search/ page: results with filters; the address keeps the state

  var page = document.getElementById('search-results');
  var pageForm = document.querySelector('form.search-page');
  if (!page || !pageForm) return;
  var pageInput = pageForm.querySelector('input[name="q"]');
  var pageText = strings(pageForm);
  var filterBox = document.getElementById('search-filters');
  var status = document.getElementById('search-status');
  var FILTERS = ['type', 'role', 'level', 'principle'];
  var PAGE = 10;
  var state = {}, pageSeq = 0, pageTimer = 0, shown = 0, principlesWanted = false, facetsSeen = null, manifestSeen = null;
  var pageTitle = document.title;

  // filterNames names the filters chosen, for the title of a page that browses: their
  // labels once the facets are loaded, their IDs until then.
  function filterNames() {
    var names = [];
    FILTERS.forEach(function (k) {
      if (!state[k]) return;
      var table = k === 'type' ? manifestSeen && manifestSeen.types : facetsSeen && facetsSeen[k === 'level' ? 'levels' : k === 'role' ? 'roles' : 'principles'];
      var label = state[k];
      (table || []).forEach(function (row) { if (row[0] === state[k]) label = row[1]; });
      names.push(label);
    });
    return names.join(', ');
  }

  function readURL() {
    var p = new URLSearchParams(location.search);
    state = { q: p.get('q') || '' };
    FILTERS.forEach(function (k) { state[k] = p.get(k) || ''; });
    pageInput.value = state.q;
  }

  function writeURL() {
    var s = {};
    ['q'].concat(FILTERS).forEach(function (k) { s[k] = state[k]; });
    var u = searchURL(s);
    if (u !== location.pathname + location.search) history.replaceState(null, '', u);
  }

  // choice builds one radio button of a filter group.
  function choice(name, value, label, count) {
    var id = 'f-' + name + '-' + (value || 'all');
    var wrap = el('div', { 'class': 'search-choice' });
    var input = wrap.appendChild(el('input', { type: 'radio', name: name, id: id, value: value }));
    input.checked = state[name] === value;
    var lab = wrap.appendChild(el('label', { 'for': id }, label));
    if (count != null) lab.appendChild(el('span', { 'class': 'search-count' }, ' ' + count));
    return wrap;
  }

  function group(name, legend, items, total) {
    var fs = el('fieldset', { 'class': 'search-filter' });
    fs.appendChild(el('legend', null, legend));
    fs.appendChild(choice(name, '', say(pageText, 'search.js.choiceall'), total));
    items.forEach(function (it) { if (it.count || state[name] === it.id) fs.appendChild(choice(name, it.id, it.label, it.count)); });
    return fs;
  }

  function select(name, label, items, anyLabel) {
    var p = el('p', { 'class': 'search-select' });
    p.appendChild(el('label', { 'for': 'f-' + name }, label));
    var s = p.appendChild(el('select', { name: name, id: 'f-' + name }));
    s.appendChild(el('option', { value: '' }, anyLabel));
    items.forEach(function (it) {
      var o = s.appendChild(el('option', { value: it.id }, it.label + (it.count != null ? ' (' + it.count + ')' : '')));
      if (state[name] === it.id) o.selected = true;
    });
    return p;
  }

  function renderFilters(m, res, facets) {
    var sum = function (a) { return a.reduce(function (x, y) { return x + y; }, 0); };
    var nodes = [group('type', say(pageText, 'search.js.type'), m.types.map(function (t, i) { return { id: t[0], label: t[1], count: res.counts.type[i] }; }), sum(res.counts.type))];
    if (sum(res.counts.role) > 0 || state.role) {
      nodes.push(group('role', say(pageText, 'search.js.role'), facets.roles.map(function (r, i) { return { id: r[0], label: r[1], count: res.counts.role[i] }; }),
        sum(res.counts.role) + res.counts.none));
    }
    var levels = facets.levels.filter(function (l) { return !state.role || facets.roles[l[2]][0] === state.role; });
    if (levels.length) nodes.push(select('level', say(pageText, 'search.js.level'), levels.map(function (l) { return { id: l[0], label: l[1] }; }), say(pageText, 'search.js.anylevel')));
    if (facets.principles.length) {
      // Counts per principle need a file of their own, loaded once the filter is used.
      nodes.push(select('principle', say(pageText, 'search.js.principle'), facets.principles.map(function (p, i) {
        var c = null;
        if (facets.sets) { c = 0; res.all.forEach(function (d) { if (facets.sets[i].has(d)) c++; }); }
        return { id: p[0], label: p[1], count: c };
      }), say(pageText, 'search.js.anyprinciple')));
    }
    filterBox.replaceChildren.apply(filterBox, nodes);
    filterBox.hidden = false;
  }

  function resultItem(doc, res, isStop) {
    var li = el('li');
    marked(li.appendChild(el('a', { href: href(doc) })), marks(doc.title, res.terms, isStop, 0, res.stemming));
    var meta = li.appendChild(el('p', { 'class': 'search-meta' }, doc.typeLabel));
    if (doc.where) meta.appendChild(document.createTextNode(' \u00b7 ' + doc.where));
    if (doc.text) marked(li.appendChild(el('p', { 'class': 'search-excerpt' })), marks(doc.text, res.terms, isStop, 200, res.stemming));
    return li;
  }

  function more(m, res, list) {
    var ids = res.hits.slice(shown, shown + PAGE), mine = pageSeq;
    shown += ids.length;
    return engine.docs(ids, true).then(function (docs) {
      if (mine !== pageSeq) return;
      docs.forEach(function (doc) { list.appendChild(resultItem(doc, res, m.isStop)); });
      var btn = page.querySelector('.search-more');
      if (btn) btn.remove();
      if (shown < res.total) {
        btn = page.appendChild(el('button', { type: 'button', 'class': 'search-more' }, say(pageText, 'search.js.more')));
        btn.addEventListener('click', function () {
          var next = list.children.length;
          more(m, res, list).then(function () { var a = list.children[next] && list.children[next].querySelector('a'); if (a) a.focus(); });
        });
      }
    });
  }

  // runPage searches for the state and shows the results; focusID names the filter
  // control to give the focus back to once the filters are rebuilt.
  function runPage(focusID) {
    var mine = ++pageSeq;
    writeURL();
    var browsing = !state.q.trim();
    if (browsing && !FILTERS.some(function (k) { return state[k]; })) {
      page.replaceChildren();
      filterBox.hidden = true;
      status.textContent = say(pageText, 'search.js.empty');
      document.title = pageTitle;
      return;
    }
    document.title = say(pageText, 'search.js.title', state.q.trim() || filterNames(), pageTitle);
    var opts = { facets: true };
    FILTERS.forEach(function (k) { opts[k] = state[k]; });
    Promise.all([engine.manifest(), engine.search(state.q, opts), engine.facets(!!state.principle || principlesWanted),
      engine.search(state.q, { facets: true, all: browsing })]).then(function (r) {
      if (mine !== pageSeq) return;
      var m = r[0], res = r[1];
      facetsSeen = r[2];
      manifestSeen = m;
      if (browsing) document.title = say(pageText, 'search.js.title', filterNames(), pageTitle);
      res.all = filteredExcept(r[3], r[0], r[2], 'principle');
      renderFilters(m, res, r[2]);
      var back = focusID && document.getElementById(focusID);
      if (back) back.focus();
      shown = 0;
      var filtered = FILTERS.some(function (k) { return state[k]; });
      var key = res.total === 0 ? 'search.js.page.none' : res.partial ? 'search.js.page.foundsome' : 'search.js.page.found';
      status.textContent = say(pageText, key + (filtered ? 'filtered' : ''), res.total);
      var list = el('ol', { 'class': 'search-list' });
      page.replaceChildren(list);
      return more(m, res, list);
    }).catch(function () {
      if (mine === pageSeq) status.textContent = say(pageText, 'search.js.unavailable');
    });
  }

  // filteredExcept returns the hits of an unfiltered search that pass every filter but one.
  function filteredExcept(res, m, facets, skip) {
    var opts = {};
    FILTERS.forEach(function (k) { if (k !== skip) opts[k] = state[k]; });
    var f = filters(m, facets, opts);
    return res.hits.filter(function (d) {
      return (f.type === -1 || typeOf(m, d) === f.type) && (f.role === -1 || facets.roleOf[d] === f.role) && f.rest(d);
    });
  }

  pageForm.addEventListener('submit', function (e) {
    e.preventDefault();
    state.q = pageInput.value;
    runPage();
  });
  pageInput.addEventListener('input', function () {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(function () { state.q = pageInput.value; runPage(); }, 120);
  });
  filterBox.addEventListener('change', function (e) {
    var t = e.target;
    if (FILTERS.indexOf(t.name) < 0) return;
    state[t.name] = t.value;
    if (t.name === 'role') state.level = '';
    runPage(t.id);
  });
  // The principle filter's counts load when a reader turns to it.
  filterBox.addEventListener('focusin', function (e) {
    if (e.target.name !== 'principle' || principlesWanted) return;
    principlesWanted = true;
    engine.facets(true).then(function () { if (document.activeElement === e.target) runPage(e.target.id); });
  });
  window.addEventListener('popstate', function () { readURL(); runPage(); });
  readURL();
  runPage();
})(typeof globalThis !== 'undefined' ? globalThis : this);
