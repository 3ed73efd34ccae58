// costbook calculator: the browser side of one module instance (linked with --pre-js, so it runs
// inside the module and sees GLFW, the exports and Module). calc-loader.js passes the embed in
// Module['costbook'] = {figure, hash}; wasm/platform.cpp calls these cb* functions.

/**
 * The embed's strings: 0 data-scenario, 1 data-tab, 2 the #hash payload naming this figure,
 * 3 data-sources (the source ids behind the inputs, for downloads), 4 data-ladder (the ladder's
 * rungs), 5 data-tabs (the tabs to show).
 */
function cbPageString(which) {
  var cb = Module['costbook'];
  if (which == 0) return cb.figure.getAttribute('data-scenario') || '';
  if (which == 1) return cb.figure.getAttribute('data-tab') || '';
  if (which == 3) return cb.figure.getAttribute('data-sources') || '';
  if (which == 4) return cb.figure.getAttribute('data-ladder') || '';
  if (which == 5) return cb.figure.getAttribute('data-tabs') || '';
  if (which == 6) return cb.figure.getAttribute('data-embed') || '';
  return cb.hash || '';
}

/** A JS string as a malloc'd UTF-8 copy; platform.cpp frees it. */
function cbCString(s) {
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
}

function cbSetLive(text) {
  var live = Module['costbook'].figure.querySelector('.cb-calc-live');
  if (live && live.textContent != text) live.textContent = text;
}

/**
 * Passing messages ("Link copied") go to a live region of their own, made when the calculator
 * starts (a region must exist before it changes to be read): the headline's region keeps the headline.
 */
function cbNoteRegion() {
  var f = Module['costbook'].figure, note = f.querySelector('.cb-calc-note');
  if (!note) {
    note = document.createElement('p');
    note.className = 'cb-calc-note';
    note.setAttribute('role', 'status');
    var live = f.querySelector('.cb-calc-live');
    if (live) live.after(note); else f.appendChild(note);
  }
  return note;
}
function cbSetNote(text) {
  cbNoteRegion().textContent = text;
}

/**
 * The DOM mirror: a native control for every control drawn in the canvas, in the same order,
 * each laid over its drawing (unseen, pointer-events: none; the canvas takes the pointer). Screen
 * readers and the keyboard use these: tabs are role=tab buttons in a tablist, a rung a checkbox, a
 * slider a role=slider (aria-valuetext: core's text), the rest buttons. Operating one
 * changes the calculator (_calc_activate); focusing one moves the calculator's focus ring to its
 * drawing (_calc_focus_named); the calculator's Tab moves the page's focus to it (cbFocusMirror).
 * Lines from keyboard.cpp's sync_mirror(): id, name, label, value, state, position 0..1000, rect, disabled,
 * the value typed (scenario syntax) and the note drawn under it.
 */
