// Masthead's public script. Pages work without it; it only improves them.
(function () {
  "use strict";
  // Close an open "More" menu when the reader clicks elsewhere or presses Escape.
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".site-nav__more details[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".site-nav__more details[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
})();
