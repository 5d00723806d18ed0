// The News Feed, live: pages that show it (the feed page, the front-page column, the rail
// beside articles) ask /news-feed/latest.json every few seconds and add new entries at the
// top. Without this script the same entries are plain links, current as of page load.
(function () {
  "use strict";
  if (window.mastheadNewsFeed) return;
  window.mastheadNewsFeed = true;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text; // text only: entries never become markup
    return node;
  }

  function entryNode(entry, withTags) {
    var item = el("li", "feed-entry feed-entry--new");
    item.id = entry.key;
    item.setAttribute("data-key", entry.key);
    var time = el("time", "feed-entry__time", entry.time);
    time.setAttribute("datetime", entry.published_at);
    var link = el("a", "feed-entry__headline", entry.headline);
    link.href = entry.href;
    item.appendChild(time);
    item.appendChild(link);
    item.appendChild(el("p", "feed-entry__summary", entry.summary));
    if (withTags && entry.tags.length) {
      var tags = el("ul", "feed-entry__tags");
      entry.tags.forEach(function (tag) {
        var li = el("li");
        var a = el("a", "tag", tag.name);
        a.href = tag.url;
        li.appendChild(a);
        tags.appendChild(li);
      });
      item.appendChild(tags);
    }
    return item;
  }

  function dayList(root, entry) {
    var section = root.querySelector('.feed-day[data-day="' + entry.day + '"]');
    if (!section) {
      section = el("section", "feed-day");
      section.setAttribute("data-day", entry.day);
      section.appendChild(el("h2", "feed-day__title", entry.day_label));
      var list = el("ol", "feed-list feed-list--page");
      list.setAttribute("data-feed-list", "");
      section.appendChild(list);
      var empty = root.querySelector("[data-feed-empty]");
      if (empty) empty.remove();
      root.insertBefore(section, root.firstChild);
    }
    return section.querySelector("[data-feed-list]");
  }

  function bind(root) {
    var url = root.getAttribute("data-news-feed-live");
    var mode = root.getAttribute("data-mode") || "column";
    var limit = parseInt(root.getAttribute("data-limit"), 10) || 0;
    var seconds = Math.max(2, parseInt(root.getAttribute("data-poll-seconds"), 10) || 3);
    var busy = false;

    function apply(entries) {
      // Oldest first, each put on top, so the newest ends up first.
      entries.slice().reverse().forEach(function (entry) {
        if (root.querySelector('[data-key="' + entry.key + '"]')) return;
        var list = mode === "page" ? dayList(root, entry) : root.querySelector("[data-feed-list]");
        list.insertBefore(entryNode(entry, mode === "page"), list.firstChild);
      });
      if (limit) {
        var items = root.querySelectorAll("[data-feed-list] > li");
        for (var i = limit; i < items.length; i++) items[i].remove();
      }
    }

    function poll() {
      if (busy || document.hidden) return;
      busy = true;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.entries) apply(data.entries); })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { busy = false; });
    }

    window.setInterval(poll, seconds * 1000);
    document.addEventListener("visibilitychange", poll);
  }

  function start() {
    document.querySelectorAll("[data-news-feed-live]").forEach(bind);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
