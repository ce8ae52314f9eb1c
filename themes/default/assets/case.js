// Handbook default theme: the reader's case for a level (templates/partials/case.html).
// A worksheet sets a text box for the reader's own evidence beside each expectation the
// level page lists, keeps what is written in this browser's local storage only (one
// entry per row, named by the site, role, level and row), and downloads it as markdown,
// copies, prints and clears it. The script makes no request: nothing leaves the browser.
// Every word it shows comes from the theme's templates. No libraries, no eval, no innerHTML.
(function () {
  'use strict';

  var startTpl = document.getElementById('case-start-template');
  var sheetTpl = document.getElementById('case-sheet-template');
  var rowTpl = document.getElementById('case-row-template');
  var kits = document.querySelector('main .kits');
  if (!startTpl || !sheetTpl || !rowTpl || !kits || !('content' in startTpl)) return;

  // The level's expectations as the page lists them: a row with no expectation at the
  // level (a blank cell) is not listed, so it gets no evidence box.
  var rows = [];
  kits.querySelectorAll('section.expectation').forEach(function (sec) {
    var cell = sec.querySelector('.cell-text[data-row]'), h = sec.querySelector('h2');
    if (cell && h) rows.push({ id: cell.getAttribute('data-row'), title: h.textContent.trim(), cell: cell });
  });
  if (!rows.length) return;

  var store = null;
  try { store = window.localStorage; store.getItem('handbook-case'); } catch (e) { store = null; }

  var words = sheetTpl.content.querySelector('.case-sheet').dataset;
  // prefix names this level's entries: a site published under a path keeps its own.
  var prefix = 'handbook-case:' + (document.body.getAttribute('data-base') || '/') + ':' + words.role + ':' + words.level + ':';
  function read(id) {
    try { return (store && store.getItem(prefix + id)) || ''; } catch (e) { return ''; }
  }
  // write keeps text, or removes the entry for none; it reports whether it could.
  function write(id, text) {
    if (!store) return false;
    try {
      if (text.trim()) store.setItem(prefix + id, text);
      else store.removeItem(prefix + id);
      return true;
    } catch (e) { return false; }
  }
  // clearAll removes every entry of this level, those of rows it no longer has too.
  function clearAll() {
    if (!store) return;
    try {
      var mine = [];
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k && k.indexOf(prefix) === 0) mine.push(k);
      }
      mine.forEach(function (k) { store.removeItem(k); });
    } catch (e) { /* nothing kept to remove */ }
  }

  var startBox = startTpl.content.firstElementChild.cloneNode(true);
  var start = startBox.querySelector('button');
  var startLabel = start.textContent;
  var intro = document.querySelector('main .intro-kit');
  kits.parentNode.insertBefore(startBox, intro || kits);
  function labelStart() {
    var any = rows.some(function (r) { return read(r.id); });
    start.textContent = any && start.dataset.continue ? start.dataset.continue : startLabel;
  }
  labelStart();

  var sheet = null, status = null, dialog = null, boxes = {}, timers = {};

  function say(name) {
    var msg = status.dataset[name] || '';
    if (name === 'saved' && status.textContent === msg) return; // once per burst of typing
    if (status.textContent === msg) {
      status.textContent = '';
      setTimeout(function () { status.textContent = msg; }, 50);
    } else {
      status.textContent = msg;
    }
  }

  function save(id) {
    clearTimeout(timers[id]);
    delete timers[id];
    say(write(id, boxes[id].value) ? 'saved' : 'saveFailed');
  }
  function flush() { Object.keys(timers).forEach(save); }

  function build() {
    sheet = sheetTpl.content.firstElementChild.cloneNode(true);
    status = sheet.querySelector('.case-status');
    dialog = sheet.querySelector('dialog');
    var list = sheet.querySelector('.case-rows');
    rows.forEach(function (r) {
      var li = rowTpl.content.firstElementChild.cloneNode(true);
      var id = 'case-' + r.id;
      li.setAttribute('data-row', r.id);
      li.querySelector('.case-row-title').textContent = r.title;
      li.querySelector('.case-row-name').textContent = r.title;
      var text = li.querySelector('.case-expectation-text');
      text.id = id + '-expectation';
      Array.from(r.cell.childNodes).forEach(function (n) {
        var c = n.cloneNode(true);
        if (c.nodeType === 1) {
          c.removeAttribute('id');
          c.querySelectorAll('[id]').forEach(function (x) { x.removeAttribute('id'); });
        }
        text.appendChild(c);
      });
      var box = li.querySelector('textarea'), printed = li.querySelector('.case-printed');
      box.id = id;
      box.setAttribute('aria-describedby', text.id);
      li.querySelector('label').setAttribute('for', id);
      box.value = printed.textContent = read(r.id);
      box.addEventListener('input', function () {
        printed.textContent = box.value;
        clearTimeout(timers[r.id]);
        timers[r.id] = setTimeout(function () { save(r.id); }, 300);
      });
      box.addEventListener('change', function () { if (timers[r.id]) save(r.id); });
      boxes[r.id] = box;
      list.appendChild(li);
    });
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      sheet.querySelector('[data-case="copy"]').remove();
    } else {
      sheet.querySelector('[data-case="copy"]').hidden = false;
    }
    sheet.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button[data-case]');
      if (b && actions[b.getAttribute('data-case')]) actions[b.getAttribute('data-case')]();
    });
    startBox.parentNode.insertBefore(sheet, startBox.nextSibling);
    if (!store) say('saveFailed');
  }

  function reload() {
    rows.forEach(function (r) {
      if (!boxes[r.id] || timers[r.id]) return;
      boxes[r.id].value = read(r.id);
      boxes[r.id].parentNode.querySelector('.case-printed').textContent = boxes[r.id].value;
    });
  }

  function open(focus) {
    if (!sheet) build();
    else reload();
    sheet.hidden = false;
    startBox.hidden = kits.hidden = true;
    if (intro) intro.hidden = true;
    if (location.hash !== '#case') history.replaceState(history.state, '', location.pathname + location.search + '#case');
    if (focus) sheet.querySelector('#case-h').focus();
    else sheet.scrollIntoView();
  }

  function close() {
    flush();
    sheet.hidden = true;
    startBox.hidden = kits.hidden = false;
    if (intro) intro.hidden = false;
    history.replaceState(history.state, '', location.pathname + location.search);
    labelStart();
    start.focus();
  }

  // Markdown of the cell's HTML (the handbook renders cells from markdown: paragraphs,
  // nested lists, emphasis, links, code, line breaks, tables), so that the export reads
  // as the matrix's source does.
  function esc(s) {
    return s.replace(/[\\`*[\]<]/g, '\\$&').replace(/_/g, function (m, i) {
      return /\w/.test(s.charAt(i - 1)) && /\w/.test(s.charAt(i + 1)) ? m : '\\_';
    });
  }
  function inlineNode(c) {
    if (c.nodeType === 3) return esc(c.data.replace(/\s+/g, ' '));
    if (c.nodeType !== 1) return '';
    var t = c.tagName, inner = inline(c);
    switch (t) {
      case 'EM': case 'I': return '*' + inner + '*';
      case 'STRONG': case 'B': return '**' + inner + '**';
      case 'DEL': case 'S': return '~~' + inner + '~~';
      case 'CODE': return '`' + c.textContent + '`';
      case 'A': return '[' + inner + '](' + c.href + ')';
      case 'BR': return '\\\n';
      case 'IMG': return esc(c.alt || '');
    }
    return inner;
  }
  function inline(n) {
    return Array.from(n.childNodes).map(inlineNode).join('').replace(/\\\n\s+/g, '\\\n');
  }
  function indent(text, pad) {
    return text.split('\n').map(function (l, i) { return i && l ? pad + l : l; }).join('\n');
  }
  function quote(text) {
    return text.split('\n').map(function (l) { return l ? '> ' + l : '>'; }).join('\n');
  }
  function list(l) {
    var n = parseInt(l.getAttribute('start') || '1', 10);
    return Array.from(l.children).map(function (li) {
      var mark = l.tagName === 'OL' ? (n++) + '. ' : '- ';
      var loose = !!li.querySelector(':scope > p');
      return mark + indent(blocks(li).join(loose ? '\n\n' : '\n'), ' '.repeat(mark.length));
    }).join('\n');
  }
  function table(t) {
    return Array.from(t.rows).map(function (tr, i) {
      var cells = Array.from(tr.cells).map(function (c) { return inline(c).trim().replace(/\|/g, '\\|'); });
      var line = '| ' + cells.join(' | ') + ' |';
      return i ? line : line + '\n|' + cells.map(function () { return ' --- |'; }).join('');
    }).join('\n');
  }
  function blocks(n) {
    var out = [], para = '';
    function end() { para = para.trim(); if (para) out.push(para); para = ''; }
    Array.from(n.childNodes).forEach(function (c) {
      var t = c.nodeType === 1 ? c.tagName : '';
      if (t === 'UL' || t === 'OL') { end(); out.push(list(c)); }
      else if (t === 'P') { end(); out.push(inline(c).trim()); }
      else if (/^H[1-6]$/.test(t)) { end(); out.push('**' + inline(c).trim() + '**'); }
      else if (t === 'DIV') { end(); out.push.apply(out, blocks(c)); }
      else if (t === 'BLOCKQUOTE') { end(); out.push(quote(blocks(c).join('\n\n'))); }
      else if (t === 'PRE') { end(); out.push('```\n' + c.textContent.replace(/\n$/, '') + '\n```'); }
      else if (t === 'TABLE') { end(); out.push(table(c)); }
      else if (t === 'HR') { end(); out.push('---'); }
      else para += inlineNode(c);
    });
    end();
    return out.filter(Boolean);
  }

  function markdown() {
    var page = location.origin + location.pathname;
    var out = ['# ' + esc(words.mdTitle), words.mdIntro + ' <' + page + '>'];
    rows.forEach(function (r) {
      var evidence = (boxes[r.id] ? boxes[r.id].value : read(r.id)).replace(/\s+$/, '');
      out.push('## ' + esc(r.title), '**' + words.mdExpectation + '**', quote(blocks(r.cell).join('\n\n')),
        '**' + words.mdEvidence + '**', evidence || '*' + words.mdNone + '*');
    });
    return out.join('\n\n') + '\n';
  }

  var actions = {
    download: function () {
      flush();
      var url = URL.createObjectURL(new Blob([markdown()], { type: 'text/markdown;charset=utf-8' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = words.file;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say('downloaded');
    },
    copy: function () {
      flush();
      navigator.clipboard.writeText(markdown()).then(function () { say('copied'); }, function () { say('copyFailed'); });
    },
    print: function () {
      flush();
      window.print();
    },
    clear: function () {
      if (dialog.showModal) dialog.showModal();
      else if (window.confirm(dialog.querySelector('p').textContent)) actions['confirm-clear']();
    },
    'confirm-clear': function () {
      Object.keys(timers).forEach(function (id) { clearTimeout(timers[id]); delete timers[id]; });
      clearAll();
      rows.forEach(function (r) {
        boxes[r.id].value = '';
        boxes[r.id].parentNode.querySelector('.case-printed').textContent = '';
      });
      if (dialog.open) dialog.close();
      say('cleared');
    },
    keep: function () { dialog.close(); },
    close: close
  };

  start.addEventListener('click', function () { open(true); });
  // What another tab of this browser writes for this level shows here too.
  window.addEventListener('storage', function (e) {
    if (sheet && (e.key === null || e.key.indexOf(prefix) === 0)) { reload(); say('changed'); }
    if (e.key === null || e.key.indexOf(prefix) === 0) labelStart();
  });
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', function () { if (document.hidden) flush(); });
  window.addEventListener('hashchange', function () {
    if (location.hash === '#case' && (!sheet || sheet.hidden)) open(true);
  });
  // An address ending in #case (a reload, a bookmark) opens the case; as at any
  // fragment, the focus stays where the reader starts.
  if (location.hash === '#case') open(false);
})();