var cbMirror = null;
var cbMirrorEls = {};   // by ImGui id: an element keeps its focus as its label changes (Pin -> Unpin)
var cbMirrorQuiet = false;
function cbMirrorKind(name) {
  if (name.indexOf('tab:') == 0) return 'tab';
  if (name.indexOf('rung:') == 0) return 'checkbox';
  if (name.indexOf('key:') == 0) return 'range';
  return 'button';
}
function cbMirrorMake(kind, name) {
  var el;
  if (kind == 'range') {
    // ARIA's slider (Chromium reads a native range input's number, not its aria-valuetext):
    // 0..100 of the travel, one arrow step = 1%, as the canvas's arrows; Page keys 10%.
    el = document.createElement('div');
    el.setAttribute('role', 'slider');
    el.setAttribute('aria-valuemin', '0');
    el.setAttribute('aria-valuemax', '100');
    el.tabIndex = 0;
    el.addEventListener('keydown', function(e) {
      var now = +el.getAttribute('aria-valuenow'), to = null;
      if (e.key == 'ArrowRight' || e.key == 'ArrowUp') to = now + (e.shiftKey ? 10 : 1);
      else if (e.key == 'ArrowLeft' || e.key == 'ArrowDown') to = now - (e.shiftKey ? 10 : 1);
      else if (e.key == 'PageUp') to = now + 10;
      else if (e.key == 'PageDown') to = now - 10;
      else if (e.key == 'Home') to = 0;
      else if (e.key == 'End') to = 100;
      else if (e.key == 'Enter' && el.getAttribute('aria-disabled') != 'true') { e.preventDefault(); cbEdit(el); return; }
      if (to === null || el.getAttribute('aria-disabled') == 'true') return;
      e.preventDefault();
      to = Math.max(0, Math.min(100, to));
      cbMirrorCall(_calc_activate, el.cbName, to / 100);
      // The next key, pressed before the next frame updates it, steps on from here (from the
      // position before this step it would step back the other way).
      el.setAttribute('aria-valuenow', String(to));
    });
  } else if (kind == 'checkbox') {
    el = document.createElement('input');
    el.type = kind;
    el.addEventListener('change', function() { cbMirrorCall(_calc_activate, el.cbName, -1); });
  } else {
    el = document.createElement('button');
    el.type = 'button';
    if (kind == 'tab') el.setAttribute('role', 'tab');
    el.addEventListener('click', function() { cbMirrorCall(_calc_activate, el.cbName, -1); });
  }
  if (kind != 'range') {
    // Off a slider the arrows move between controls, as on the canvas (and keep the page still).
    el.addEventListener('keydown', function(e) {
      var step = e.key == 'ArrowRight' || e.key == 'ArrowDown' ? 1 : e.key == 'ArrowLeft' || e.key == 'ArrowUp' ? -1 : 0;
      if (!step || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      var all = [].filter.call(cbMirror.querySelectorAll('.cb-calc-ctl'), function(c) { return !c.disabled; });
      var to = all[all.indexOf(el) + step];
      if (to) to.focus({preventScroll: true});
    });
  }
  el.className = 'cb-calc-ctl';
  el.addEventListener('focus', function() {
    if (!cbMirrorQuiet) cbMirrorCall(_calc_focus_named, el.cbName);
  });
  el.addEventListener('blur', function(e) {
    var to = e.relatedTarget;
    if (!cbMirrorQuiet && !(to && (cbMirror.contains(to) || to == Module['canvas']))) _calc_blur();
  });
  return el;
}
function cbMirrorCall(fn, name, t) {
  var p = cbCString(name);
  if (t === undefined) fn(p); else fn(p, t);
  _free(p);
}
function cbSetMirror(text) {
  var c = Module['canvas'];
  if (!cbMirror) {
    cbMirror = document.createElement('div');
    cbMirror.className = 'cb-calc-mirror';
    cbMirror.setAttribute('role', 'group');
    cbMirror.setAttribute('aria-label', 'Cost calculator');
    c.parentNode.appendChild(cbMirror);
    // The mirror is the way in for the keyboard and screen readers; the canvas is the pointer's.
    c.tabIndex = -1;
    c.setAttribute('aria-hidden', 'true');
  }
  var seen = {}, tablist = null, prev = null;
  text.split('\n').forEach(function(line) {
    if (!line) return;
    var f = line.split('\t');
    var id = f[0], name = f[1], label = f[2], value = f[3], state = +f[4], t = +f[5], r = f[6].split(','), off = f[7] == '1';
    var typed = f[8] || '', note = f[9] || '';
    var kind = cbMirrorKind(name);
    var el = cbMirrorEls[id];
    if (!el || el.cbKind != kind) { el = cbMirrorEls[id] = cbMirrorMake(kind, name); el.cbKind = kind; }
    seen[id] = true;
    el.cbName = name;
    el.cbTyped = typed;
    el.cbLabel = label;
    el.style.left = r[0] + 'px'; el.style.top = r[1] + 'px'; el.style.width = r[2] + 'px'; el.style.height = r[3] + 'px';
    // The note drawn under a control that does not move the headline ("does not move the total: ...").
    if (note) { if (el.getAttribute('aria-description') != note) el.setAttribute('aria-description', note); }
    else el.removeAttribute('aria-description');
    if (kind == 'range') {
      el.setAttribute('aria-label', label);
      el.setAttribute('aria-valuenow', String(Math.round(t / 10)));
      el.setAttribute('aria-valuetext', value);
      if (off) el.setAttribute('aria-disabled', 'true'); else el.removeAttribute('aria-disabled');
    } else if (kind == 'checkbox') {
      el.disabled = off;
      el.setAttribute('aria-label', value ? label + ', ' + value : label);
      el.checked = state == 1;
    } else {
      el.disabled = off;
      if (el.textContent != label) el.textContent = label;
      if (kind == 'tab') el.setAttribute('aria-selected', state == 1 ? 'true' : 'false');
      else if (state >= 0) el.setAttribute('aria-pressed', state == 1 ? 'true' : 'false');
    }
    // Tabs sit in one tablist, where the first of them stands.
    var parent = cbMirror;
    if (kind == 'tab') {
      if (!tablist) {
        tablist = cbMirror.querySelector('.cb-calc-tabs') || document.createElement('div');
        tablist.className = 'cb-calc-tabs';
        tablist.setAttribute('role', 'tablist');
        tablist.setAttribute('aria-label', 'Calculator tabs');
        cbMirrorPlace(cbMirror, tablist, prev);
        prev = tablist;
      }
      cbMirrorPlace(tablist, el, tablist.lastTabPlaced == null ? null : tablist.lastTabPlaced);
      tablist.lastTabPlaced = el;
      return;
    }
    cbMirrorPlace(parent, el, prev);
    prev = el;
  });
  if (tablist) tablist.lastTabPlaced = null;
  for (var id in cbMirrorEls) {
    if (seen[id]) continue;
    var gone = cbMirrorEls[id];
    delete cbMirrorEls[id];
    cbMirrorQuiet = true;
    gone.remove();
    cbMirrorQuiet = false;
  }
  var tabs = cbMirror.querySelector('.cb-calc-tabs');
  if (tabs && !tabs.children.length) tabs.remove();
}
/** Puts `el` in `parent` right after `after` (first when null), moving it only when it is elsewhere. */
function cbMirrorPlace(parent, el, after) {
  var want = after ? after.nextSibling : parent.firstChild;
  // A slider's typed-value box (cbEdit) stays right after it: Tab and Shift+Tab leave it in order.
  while (want && want.classList && want.classList.contains('cb-calc-edit')) want = want.nextSibling;
  if (el.parentNode == parent && (want == el)) return;
  var had = document.activeElement == el;
  cbMirrorQuiet = had;
  parent.insertBefore(el, want);
  if (had) el.focus({preventScroll: true});
  cbMirrorQuiet = false;
}
/**
 * Typing a value: Enter on a slider, a double-click or a long tap on it opens a text field over it
 * (inputmode=decimal: phone keypads and IMEs work) holding its value in scenario syntax (147K,
 * 2.5, 1~3~10: a range). Enter applies it through core's parser, Escape cancels; a bad value
 * says why beside the field and changes nothing.
 */
function cbEdit(slider) {
  var old = cbMirror.querySelector('.cb-calc-edit');
  if (old) old.cbClose(false);
  var box = document.createElement('div');
  box.className = 'cb-calc-edit';
  box.style.left = slider.style.left; box.style.top = slider.style.top; box.style.width = slider.style.width;
  var input = document.createElement('input');
  input.type = 'text';
  input.inputMode = 'decimal';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.value = slider.cbTyped;
  input.style.height = slider.style.height;
  input.setAttribute('aria-label', slider.cbLabel + ': type a value (147K, 2.5) or a range (1~3~10); Enter applies, Escape cancels');
  var why = document.createElement('p');
  why.className = 'cb-calc-edit-why';
  why.setAttribute('role', 'alert');
  why.id = Module['costbook'].figure.id + '-edit-why';
  input.setAttribute('aria-describedby', why.id);
  box.appendChild(input);
  box.appendChild(why);
  var done = false;
  box.cbClose = function(refocus) {
    if (done) return;
    done = true;
    box.remove();
    if (refocus) slider.focus();
  };
  input.addEventListener('keydown', function(e) {
    if (e.key == 'Escape') { e.preventDefault(); box.cbClose(true); return; }
    // Enter applies and goes back to the slider; Tab applies a changed value and moves on (a bad
    // one keeps the field open and says why).
    var tab = e.key == 'Tab' && input.value != slider.cbTyped;
    if (e.key != 'Enter' && !tab) return;
    var n = cbCString(slider.cbName), v = cbCString(input.value.trim());
    var err = UTF8ToString(_calc_type(n, v));
    _free(n); _free(v);
    if (err) { e.preventDefault(); why.textContent = err; input.setAttribute('aria-invalid', 'true'); return; }
    if (!tab) { e.preventDefault(); box.cbClose(true); }
  });
  input.addEventListener('blur', function() { setTimeout(function() { box.cbClose(false); }, 0); });
  slider.parentNode.insertBefore(box, slider.nextSibling);
  input.focus();
  input.select();
}
/** The mirrored slider under a point of the canvas (CSS px, client coordinates), or null. */
function cbSliderAt(x, y) {
  var els = cbMirror ? cbMirror.querySelectorAll('[role=slider]:not([aria-disabled=true])') : [];
  for (var i = 0; i < els.length; i++) {
    var r = els[i].getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return els[i];
  }
  return null;
}

/** The calculator's keyboard focus moved to stop `name`: the page's focus follows, to its mirror. */
function cbFocusMirror(name) {
  for (var id in cbMirrorEls) {
    var el = cbMirrorEls[id];
    if (el.cbName != name) continue;
    el.focus({preventScroll: true});
    return true;
  }
  return false;
}
/** The first (or last) mirrored control that takes the focus. */
function cbMirrorEnd(last) {
  var els = cbMirror ? cbMirror.querySelectorAll('.cb-calc-ctl:not(:disabled):not([aria-disabled=true])') : [];
  return els.length ? els[last ? els.length - 1 : 0] : null;
}

/** Rebuilds the static table (visually hidden once the calculator runs, read by screen readers). */
function cbSetTable(caption, rows) {
  var table = Module['costbook'].figure.querySelector('.cb-calc-table');
  if (!table) return;
  if (table.caption) table.caption.textContent = caption + ': results and inputs for this scenario';
  var body = table.tBodies[0] || table.createTBody();
  body.textContent = '';
  rows.split('\n').forEach(function(line) {
    var cells = line.split('\t');
    var tr = body.insertRow();
    var th = document.createElement('th');
    th.scope = 'row';
    th.textContent = cells[0];
    tr.appendChild(th);
    tr.insertCell().textContent = cells[1];
  });
}

// #hash writes are debounced: a held arrow key would otherwise call replaceState dozens of times
// a second, which Chromium throttles with a console warning.
var cbHashTimer = 0;
var cbHashPayload = '';
function cbWriteHash(payload) {
  cbHashPayload = payload;
  if (!cbHashTimer) cbHashTimer = setTimeout(cbFlushHash, 200);
}
function cbFlushHash() {
  cbHashTimer = 0;
  var id = Module['costbook'].figure.id;
  var mine = location.hash.indexOf('#' + id + ':') == 0;
  var url;
  if (cbHashPayload) url = '#' + id + ':' + cbHashPayload;
  else if (mine) url = location.pathname + location.search;  // back to the page's scenario
  else return;
  if (url != location.hash) history.replaceState(history.state, '', url);
}

function cbSetHeight(px) {
  Module['canvas'].parentNode.style.height = px + 'px';
}
/**
 * calc-loader.js's WebGL program (drawProgram()), registered in Emscripten's GL tables as
 * glCreateProgram() would have (library_webgl.js): its GL name, or 0 when the loader made none.
 */
function cbProgram() {
  var p = Module['costbook'].program;
  if (!p) return 0;
  var id = GL.getNewId(GL.programs);
  p.name = id;
  p.maxUniformLength = p.maxAttributeLength = p.maxUniformBlockNameLength = 0;
  p.uniformIdCounter = 1;
  GL.programs[id] = p;
  return id;
}

/**
 * The canvas's CSS size [width, height]. The first frame's comes from calc-loader.js, which
 * measured and sized it just before making the WebGL context: reading it again here would force
 * a second layout of the page on the way to the first frame (the loader's layout is stale by
 * now: this module's own elements went in since).
 */
function cbCssSize() {
  var cb = Module['costbook'], box = cb.box;
  if (box) {
    cb.box = null;
    return [box.width, box.height];
  }
  var r = Module['canvas'].getBoundingClientRect();
  return [r.width, r.height];
}

var cbCursors = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize',
                 'pointer', 'not-allowed'];
