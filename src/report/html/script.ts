// The report's only script, inlined into the page (the CSP allows exactly this text by hash).
// It reads the embedded report (JSON, never HTML) to build what the text filter searches, and
// collapses, expands and filters the rows rendered server-side. It never writes HTML: the only
// DOM text it sets is textContent.
export const SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var data = JSON.parse(document.getElementById('palisade-data').textContent);
  var resources = new Map();
  data.resources.forEach(function (r) { resources.set(r.id, r); });
  var haystack = new Map();
  data.controls.forEach(function (c) {
    haystack.set(c.id, [c.id, c.title, c.section, c.severity, c.status, c.reason || ''].concat(c.aliases));
  });
  data.findings.forEach(function (f) {
    var words = haystack.get(f.controlId);
    if (!words) return;
    var r = resources.get(f.resourceId);
    words.push(f.resourceId, f.message);
    if (r) words.push(r.kind, r.name, r.namespace || '', (r.source && r.source.file) || '');
    f.paths.forEach(function (p) { words.push(p.path, p.message, (p.location && p.location.file) || ''); });
    if (f.exception) words.push(f.exception.reason);
  });
  haystack.forEach(function (words, id) { haystack.set(id, words.join(' ').toLowerCase()); });

  var bodies = Array.prototype.slice.call(document.querySelectorAll('tbody.control'));
  var text = document.getElementById('filter-text');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters:not(.vfilters) input[type=checkbox]'));
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');

  function checked(name) {
    var out = new Set();
    boxes.forEach(function (b) { if (b.name === name && b.checked) out.add(b.value); });
    return out;
  }
  function apply() {
    var terms = text.value.toLowerCase().split(' ').filter(Boolean);
    var severities = checked('severity');
    var statuses = checked('status');
    var count = 0;
    bodies.forEach(function (b) {
      var words = haystack.get(b.getAttribute('data-id')) || '';
      var ok = severities.has(b.getAttribute('data-severity')) && statuses.has(b.getAttribute('data-status'))
        && terms.every(function (t) { return words.indexOf(t) !== -1; });
      b.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + ' of ' + bodies.length + ' controls shown';
    empty.classList.toggle('show', count === 0);
  }
  function setOpen(b, open) {
    b.classList.toggle('open', open);
    var t = b.querySelector('.toggle');
    t.setAttribute('aria-expanded', String(open));
    t.title = open ? 'Hide resources' : 'Show resources';
  }
  bodies.forEach(function (b) {
    b.querySelector('.toggle').addEventListener('click', function () { setOpen(b, !b.classList.contains('open')); });
  });
  text.addEventListener('input', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.getElementById('expand-all').addEventListener('click', function () {
    bodies.forEach(function (b) { if (!b.hidden) setOpen(b, true); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    bodies.forEach(function (b) { setOpen(b, false); });
  });
  apply();

  // the vulnerabilities' severity boxes: rows whose severity is unchecked are hidden
  var vrows = Array.prototype.slice.call(document.querySelectorAll('tr.vuln'));
  var vboxes = Array.prototype.slice.call(document.querySelectorAll('.vfilters input[type=checkbox]'));
  var vshown = document.getElementById('vshown');
  function applyVulns() {
    var keep = new Set();
    vboxes.forEach(function (b) { if (b.checked) keep.add(b.value); });
    var count = 0;
    vrows.forEach(function (r) {
      var ok = keep.has(r.getAttribute('data-severity'));
      r.hidden = !ok;
      if (ok) count++;
    });
    if (vshown) vshown.textContent = count + ' of ' + vrows.length + ' vulnerabilities shown';
  }
  vboxes.forEach(function (b) { b.addEventListener('change', applyVulns); });
  applyVulns();
})();
`;
