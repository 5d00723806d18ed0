// The article audio player: custom, keyboard-operable controls over a native <audio>.
// Without this script the native controls stay visible and everything still works.
(function () {
  "use strict";
  function label(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  function setup(root) {
    var audio = root.querySelector("audio");
    var controls = root.querySelector(".audio-player__controls");
    var play = root.querySelector("[data-action=play]");
    var playText = root.querySelector(".audio-player__play-text");
    var seek = root.querySelector("[data-action=seek]");
    var speed = root.querySelector("[data-action=speed]");
    var current = root.querySelector("[data-current]");
    var total = root.querySelector("[data-duration]");
    var duration = parseFloat(audio.dataset.duration) || 0;
    var dragging = false;

    audio.removeAttribute("controls");
    controls.hidden = false;
    root.classList.add("audio-player--enhanced");

    function showState() {
      var playing = !audio.paused && !audio.ended;
      // The words come translated from the template (data-label-*), English otherwise.
      var word = playing ? root.dataset.labelPause || "Pause" : root.dataset.labelPlay || "Play";
      play.setAttribute("aria-label", word);
      playText.textContent = word;
      root.classList.toggle("audio-player--playing", playing);
    }
    function showTime() {
      if (isFinite(audio.duration) && audio.duration > 0) duration = audio.duration;
      seek.max = String(Math.ceil(duration));
      total.textContent = label(duration);
      if (!dragging) seek.value = String(Math.floor(audio.currentTime));
      current.textContent = label(audio.currentTime);
      seek.setAttribute("aria-valuetext", label(audio.currentTime) + " " + (root.dataset.labelOf || "of") + " " + label(duration));
    }
    play.addEventListener("click", function () {
      if (audio.paused || audio.ended) {
        var started = audio.play();
        if (started && started.catch) started.catch(function () { showState(); });
      } else {
        audio.pause();
      }
    });
    seek.addEventListener("input", function () {
      dragging = true;
      current.textContent = label(parseFloat(seek.value));
    });
    seek.addEventListener("change", function () {
      dragging = false;
      audio.currentTime = parseFloat(seek.value);
      showTime();
    });
    speed.addEventListener("change", function () {
      audio.playbackRate = parseFloat(speed.value) || 1;
    });
    // The speed survives a seek or a restart: the element resets nothing, but a new source
    // would, so it is applied again when playback begins.
    audio.addEventListener("play", function () { audio.playbackRate = parseFloat(speed.value) || 1; showState(); });
    ["pause", "ended"].forEach(function (name) { audio.addEventListener(name, showState); });
    ["timeupdate", "durationchange", "loadedmetadata", "seeked"].forEach(function (name) {
      audio.addEventListener(name, showTime);
    });
    showState();
    showTime();
    listening(root, audio);
  }
  // Narration analytics: a play, then 25/50/75/100 % reached, each sent once per page view
  // as a beacon with the article id and the quartile, nothing about the listener.
  function listening(root, audio) {
    var url = root.getAttribute("data-listen-hit");
    var id = root.getAttribute("data-article-id");
    if (!url || !id || !navigator.sendBeacon) return;
    var sent = {};
    function send(q) {
      if (sent[q]) return;
      sent[q] = true;
      navigator.sendBeacon(url, new URLSearchParams({ id: id, q: String(q) }));
    }
    audio.addEventListener("play", function () { send(0); });
    audio.addEventListener("ended", function () { send(100); });
    audio.addEventListener("timeupdate", function () {
      var total = isFinite(audio.duration) && audio.duration > 0 ? audio.duration : 0;
      if (!total) return;
      var share = audio.currentTime / total;
      [25, 50, 75, 100].forEach(function (q) { if (share >= q / 100 - 0.001) send(q); });
    });
  }
  document.querySelectorAll("[data-audio-player]").forEach(setup);
})();