function cbSetCursor(c) {
  Module['canvas'].style.cursor = c < 0 ? 'none' : (cbCursors[c] || 'default');
}

function cbPrefersDark() {
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * Saves `text` as a file named `name`: a Blob behind a temporary <a download>. The blob: URL is
 * the page's own, made and revoked here; nothing goes over the network.
 */
function cbDownload(name, type, text) {
  var url = URL.createObjectURL(new Blob([text], {type: type}));
  var a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
}

// While the copy fallback borrows the focus, the canvas's focus and blur listeners stand aside.
var cbQuietFocus = false;
var cbCopyTimer = 0;

/**
 * Copies the page's URL with this figure's #hash (`payload`, as cbWriteHash gets it) to the
 * clipboard (cbCopy).
 */
function cbCopyLink(payload) {
  cbCopy(location.href.split('#')[0] + (payload ? '#' + Module['costbook'].figure.id + ':' + payload : ''), 1);
}

/**
 * Copies an <iframe> of this calculator's embed page (data-embed, /embed/<page>/calc-0/) with the
 * same #hash, as tall as the figure is now plus its credit line.
 */
function cbCopyEmbed(payload) {
  var f = Module['costbook'].figure;
  var src = new URL(f.getAttribute('data-embed'), location.href).href + (payload ? '#' + f.id + ':' + payload : '');
  var esc = function(t) { return t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); };
  var height = Math.ceil(f.getBoundingClientRect().height) + 64;
  cbCopy('<iframe src="' + esc(src) + '" title="' + esc(document.title) + '" width="100%" height="' + height +
         '" style="border:0" loading="lazy"></iframe>', 2);
}

