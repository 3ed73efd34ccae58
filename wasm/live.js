// costbook calculator: live prose and the spread's lines on the page (linked with --pre-js beside
// platform.js; wasm/live.cpp calls these).

/**
 * The page's figures bound to this calculator: span.cb-live[data-calc=<figure id>], each holding
 * its page value (data-page) somewhere in the figure widget's text. Found once; each gets a
 * "was" note for when the calculator's value differs from the page's.
 */
var cbLive = null;
function cbLiveFigures() {
  if (cbLive) return cbLive;
  cbLive = [];
  var id = Module['costbook'].figure.id;
  document.querySelectorAll('.cb-live[data-calc="' + id + '"]').forEach(function(el) {
    var page = el.getAttribute('data-page') || '';
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node = null, n;
    while ((n = walk.nextNode())) if (n.nodeValue.indexOf(page) >= 0) { node = n; break; }
    if (!node) return;
    var was = document.createElement('span');
    was.className = 'cb-live-was';
    el.appendChild(was);
    el.classList.add('cb-live-on');
    el.title = 'Follows the calculator on this page; the page says ' + page;
    cbLive.push({el: el, node: node, was: was, key: el.getAttribute('data-live'), bare: el.hasAttribute('data-bare'),
                 page: page, text: page, told: page});
  });
  return cbLive;
}

/** Every change (each drag step): each live figure reads core's text for the scenario on screen. */
function cbLiveUpdate() {
  cbLiveFigures().forEach(function(f) {
    var k = cbCString(f.key);
    var t = UTF8ToString(_calc_live_text(k, f.bare ? 1 : 0));
    _free(k);
    if (!t || t == f.text) return;
    f.node.nodeValue = f.node.nodeValue.replace(f.text, t);
    f.text = t;
    var changed = t != f.page;
    f.el.classList.toggle('cb-live-changed', changed);
    f.was.textContent = changed ? ' (page: ' + f.page + ')' : '';
  });
}

/**
 * A change settled: one announcement, in the calculator's status region, of the live figures
 * whose text moved since the last one (none while a slider is dragged; none at start).
 */
var cbLiveStarted = false;
function cbLiveSettled() {
  var figs = cbLiveFigures(), said = [];
  figs.forEach(function(f) {
    if (f.text == f.told) return;
    f.told = f.text;
    said.push(f.text + (f.text == f.page ? ' (as on the page)' : ' (page: ' + f.page + ')'));
  });
  if (!cbLiveStarted) {   // the first settle: the figure's regions hold the calculator's text now
    cbLiveStarted = true;
    Module['costbook'].figure.removeAttribute('aria-busy');
    return;
  }
  if (said.length) cbSetNote('In the text: ' + said.join('; '));
}

/**
 * What drives the spread, as a list after the static table (hidden with it once the calculator
 * runs, read by screen readers): one item per ranged input, core's spread_rows(). "" removes it.
 */
function cbSetSpread(title, rows) {
  var f = Module['costbook'].figure, list = f.querySelector('.cb-calc-spread');
  if (!title) { if (list) list.remove(); return; }
  if (!list) {
    list = document.createElement('ul');
    list.className = 'cb-calc-spread';
    var table = f.querySelector('.cb-calc-table');
    if (table) table.after(list); else f.appendChild(list);
  }
  list.setAttribute('aria-label', title);
  list.textContent = '';
  rows.split('\n').forEach(function(r) {
    var li = document.createElement('li');
    li.textContent = r;
    list.appendChild(li);
  });
}
