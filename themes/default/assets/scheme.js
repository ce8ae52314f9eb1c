// Handbook default theme: the reader's colour choice (the footer's, handbook.js keeps
// it) applied before the page is first painted. Loaded without defer in the head for
// that, so it is only this: no choice, or none the browser lets a page keep, leaves
// the scheme to the system (style.css).
(function () {
  'use strict';
  var s = null;
  try { s = localStorage.getItem('handbook-scheme'); } catch (e) { /* storage off */ }
  if (s === 'light' || s === 'dark') document.documentElement.setAttribute('data-scheme', s);
})();
