// Loads the comment block into the article page (which is the same for every reader and
// cached), and sends its forms without leaving the page. Without this script the block's
// link leads to the full comments page, where the same forms work as ordinary forms.
(function () {
  "use strict";
  var HEADERS = { "X-Requested-With": "fetch" };

  function show(body, html) {
    body.innerHTML = html; // server-rendered and escaped; the fragment contains no script
  }

  function load(section) {
    var body = section.querySelector("[data-comments-body]");
    fetch(section.getAttribute("data-comments-src"), {
      credentials: "same-origin",
      headers: HEADERS,
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) { show(body, html); })
      .catch(function () { /* keep the fallback link */ });

    section.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute("data-comments-form")) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: HEADERS,
      })
        .then(function (response) {
          if (!response.headers.get("X-Comments-Fragment")) throw new Error("HTTP " + response.status);
          return response.text().then(function (html) {
            show(body, html);
            var alert = body.querySelector("[role=alert]");
            if (alert) alert.scrollIntoView({ block: "center" });
          });
        })
        .catch(function () {
          if (button) button.disabled = false;
          form.submit(); // let the browser try the ordinary way
        });
    });
  }

  document.querySelectorAll("[data-comments-src]").forEach(load);
})();