/**
 * Copies `text`: navigator.clipboard where the page may use it, else a selected <textarea> and
 * execCommand('copy'). Tells the calculator `what` (1 the link, 2 the embed) when copied or -what
 * when refused, and 0 two seconds later.
 */
function cbCopy(text, what) {
  function done(ok) {
    _calc_copied(ok ? what : -what);
    clearTimeout(cbCopyTimer);
    cbCopyTimer = setTimeout(function() { _calc_copied(0); }, 2000);
  }
  function fallback() {
    var had = document.activeElement;   // the canvas, or the twin of the button pressed: it gets the focus back
    var t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.style.position = 'fixed';
    t.style.top = '0';
    t.style.opacity = '0';
    cbQuietFocus = cbMirrorQuiet = true;
    document.body.appendChild(t);
    t.focus({preventScroll: true});
    t.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    t.remove();
    if (had && had != document.body && document.contains(had)) had.focus({preventScroll: true});
    cbQuietFocus = cbMirrorQuiet = false;
    done(ok);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function() { done(true); }, fallback);
  } else {
    fallback();
  }
}

/**
 * Emscripten 3.1.6's GLFW listens for keys on the whole window (it would eat keys typed anywhere
 * on the page, and traps Tab), for the mouse only on the canvas (a release outside is lost, so a
 * dragged slider sticks), gets touch positions wrong, and swallows every wheel event over the
 * canvas. Keys go to the focused canvas through _calc_key; mouse, touch and pen through pointer
 * events with pointer capture; the wheel stays the page's (the calculator never scrolls inside).
 */
