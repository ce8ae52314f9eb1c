// Handbook default theme script: "/" focuses the header search box, the links of
// headings and matrix cells to themselves copy their address, the footer's colour
// choice is kept, wide tables can be used from the keyboard, folded rows open for
// printing, and the compare page builds a side-by-side table of what changes between
// two level pages. No libraries, no eval, no innerHTML.
(function () {
  'use strict';

  // typing tells whether keys pressed in n are text (a text field, a list or editable content).
  function typing(n) {
    if (!n || !n.tagName) return false;
    if (n.isContentEditable || /^(TEXTAREA|SELECT)$/.test(n.tagName)) return true;
    return n.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(n.type);
  }

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
    var q = document.getElementById('search-q');
    if (!q) return;
    e.preventDefault();
    q.focus();
    q.select();
  });

  // The words of this script's aids, from the body's data-strings (base.html).
  var aidTexts = {};
  try { aidTexts = JSON.parse(document.body.getAttribute('data-strings') || '{}'); } catch (e) { aidTexts = {}; }
  function aidSay(key, arg) {
    return String(aidTexts[key] == null ? key : aidTexts[key]).replace('{1}', arg == null ? '' : arg);
  }

  // Every heading with an ID and every matrix cell has a link to itself in the page
  // (the theme's "anchor" and "cell-anchor" partials, and generator/markdown): a plain
  // link to the fragment. Where the browser lets the page write the clipboard,
  // following it copies its address too, and says so.
  var copiedNote = null;
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.anchor');
    if (!a || !navigator.clipboard || !window.isSecureContext) return;
    navigator.clipboard.writeText(a.href).then(function () {
      document.querySelectorAll('a.anchor.copied').forEach(function (o) { o.classList.remove('copied'); });
      a.classList.add('copied');
      if (!copiedNote) {
        copiedNote = document.createElement('p');
        copiedNote.className = 'visually-hidden copied-note';
        copiedNote.setAttribute('role', 'status');
        document.body.appendChild(copiedNote);
      }
      copiedNote.textContent = '';
      setTimeout(function () { copiedNote.textContent = aidSay('anchor.copied'); }, 50);
    }, function () { /* not allowed: the link was followed, which is all it does then */ });
  });

  // The footer's colour choice: kept in the browser and set on the root, where
  // style.css reads it (scheme.js sets it again before each page is painted).
  var schemePick = document.querySelector('.scheme-pick'), schemeSel = schemePick && schemePick.querySelector('select');
  if (schemeSel) {
    schemeSel.value = document.documentElement.getAttribute('data-scheme') || '';
    schemeSel.addEventListener('change', function () {
      var v = schemeSel.value;
      if (v) document.documentElement.setAttribute('data-scheme', v);
      else document.documentElement.removeAttribute('data-scheme');
      try {
        if (v) localStorage.setItem('handbook-scheme', v);
        else localStorage.removeItem('handbook-scheme');
      } catch (err) { /* storage off: the choice holds for this page only */ }
    });
    schemePick.hidden = false;
  }

  // A markdown table wider than its column scrolls inside itself (style.css). While it
  // does, it takes a place in the tab order, so that a keyboard can scroll it too.
  var wideTables = document.querySelectorAll('.prose table');
  function reachable() {
    wideTables.forEach(function (t) {
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute('tabindex', '0');
      else if (t.getAttribute('tabindex') === '0') t.removeAttribute('tabindex');
    });
  }
  if (wideTables.length) {
    reachable();
    var resized = 0;
    window.addEventListener('resize', function () { clearTimeout(resized); resized = setTimeout(reachable, 100); });
  }

  // matrix sets up a role's matrix (role.html): the level filter, which hides the other
  // levels' cells (on a phone, each row's card then holds the one level), and the move to
  // a cell a link names, which brings the whole scrolling window on screen and the cell
  // into it below the sticky level row and beside the row titles (style.css).
  function matrix() {
    var wrap = document.querySelector('.kind-role .matrix-wrap');
    var table = wrap && wrap.querySelector('table.matrix');
    if (!table) return;
    var head = table.tHead;
    function measure() {
      if (head) wrap.style.setProperty('--matrix-head', head.offsetHeight + 'px');
    }
    measure();
    var measured = 0;
    window.addEventListener('resize', function () { clearTimeout(measured); measured = setTimeout(measure, 100); });

    var pick = document.querySelector('.level-pick'), sel = pick && pick.querySelector('select');
    function show(level) {
      table.querySelectorAll('tr').forEach(function (tr) {
        for (var i = 1; i < tr.cells.length; i++) tr.cells[i].classList.toggle('other-level', level !== '' && String(i - 1) !== level);
      });
    }
    if (sel) {
      sel.addEventListener('change', function () { show(sel.value); });
      show(sel.value); // a value the browser kept from an earlier visit
      pick.hidden = false;
    }

    function reveal() {
      var id = location.hash.slice(1), cell;
      try { cell = id && document.getElementById(decodeURIComponent(id)); } catch (e) { cell = null; }
      if (!cell || !wrap.contains(cell) || cell.tagName !== 'TD') return;
      if (sel && cell.classList.contains('other-level')) {
        sel.value = '';
        show('');
      }
      if (getComputedStyle(wrap).overflowY === 'visible') {
        cell.scrollIntoView({ block: 'start', behavior: 'instant' });
        return;
      }
      wrap.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      var w = wrap.getBoundingClientRect(), c = cell.getBoundingClientRect();
      var top = head ? head.offsetHeight : 0, left = cell.parentElement.cells[0].offsetWidth;
      wrap.scrollTop += c.top - (w.top + wrap.clientTop + top);
      if (c.left < w.left + wrap.clientLeft + left || c.right > w.left + wrap.clientLeft + wrap.clientWidth) {
        wrap.scrollLeft += c.left - (w.left + wrap.clientLeft + left);
      }
    }
    window.addEventListener('hashchange', reveal);
    if (document.readyState === 'complete') reveal();
    else window.addEventListener('load', reveal);
  }

  // Tab leaves a link at a scrolling table's edge half in view; bring all of it and its
  // focus outline in, clear of the sticky first column (the scroll padding in style.css).
  document.addEventListener('focusin', function (e) {
    var t = e.target, wrap = t.closest && t.closest('.matrix-wrap');
    if (wrap && wrap !== t && wrap.scrollWidth > wrap.clientWidth && t.matches(':focus-visible')) {
      t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  matrix();

  // On paper a folded row shows its text: the rows folded on screen open for printing
  // and fold again after (style.css does the same where ::details-content is known).
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.from(document.querySelectorAll('.same-cell details:not([open])'));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  if (!document.body.classList.contains('kind-compare')) return;

  // The table goes into out; what is happening goes to note, a live region, which says
  // it in a few words rather than reading the whole table out.
  var form = document.querySelector('.compare-form'), out = document.getElementById('compare-result');
  var note = document.getElementById('compare-status');
  var selA = document.getElementById('compare-a'), selB = document.getElementById('compare-b');
  if (!form || !selA || !selB || !out || !note || !window.fetch || !window.DOMParser) return;

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) n.textContent = text;
    return n;
  }

  // The theme's texts for this script, from the form's data-strings attribute (see
  // say in search.js, which reads them the same way).
  var texts = {};
  try { texts = JSON.parse(form.getAttribute('data-strings') || '{}'); } catch (e) { texts = {}; }
  function say(key) {
    var args = Array.prototype.slice.call(arguments, 1), p = texts[key];
    if (p == null) return key;
    if (typeof p === 'object') {
      var n = args.filter(function (a) { return typeof a === 'number'; })[0];
      p = n === 1 ? p.one : p.other;
    }
    return String(p).replace(/\{([1-9])\}/g, function (m, i) { return args[i - 1] != null ? String(args[i - 1]) : ''; });
  }

  function status(msg, isError) {
    note.textContent = msg;
    note.classList.toggle('error', !!isError);
  }

  // pick selects the option whose value is want; without one, the option at index fallback.
  function pick(sel, want, fallback) {
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === want) { sel.selectedIndex = i; return true; }
    }
    sel.selectedIndex = Math.min(fallback, sel.options.length - 1);
    return false;
  }

  function title(opt) {
    var g = opt.parentNode && opt.parentNode.tagName === 'OPTGROUP' ? opt.parentNode.label : '';
    return opt.text.trim() + (g ? ' (' + g + ')' : '');
  }

  // local resolves href against base, as a root-relative path when it is on this site.
  function local(href, base) {
    var u = new URL(href, base);
    return u.origin === location.origin ? u.pathname + u.search + u.hash : u.href;
  }

  // load fetches a level page (same origin only) and parses it.
  function load(opt) {
    var url = opt.getAttribute('data-url');
    if (!url) return Promise.reject(new Error(say('compare.js.nopage', title(opt))));
    var abs = new URL(url, location.href);
    return fetch(abs.href, { mode: 'same-origin', credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(say('compare.js.http', r.status, abs.pathname));
      return r.text();
    }).then(function (html) {
      return { url: abs, doc: new DOMParser().parseFromString(html, 'text/html') };
    });
  }

  // rows maps each row ID of a level page to its title, link and cell text, in page order.
  function rows(page) {
    var map = new Map();
    page.doc.querySelectorAll('section.expectation').forEach(function (sec) {
      var cell = sec.querySelector('div.cell-text[data-row]');
      var h = sec.querySelector('h2');
      var id = cell && cell.getAttribute('data-row');
      if (!id || map.has(id)) return;
      var a = h && h.querySelector('a[href]:not(.anchor)');
      map.set(id, { title: h ? h.textContent.trim() : id, cell: cell, base: page.url,
        href: a ? local(a.getAttribute('href'), page.url) : null });
    });
    return map;
  }

  // imported copies a level page's own cell markup, with links rebased and ids dropped.
  function imported(r) {
    var n = document.importNode(r.cell, true);
    n.removeAttribute('id');
    n.querySelectorAll('[id]').forEach(function (x) { x.removeAttribute('id'); });
    n.querySelectorAll('a[href]').forEach(function (a) {
      var h = a.getAttribute('href');
      if (!/^(\/|[a-z][a-z0-9+.-]*:)/i.test(h)) a.setAttribute('href', local(h, r.base));
    });
    return n;
  }

  // A row the level page does not list (blank at that level, or not in its role) shows
  // the theme's one blank mark, the compare page's template #compare-blank.
  var blank = document.getElementById('compare-blank');
  function cellFor(r, level) {
    var td = el('td', { 'data-level': level });
    if (r) td.appendChild(imported(r));
    else if (blank) td.appendChild(document.importNode(blank.content, true));
    return td;
  }

  // merged lists the rows of both levels: a's in order, each row only b lists after
  // the row b lists before it, so that two levels of one role keep their matrix's order
  // although each level page leaves out the rows blank at it.
  function merged(ra, rb) {
    var ids = Array.from(ra.keys()), at = 0;
    rb.forEach(function (_, id) {
      var i = ids.indexOf(id);
      if (i < 0) ids.splice(i = at, 0, id);
      at = i + 1;
    });
    return ids;
  }

  // blocks is the text of each paragraph, list item or other block of a cell, one
  // line each, as a reader sees it (what generator/markdown's Blocks gives the
  // promotion view): a list item's nested list is a block of its own.
  var blockTags = 'p,li,h1,h2,h3,h4,h5,h6,pre,td,th,dt,dd,blockquote';
  function blocks(cell) {
    var out = [];
    cell.querySelectorAll(blockTags).forEach(function (b) {
      var own = b.cloneNode(true);
      own.querySelectorAll(blockTags + ',ul,ol,table,dl').forEach(function (x) { x.remove(); });
      var t = own.textContent.replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
    });
    if (!out.length && cell.textContent.trim()) out.push(cell.textContent.replace(/\s+/g, ' ').trim());
    return out;
  }

  // words is the word difference of two lists of words, as generator/changes.Words
  // makes it: the words both share in order (their longest common subsequence) kept,
  // the others removed (-1) or added (1), a removal before the addition replacing it.
  function words(a, b) {
    var pre = 0, suf = 0, out = [];
    while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
    function add(op, w) {
      var last = out[out.length - 1];
      if (last && last.op === op) last.words.push(w);
      else if (op === -1 && last && last.op === 1) {
        var before = out[out.length - 2];
        if (before && before.op === -1) before.words.push(w);
        else out.splice(out.length - 1, 0, { op: -1, words: [w] });
      } else out.push({ op: op, words: [w] });
    }
    a.slice(0, pre).forEach(function (w) { add(0, w); });
    var ma = a.slice(pre, a.length - suf), mb = b.slice(pre, b.length - suf);
    var w = mb.length + 1, n = null;
    if (ma.length && mb.length && (ma.length + 1) * w <= 1 << 20) {
      n = new Int32Array((ma.length + 1) * w);
      for (var i = ma.length - 1; i >= 0; i--) {
        for (var j = mb.length - 1; j >= 0; j--) {
          n[i * w + j] = ma[i] === mb[j] ? n[(i + 1) * w + j + 1] + 1 : Math.max(n[(i + 1) * w + j], n[i * w + j + 1]);
        }
      }
    }
    var x = 0, y = 0;
    while (n && x < ma.length && y < mb.length) {
      if (ma[x] === mb[y]) { add(0, mb[y]); x++; y++; }
      else if (n[(x + 1) * w + y] >= n[x * w + y + 1]) add(-1, ma[x++]);
      else add(1, mb[y++]);
    }
    for (; x < ma.length; x++) add(-1, ma[x]);
    for (; y < mb.length; y++) add(1, mb[y]);
    b.slice(b.length - suf).forEach(function (v) { add(0, v); });
    return out;
  }

  // diffed shows cell b's text as the word difference from cell a's, one paragraph a
  // block, marked as the theme's "diff" partial marks it: <ins> and <del>, each also
  // told in words to a screen reader. A line break is the word "\n".
  function diffed(a, b) {
    function split(lines) {
      var out = [];
      lines.forEach(function (l, i) { if (i) out.push('\n'); out.push.apply(out, l.split(' ')); });
      return out;
    }
    var div = el('div', { 'class': 'prose cell-diff' }), p = null, span = null;
    function para() { p = div.appendChild(el('p')); span = p.appendChild(el('span', { 'class': 'diff' })); }
    para();
    words(split(blocks(a)), split(blocks(b))).forEach(function (seg) {
      var text = [];
      function flush() {
        if (!text.length) return;
        var t = text.join(' ') + ' ';
        if (seg.op === 0) span.appendChild(document.createTextNode(t));
        else {
          var m = span.appendChild(el(seg.op > 0 ? 'ins' : 'del'));
          m.appendChild(el('span', { 'class': 'visually-hidden' }, '[' + say(seg.op > 0 ? 'changes.diff.added' : 'changes.diff.removed') + ' '));
          m.appendChild(document.createTextNode(t));
          m.appendChild(el('span', { 'class': 'visually-hidden' }, ']'));
        }
        text = [];
      }
      seg.words.forEach(function (v) {
        if (v !== '\n') text.push(v);
        else if (seg.op >= 0) { flush(); para(); }
      });
      flush();
    });
    div.querySelectorAll('p').forEach(function (q) { if (!q.textContent.trim()) q.remove(); });
    return div;
  }

  function same(a, b) { return blocks(a).join('\n') === blocks(b).join('\n'); }

  // A theme mark from the compare page's templates (#compare-blank, #compare-new).
  function mark(id) {
    var t = document.getElementById(id);
    return t ? document.importNode(t.content, true) : document.createTextNode('');
  }

  // row is one row of the comparison: folded behind a summary when both levels say
  // the same, else the first level's text and the second's difference from it.
  function row(r, a, b, ta, tb) {
    var tr = el('tr', { 'class': a && b && same(a.cell, b.cell) ? 'same' : 'differs' });
    var th = tr.appendChild(el('th', { scope: 'row' }, r.href ? null : r.title));
    if (r.href) th.appendChild(el('a', { href: r.href }, r.title));
    if (tr.className === 'same') {
      var det = tr.appendChild(el('td', { 'class': 'same-cell', colspan: '2' })).appendChild(el('details'));
      det.appendChild(el('summary', null, say('promotion.same')));
      det.appendChild(imported(b));
      return tr;
    }
    tr.appendChild(el('td', { 'data-level': ta })).appendChild(a ? imported(a) : mark('compare-blank'));
    var td = tr.appendChild(el('td', { 'data-level': tb }));
    if (!b) td.appendChild(mark('compare-blank'));
    else if (!a) { td.appendChild(mark('compare-new')); td.appendChild(imported(b)); }
    else td.appendChild(diffed(a.cell, b.cell));
    return tr;
  }

  // promotion is the promotion view between two levels of one role next to each
  // other, in either order, or null.
  function promotion(optA, optB) {
    if (optA.parentNode.label !== optB.parentNode.label) return null;
    var at = function (o) { return Array.prototype.indexOf.call(o.parentNode.children, o); };
    var ia = at(optA), ib = at(optB);
    if (ib === ia + 1) return optA.getAttribute('data-promotion');
    if (ia === ib + 1) return optB.getAttribute('data-promotion');
    return null;
  }

  // heading is the comparison as the page's title names it: "A → B · Role", each
  // level with its role when the two roles differ.
  function heading(optA, optB) {
    var ga = optA.parentNode.label || '', gb = optB.parentNode.label || '';
    if (ga === gb) return say('compare.js.title', optA.text.trim(), optB.text.trim()) + (ga ? ' · ' + ga : '');
    return say('compare.js.title', title(optA), title(optB));
  }

  function build(optA, optB, pageA, pageB) {
    // Two levels of one role are named by their own titles, of two roles with them.
    var one = optA.parentNode.label === optB.parentNode.label;
    var ta = one ? optA.text.trim() : title(optA), tb = one ? optB.text.trim() : title(optB);
    var ra = rows(pageA), rb = rows(pageB);
    var ids = merged(ra, rb);
    if (!ids.length) { status(say('compare.js.empty')); return null; }
    var frag = document.createDocumentFragment();
    var promo = promotion(optA, optB);
    if (promo) {
      var p = frag.appendChild(el('p', { 'class': 'compare-promotion' }));
      p.appendChild(el('a', { href: promo }, say('compare.js.promotion', optA.text.trim(), optB.text.trim())));
    }
    var table = el('table', { 'class': 'matrix compare' });
    var head = table.appendChild(el('thead')).appendChild(el('tr'));
    head.appendChild(el('th', { scope: 'col' }, say('compare.js.dimension')));
    [optA, optB].forEach(function (o) {
      var th = head.appendChild(el('th', { scope: 'col' }));
      th.appendChild(el('a', { href: o.getAttribute('data-url') }, o.text.trim()));
      if (o.parentNode.label) th.appendChild(el('span', { 'class': 'role' }, ' ' + o.parentNode.label));
    });
    var body = table.appendChild(el('tbody')), folded = 0;
    ids.forEach(function (id) {
      var a = ra.get(id), b = rb.get(id);
      var tr = body.appendChild(row(a || b, a, b, ta, tb));
      if (tr.className === 'same') folded++;
    });
    status(say('compare.js.done', ta, tb, ids.length) + (folded ? ' ' + say('promotion.legend.same', folded) : ''));
    var legend = frag.appendChild(el('p', { 'class': 'diff-legend' }, say('promotion.legend', ta, tb) + ' '));
    legend.appendChild(el('ins', null, say('promotion.legend.added')));
    legend.appendChild(document.createTextNode(', '));
    legend.appendChild(el('del', null, say('promotion.legend.removed')));
    legend.appendChild(document.createTextNode('.'));
    // The status line names the comparison on screen; the table has no caption to say
    // it again, only its region's label for finding it.
    var wrap = frag.appendChild(el('div', { 'class': 'matrix-wrap', role: 'region', tabindex: '0', 'aria-label': say('compare.js.caption', ta, tb) }));
    wrap.appendChild(table);
    return frag;
  }

  var seq = 0, pageTitle = document.title, site = form.getAttribute('data-site') || '';
  function render() {
    var optA = selA.options[selA.selectedIndex], optB = selB.options[selB.selectedIndex];
    if (!optA || !optB) return;
    var mine = ++seq;
    document.title = heading(optA, optB) + (site ? ' · ' + site : '');
    status(say('compare.js.loading', title(optA), title(optB)));
    out.replaceChildren();
    Promise.all([load(optA), load(optB)]).then(function (pages) {
      if (mine !== seq) return;
      var table = build(optA, optB, pages[0], pages[1]);
      out.replaceChildren.apply(out, table ? [table] : []);
    }).catch(function (err) {
      if (mine === seq) status(say('compare.js.failed', err.message), true);
    });
  }

  function enc(v) { return encodeURIComponent(v).replace(/%2F/gi, '/'); }

  // Each comparison is an entry of the history: Back returns to the one before.
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = '?a=' + enc(selA.value) + '&b=' + enc(selB.value);
    if (location.search !== q) history.pushState(null, '', location.pathname + q);
    render();
  });

  // show shows the comparison the address names, or the empty form.
  function show() {
    var params = new URLSearchParams(location.search);
    var a = params.get('a'), b = params.get('b');
    var okA = pick(selA, a, 0), okB = pick(selB, b, 1);
    if (a && b) {
      if (okA && okB) return render();
      else status(say('compare.js.unknown', okA ? b : a), true);
    } else status('');
    seq++;
    out.replaceChildren();
    document.title = pageTitle;
  }
  window.addEventListener('popstate', show);
  form.hidden = false;
  show();
})();
