// calc-loader.js: starts the costbook calculator in every <figure class="cb-calc"> on the page.
//
// - calc.js and calc.wasm are found beside this script, whatever the site's base path.
// - One fetch and one compile of calc.wasm for the whole page (WebAssembly.compileStreaming,
//   falling back to arrayBuffer() + compile when a host serves .wasm with the wrong MIME type);
//   each embed gets its own instance through Emscripten's instantiateWasm hook.
// - Nothing is fetched for a page whose calculators the reader never comes near: calc.js and
//   calc.wasm download once an embed is within a screen of the viewport, or takes focus,
//   or the #hash names it; an embed starts when it scrolls into view; one named by the #hash
//   (#calc-0:rate=3) starts at once and is scrolled into view.
// - First frame: an embed that starts makes its WebGL context and compiles the calculator's
//   shaders at once, while calc.js and calc.wasm download, at a canvas size it keeps (taller than
//   the content is likely to be: the frame clips it to the content's height); nothing on the way
//   reads WebGL state back (but the link status, at once, for one the #hash named) or lays the
//   page out twice (tests/browser/frame.test.mjs).
// - Nothing else is fetched, nothing is written to the console; when the calculator cannot run,
//   the embed keeps its static table and says why.
(function() {
  'use strict';
  var script = document.currentScript;
  var base = script ? script.src : location.href;
  var jsUrl = new URL('calc.js', base).href;
  var wasmUrl = new URL('calc.wasm', base).href;
  var ready = null;  // Promise<{create, module}>, shared by every embed

  // The calculator's own CSS, which it brings to any site: a theme (static/*.css) styles the page,
  // and need not know how the calculator hides its static table, lays its native controls over
  // their drawings or places its typed-value box. Rules that the calculator needs once it runs
  // keep their specificity; the rest are defaults inside :where() (no specificity), which any rule
  // of the theme replaces: the frame's height, the static state's layout (a theme restates that
  // one for readers without JavaScript, as static/css/site.css does), the look of its parts. Adopted
  // as a constructed sheet (not subject to a page's style-src), else as a <style> element.
  var CSS = [
    ':where(figure.cb-calc) { margin-left: 0; margin-right: 0; }',
    ':where(.cb-calc-frame) { position: relative; width: 100%; height: clamp(28rem, 70vh, 36rem); }',
    ':where(.cb-calc-canvas) { display: block; width: 100%; height: 100%; }',
    ':where(.cb-calc-status) { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;' +
      ' margin: 0; padding: 1rem; text-align: center; pointer-events: none; }',
    ':where(.cb-calc:not(.cb-ready) .cb-calc-frame) { height: auto; min-height: 4rem; }',
    ':where(.cb-calc:not(.cb-ready) .cb-calc-canvas) { position: absolute; inset: 0; opacity: 0; }',
    ':where(.cb-calc:not(.cb-ready) .cb-calc-status) { position: static; }',
    ':where(.cb-calc:not(.cb-ready) .cb-calc-frame:focus-within) { outline: 2px solid var(--cb-accent, Highlight); outline-offset: 2px; }',
    // Running: the canvas shows the headline and the table, which stay for screen readers.
    '.cb-calc.cb-ready { position: relative; }',
    '.cb-calc.cb-ready .cb-calc-status { display: none; }',
    '.cb-calc.cb-ready .cb-calc-live, .cb-calc.cb-ready .cb-calc-table, .cb-calc-spread, .cb-calc-note {' +
      ' position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; }',
    // A table takes no width of 1px from `width` (it is as wide as its cells and caption need: 540 px
    // here, which widened a phone's page past its screen): its layout is fixed, and the figure clips
    // what is left sideways (its own parts all lie inside it).
    '.cb-calc.cb-ready .cb-calc-table { table-layout: fixed; }',
    '.cb-calc.cb-ready { overflow-x: clip; }',
    // The native controls (screen readers, the keyboard): each over its drawing, unseen; the canvas draws their focus.
    '.cb-calc-mirror, .cb-calc-tabs { position: absolute; inset: 0; pointer-events: none; }',
    '.cb-calc-ctl { position: absolute; margin: 0; padding: 0; border: 0; opacity: 0; pointer-events: none; font-size: 1px; }',
    '.cb-calc-edit { position: absolute; z-index: 2; pointer-events: auto; }',
    '.cb-calc-edit-why:empty { display: none; }',
    ':where(.cb-calc-edit input) { display: block; width: 100%; box-sizing: border-box; padding: 0 0.5rem; font: 1rem var(--cb-font, sans-serif);' +
      ' color: var(--cb-ink, CanvasText); background: var(--cb-bg, Canvas); border: 2px solid var(--cb-accent, Highlight); border-radius: 4px; }',
    ':where(.cb-calc-edit-why) { margin: 0.25rem 0 0; padding: 0.2rem 0.4rem; font-size: 0.85rem; color: var(--cb-ink, CanvasText);' +
      ' background: var(--cb-bg, Canvas); border-radius: 4px; }',
    // Live prose: a figure that follows the calculator (dotted), one that differs from the page's value (tinted).
    ':where(.cb-live-on > .cb-fig) { text-decoration: underline dotted var(--cb-accent-2, currentColor); text-decoration-thickness: 2px; text-underline-offset: 0.2em; }',
    ':where(.cb-live-changed > .cb-fig) { background: color-mix(in srgb, var(--cb-accent-2, Highlight) 16%, transparent); border-radius: 3px; }',
    ':where(.cb-live-was) { font-size: 0.85em; }',
  ].join('\n');

  function adoptStyle() {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (e) {   // no constructable sheets (Safari before 16.4)
      var style = document.createElement('style');
      style.textContent = CSS;
      document.head.insertBefore(style, document.head.firstChild);
    }
  }

  function loadScript() {
    return new Promise(function(resolve, reject) {
      var s = document.createElement('script');
      s.src = jsUrl;
      s.onload = function() { resolve(window.createCostbookCalc); };
      s.onerror = function() { reject(new Error('calc.js did not load')); };
      document.head.appendChild(s);
    });
  }

  function compile() {
    return fetch(wasmUrl, {credentials: 'same-origin'}).then(function(response) {
      if (!response.ok) throw new Error('calc.wasm: HTTP ' + response.status);
      var copy = response.clone();
      if (!WebAssembly.compileStreaming) return copy.arrayBuffer().then(WebAssembly.compile);
      return WebAssembly.compileStreaming(response).catch(function() {
        // Served as something other than application/wasm: compile from the bytes instead.
        return copy.arrayBuffer().then(WebAssembly.compile);
      });
    });
  }

  function load() {
    if (!ready) {
      ready = Promise.all([loadScript(), compile()]).then(function(r) {
        return {create: r[0], module: r[1]};
      });
    }
    return ready;
  }

  // The canvas's CSS height: what the stylesheet gives its frame, or what most tabs need at this
  // width, the larger. The default site's tabs measure 430-1070 CSS px at 1280 px wide, 640-1810
  // at 390 (touch-sized controls under 600 px); a taller one grows the canvas once.
  function reserveHeight(cssWidth, cssHeight) {
    return Math.ceil(Math.max(cssHeight, cssWidth < 600 ? 1700 : 1150));
  }

  // wasm/renderer.cpp's program: ImGui's vertices (position, uv, colour at locations 0-2) through a
  // pixels-to-clip-space transform (location 3, a constant attribute), the one-channel font atlas
  // on texture unit 0. Made here so that it compiles while calc.wasm downloads.
  function drawProgram(gl) {
    var program = gl.createProgram();
    [[gl.VERTEX_SHADER,
      'layout(location = 0) in vec2 pos;\nlayout(location = 1) in vec2 uv;\nlayout(location = 2) in vec4 col;\n' +
      'layout(location = 3) in vec4 xf;\nout vec2 v_uv;\nout vec4 v_col;\n' +
      'void main() { v_uv = uv; v_col = col; gl_Position = vec4(pos * xf.xy + xf.zw, 0.0, 1.0); }'],
     [gl.FRAGMENT_SHADER,
      'precision mediump float;\nuniform sampler2D tex;\nin vec2 v_uv;\nin vec4 v_col;\nout vec4 o;\n' +
      'void main() { o = vec4(v_col.rgb, v_col.a * texture(tex, v_uv).r); }']].forEach(function(s) {
      var shader = gl.createShader(s[0]);
      gl.shaderSource(shader, '#version 300 es\n' + s[1]);
      gl.compileShader(shader);
      gl.attachShader(program, shader);
      gl.deleteShader(shader);  // flagged: freed with the program
    });
    gl.linkProgram(program);  // not waited for here (start() does, for a calculator the #hash named)
    return program;
  }

  function hashFor(figure) {
    var prefix = '#' + figure.id + ':';
    return location.hash.indexOf(prefix) == 0 ? location.hash.slice(prefix.length) : '';
  }

  function fail(figure, why) {
    figure.classList.remove('cb-ready');
    figure.removeAttribute('aria-busy');
    var canvas = figure.querySelector('canvas');
    if (canvas) canvas.style.height = canvas.parentNode.style.overflow = canvas.parentNode.style.height = '';
    var status = figure.querySelector('.cb-calc-status');
    if (status) status.textContent = 'The interactive calculator could not start (' + why +
        '); the results below are for the scenario shown.';
  }

  // `scroll`: bring it into view first (the #hash named it).
  function start(figure, scroll) {
    if (figure.cbStarted) return;
    figure.cbStarted = true;
    var canvas = figure.querySelector('canvas');
    if (!canvas) return;
    if (!window.WebAssembly || !window.WebGL2RenderingContext) {
      fail(figure, 'this browser lacks WebAssembly or WebGL 2');
      return;
    }
    // calc.js and calc.wasm download, and calc.wasm compiles off the main thread, from here on.
    var loaded = load();
    // The figure takes its running look (the canvas shown, the static table set aside) before
    // anything reads the layout: the scroll and the measure below then share one layout of the page.
    figure.classList.add('cb-ready');
    // Busy until its first settle (the band's draws, the headline for the #hash): live.js clears it.
    figure.setAttribute('aria-busy', 'true');
    if (scroll) figure.scrollIntoView({block: 'center'});
    var box = canvas.getBoundingClientRect();
    // The WebGL context now, while the files download, and at a size it keeps: once the page has
    // painted, the GPU process is busy rastering it (in software GL, for long), and every
    // synchronous WebGL call waits behind that, resizing a canvas included. The frame's height
    // follows the calculator's content, which only the module knows; so the canvas is made taller
    // than the content is likely to be (reserveHeight) and its frame clips it to the content:
    // the frame changes height, the canvas does not (unless the content outgrows it).
    var dpr = window.devicePixelRatio || 1;
    var tall = reserveHeight(box.width, box.height);
    canvas.style.height = tall + 'px';
    canvas.parentNode.style.overflow = 'hidden';
    canvas.width = Math.max(1, Math.round(box.width * dpr));
    canvas.height = Math.max(1, Math.round(tall * dpr));
    var gl = canvas.getContext('webgl2', {alpha: true, antialias: false, depth: false, stencil: false});
    // Emscripten's GLFW gets this context back from getContext(), and wasm/renderer.cpp this
    // program (compiled and linked by the GPU process meanwhile: nothing waits for it here).
    var program = gl && drawProgram(gl);
    // A calculator the #hash named starts with the page: its shaders link now, while the GPU process
    // is idle, and the loader waits for that (~20 ms). Asked later, by the first draw's useProgram(),
    // the same answer waits behind the page's first raster (60-100 ms in software GL). One started
    // by scrolling does not wait here: the page's thread would stutter mid-scroll.
    if (program && scroll) gl.getProgramParameter(program, gl.LINK_STATUS);
    loaded.then(function(shared) {
      return shared.create({
        canvas: canvas,
        costbook: {figure: figure, hash: hashFor(figure), box: {width: box.width, height: tall}, program: program},
        print: function() {},
        printErr: function() {},
        instantiateWasm: function(imports, done) {
          WebAssembly.instantiate(shared.module, imports).then(function(instance) {
            done(instance, shared.module);
          }, function() { fail(figure, 'calc.wasm did not instantiate'); });
          return {};
        },
      });
    }).then(function(instance) {
      figure.costbookCalc = instance;  // for tests (tests/browser/) and the curious
      if (!canvas.width || !canvas.getContext('webgl2')) fail(figure, 'WebGL 2 is not available');
    }, function(e) {
      fail(figure, e && e.message ? e.message : 'it did not load');
    });
  }

  function init() {
    var figures = document.querySelectorAll('figure.cb-calc');
    if (!figures.length) return;
    adoptStyle();
    var named = null;
    for (var i = 0; i < figures.length; i++) {
      if (hashFor(figures[i])) named = figures[i];
      // The page says what the calculator needs (JavaScript) for readers without it; with it:
      var status = figures[i].querySelector('.cb-calc-status');
      if (status) status.textContent = 'The calculator starts when it scrolls into view or takes the keyboard focus.';
      // ... and its canvas is a tab stop, the keyboard's way in (without JavaScript it is neither
      // focusable nor read: it could do nothing).
      var canvas = figures[i].querySelector('canvas');
      if (canvas) { canvas.tabIndex = 0; canvas.removeAttribute('aria-hidden'); }
    }
    if (named) start(named, true);
    if (!('IntersectionObserver' in window)) {
      for (var j = 0; j < figures.length; j++) start(figures[j]);
      return;
    }
    // Near: start downloading and compiling, so the calculator is ready when it scrolls in.
    var near = new IntersectionObserver(function(entries) {
      entries.forEach(function(e) {
        if (!e.isIntersecting) return;
        near.disconnect();
        load().catch(function() {});
      });
    }, {rootMargin: '100% 0px'});
    var seen = new IntersectionObserver(function(entries) {
      entries.forEach(function(e) {
        if (!e.isIntersecting) return;
        seen.unobserve(e.target);
        start(e.target);
      });
    }, {rootMargin: '200px 0px'});
    for (var k = 0; k < figures.length; k++) {
      if (figures[k].cbStarted) continue;
      near.observe(figures[k]);
      seen.observe(figures[k]);
      // A keyboard user who tabs to it (the canvas keeps its place in the tab order): start at
      // once; platform.js's cbStarted() then puts the focus on the first control, or the last when
      // the focus came back from after the calculator.
      figures[k].addEventListener('pointerdown', function(e) { e.currentTarget.cbPointer = true; });
      figures[k].addEventListener('focusin', function(e) {
        var f = e.currentTarget, from = e.relatedTarget;
        f.cbFocusFromEnd = !!(from && (f.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING));
        start(f);
      });
    }
  }

  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
