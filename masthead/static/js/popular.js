// Most popular: tell the server this article was read. One small beacon, no cookie, nothing
// about the reader; pages served from the edge cache are counted too.
(function () {
  "use strict";
  var node = document.querySelector("[data-popular-id][data-popular-hit]");
  if (!node || !navigator.sendBeacon || document.prerendering) return;
  var body = new URLSearchParams({ id: node.getAttribute("data-popular-id") });
  navigator.sendBeacon(node.getAttribute("data-popular-hit"), body);
})();
