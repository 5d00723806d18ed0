// Reader analytics: tell the server this article was read. One small beacon, no cookie,
// nothing about the reader: the referring site's host name only (never the address it
// linked from), and whether the reader came from one of our newsletters.
(function () {
  "use strict";
  var node = document.querySelector("[data-popular-id][data-popular-hit]");
  if (!node || !navigator.sendBeacon || document.prerendering) return;
  var fields = { id: node.getAttribute("data-popular-id") };
  try {
    if (document.referrer) fields.ref = new URL(document.referrer).hostname;
  } catch (e) { /* an unreadable referrer counts as none */ }
  var params = new URLSearchParams(location.search);
  if (params.get("utm_medium") === "email" || params.get("utm_source") === "newsletter") {
    fields.src = "newsletter";
  }
  navigator.sendBeacon(node.getAttribute("data-popular-hit"), new URLSearchParams(fields));
})();
