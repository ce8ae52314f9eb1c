// The preview's live reload: it tells the dev server which page it shows, listens to
// its events and reloads the page (keeping its scroll position) when it changed, swaps
// the stylesheet when only the style changed, and shows the build's errors over the
// page until they are fixed.
(function () {
  'use strict';
  var key = 'handbook-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo({ left: xy[0], top: xy[1], behavior: 'instant' }); };
    restore();
    window.addEventListener('load', restore);
  }

  function showProblem(html) {
    clearProblem();
    var box = document.createElement('div');
    box.id = 'hb-problem';
    // The markup is the dev server's own: escaped messages and highlighted source.
    box.innerHTML = html;
    document.body.appendChild(box);
  }

  function clearProblem() {
    var old = document.getElementById('hb-problem');
    if (old) { old.remove(); }
  }

  // The server renders the open pages after each save, to tell only those that changed.
  var source = new EventSource('/_handbook/events?page=' + encodeURIComponent(location.pathname));
  source.addEventListener('reload', function (e) {
    var pages = JSON.parse(e.data).pages;
    if (pages.indexOf('*') >= 0 || pages.indexOf(location.pathname) >= 0) {
      sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
      location.reload();
    }
  });
  source.addEventListener('style', function (e) {
    var href = JSON.parse(e.data).href;
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (/\/assets\/style\.[0-9a-f]+\.css$/.test(links[i].getAttribute('href'))) {
        links[i].setAttribute('href', href);
      }
    }
  });
  source.addEventListener('problem', function (e) { showProblem(JSON.parse(e.data).html); });
  source.addEventListener('fixed', function () {
    clearProblem();
    if (document.title === 'Building…') { location.reload(); }
  });
})();