function cbInstallListeners() {
  var c = Module['canvas'];
  cbNoteRegion();
  window.removeEventListener('keydown', GLFW.onKeydown, true);
  window.removeEventListener('keypress', GLFW.onKeyPress, true);
  window.removeEventListener('keyup', GLFW.onKeyup, true);
  var old = {'touchmove': GLFW.onMousemove, 'touchstart': GLFW.onMouseButtonDown,
             'touchcancel': GLFW.onMouseButtonUp, 'touchend': GLFW.onMouseButtonUp,
             'mousemove': GLFW.onMousemove, 'mousedown': GLFW.onMouseButtonDown,
             'mouseup': GLFW.onMouseButtonUp, 'wheel': GLFW.onMouseWheel,
             'mousewheel': GLFW.onMouseWheel, 'drop': GLFW.onDrop, 'dragover': GLFW.onDragover};
  for (var k in old) c.removeEventListener(k, old[k], true);

  // Enter presses like Space: ImGui 1.86 activates buttons and checkboxes with Space only.
  function key(e) { return e.keyCode == 13 ? 32 : e.keyCode; }
  c.addEventListener('keydown', function(e) {
    var r = _calc_key(e.keyCode, e.shiftKey ? 1 : 0);
    if (r == 2) {  // not the calculator's: Tab out, or nothing inside is focused
      // Tab out past the last control (the canvas had the focus from a click): the mirror, which the
      // page lists after the canvas, is not the way out, so the page's Tab starts from its end.
      var last = e.keyCode == 9 && !e.shiftKey && cbMirrorEnd(true);
      if (last) { cbQuietFocus = cbMirrorQuiet = true; last.focus({preventScroll: true}); cbQuietFocus = cbMirrorQuiet = false; }
      return;
    }
    e.preventDefault();
    if (e.keyCode == 9 && r == 1) cbFocusMirror(Module['probe']('focus'));
    if (r == 0) GLFW.onKeyChanged(key(e), 1);
  });
  // ImGui 1.86 polls key state once a frame: a press and release between two frames would be
  // lost, so the release reaches it two frames later.
  c.addEventListener('keyup', function(e) {
    var code = key(e);
    requestAnimationFrame(function() {
      requestAnimationFrame(function() { GLFW.onKeyChanged(code, 0); _calc_request_frames(); });
    });
  });

  // Touch waits to see a horizontal drag (a slider) or a tap before it reaches ImGui: a vertical
  // swipe and a pinch are the browser's (touch-action: pan-y pinch-zoom), which scroll and zoom the
  // page without touching a value; a second finger ends the first one's touch.
  c.style.touchAction = 'pan-y pinch-zoom';
  var touch = null;
  var fingers = 0;
  var pointerFocus = false;
  function press(down) {
    c.setPointerCapture(down.pointerId);
    GLFW.onMousemove(down);
    GLFW.onMouseButtonDown(down);
  }
  c.addEventListener('pointerdown', function(e) {
    pointerFocus = true;
    if (e.pointerType == 'touch') {
      if (++fingers > 1) {
        if (touch && touch.pressed) GLFW.onMouseButtonUp(e);
        touch = null;
        return;
      }
      touch = {down: e, pressed: false};
      // A long tap on a slider (half a second, not moving) types a value.
      var held = touch;
      setTimeout(function() {
        if (touch !== held || held.pressed) return;
        var s = cbSliderAt(held.down.clientX, held.down.clientY);
        if (!s) return;
        touch = null;
        cbEdit(s);
      }, 500);
      return;
    }
    press(e);
  });
  c.addEventListener('pointermove', function(e) {
    if (touch && !touch.pressed) {
      var dx = Math.abs(e.clientX - touch.down.clientX), dy = Math.abs(e.clientY - touch.down.clientY);
      if (dx < 8 || dx < dy) return;
      touch.pressed = true;
      press(touch.down);
    }
    GLFW.onMousemove(e);
  });
  c.addEventListener('pointerup', function(e) {
    if (e.pointerType == 'touch') {
      fingers = Math.max(0, fingers - 1);
      if (!touch) return;   // a pinch's fingers
    }
    if (touch && !touch.pressed) press(touch.down);  // a tap
    touch = null;
    GLFW.onMouseButtonUp(e);
    // The control clicked has the calculator's focus once ImGui has seen the release; the page's
    // focus goes to its twin, which a screen reader reads (the canvas is hidden from it) and where
    // Tab goes on from.
    requestAnimationFrame(function() {
      requestAnimationFrame(function() {
        if (document.activeElement != c) return;
        cbQuietFocus = cbMirrorQuiet = true;   // the calculator's focus is already there: no ring drawn for a click
        if (cbFocusMirror(Module['probe']('focus'))) pointerFocus = false;
        cbQuietFocus = cbMirrorQuiet = false;
      });
    });
  });
  c.addEventListener('pointercancel', function(e) {
    if (e.pointerType == 'touch') fingers = Math.max(0, fingers - 1);
    var pressed = e.pointerType != 'touch' || (touch && touch.pressed);
    touch = null;
    if (pressed) GLFW.onMouseButtonUp(e);
  });
  c.addEventListener('contextmenu', function(e) { e.preventDefault(); });
  c.addEventListener('dblclick', function(e) {
    var s = cbSliderAt(e.clientX, e.clientY);
    if (s) { GLFW.onMouseButtonUp(e); cbEdit(s); }
  });

  // Keyboard focus arriving from the page lands on the first control (or the last, coming back).
  c.addEventListener('focus', function(e) {
    if (pointerFocus || cbQuietFocus) return;
    var from = e.relatedTarget;
    var fromAfter = !!(from && (c.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING));
    // Focus coming from one of the mirror's controls (a script's canvas.focus() again) goes back there.
    var to = from && cbMirror && cbMirror.contains(from) ? from : cbMirrorEnd(fromAfter);
    if (to) to.focus();  // the keyboard's way in is the mirror
    else _calc_focus(fromAfter ? 1 : 0);
  });
  c.addEventListener('blur', function() {
    if (cbQuietFocus) return;
    pointerFocus = false;
    _calc_blur();
  });

  // Resizes (the container, the window, zoom) and the colour scheme redraw.
  new ResizeObserver(function() { _calc_request_frames(); }).observe(c);
  function watchRatio() {
    matchMedia('(resolution: ' + devicePixelRatio + 'dppx)').addEventListener('change', function() {
      _calc_request_frames();
      watchRatio();
    }, {once: true});
  }
  watchRatio();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function(e) {
    _calc_set_dark(e.matches ? 1 : 0);
  });

  // A #hash naming this figure, opened while the page is open (a link on the page), applies.
  window.addEventListener('hashchange', function() {
    var prefix = '#' + Module['costbook'].figure.id + ':';
    if (location.hash.indexOf(prefix) != 0) return;
    var p = cbCString(location.hash.slice(prefix.length));  // core decodes %XX
    _calc_apply_hash(p);
    _free(p);
  });
}

/**
 * After the first frame: a canvas that took the keyboard focus before the calculator ran (Tab
 * started it) gets its first control focused, or its last when the focus came from after it.
 */
function cbStarted() {
  var f = Module['costbook'].figure;
  if (document.activeElement != Module['canvas'] || f.cbPointer) return;
  var to = cbMirrorEnd(f.cbFocusFromEnd);
  if (to) to.focus();
  else _calc_focus(f.cbFocusFromEnd ? 1 : 0);
}

/** For tests: a control's "x,y,w,h" in CSS px within the canvas (key:rate, rung:final, tab:own, reset). */
Module['probe'] = function(name) {
  var p = cbCString(name);
  var out = UTF8ToString(_calc_probe(p));
  _free(p);
  return out;
};
