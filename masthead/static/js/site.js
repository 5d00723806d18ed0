// Masthead's public script. Pages work without it; it only improves them.
(function () {
  "use strict";
  // Close an open menu ("More", or the phone Menu) when the reader clicks elsewhere or
  // presses Escape; Escape gives the focus back to its toggle.
  var OPEN_MENUS = ".site-nav__more details[open], details.site-menu[open]";
  document.addEventListener("click", function (event) {
    document.querySelectorAll(OPEN_MENUS).forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(OPEN_MENUS).forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
})();
// Scripts a page can do without until it is interactive. An element names one in
// data-load-script; it loads once the page has loaded and the browser is idle, or, with
// data-load-when="visible", once that element nears the screen (or takes focus first).
// Loading them late keeps their fetch and work off the main thread while the page starts.
(function () {
  "use strict";
  var scripts = {}; // src -> {ready: bool, waiting: [callbacks]}
  function load(src, callback) {
    var entry = scripts[src];
    if (!entry) {
      entry = scripts[src] = { ready: false, waiting: [] };
      var script = document.createElement("script");
      var settle = function (ok) {
        entry.ready = true;
        entry.ok = ok;
        entry.waiting.splice(0).forEach(function (fn) { fn(ok); });
      };
      script.src = src;
      script.async = true;
      script.onload = function () { settle(true); };
      script.onerror = function () { settle(false); };
      document.head.appendChild(script);
    }
    if (callback) {
      if (entry.ready) callback(entry.ok);
      else entry.waiting.push(callback);
    }
  }
  function whenIdle(callback) {
    var run = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 3000 });
      else window.setTimeout(callback, 300);
    };
    if (document.readyState === "complete") run();
    else window.addEventListener("load", run, { once: true });
  }
  document.querySelectorAll("[data-load-script]").forEach(function (node) {
    var src = node.getAttribute("data-load-script");
    var start = function () { load(src); };
    if (node.tagName === "FORM") {
      // Sent before its script ran: hold it, load the script, then send it again so the
      // script handles it (or as a plain POST if the script cannot load).
      node.addEventListener("submit", function (event) {
        if (scripts[src] && scripts[src].ready) return;
        event.preventDefault();
        load(src, function (ok) {
          if (ok && node.requestSubmit) node.requestSubmit();
          else node.submit();
        });
      });
    }
    if (node.getAttribute("data-load-when") !== "visible" || !window.IntersectionObserver) {
      whenIdle(start);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      whenIdle(start);
    }, { rootMargin: "600px 0px" });
    observer.observe(node);
    node.addEventListener("focusin", start, { once: true });
  });
})();
