// The time-out warning (docs/data-protection.md, "Answers in the browser session"), after GOV.UK's pattern:
// a modal dialog opens `data-warning` seconds before the answers are dropped, says how
// long is left (spoken every minute, then every 15 seconds), and its one button (or
// Escape) keeps the answers for another window. When the time is up, the page goes to
// the "session ended" page. Without JavaScript nothing of this runs.
(function () {
  "use strict";
  var dialog = document.getElementById("timeout-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var form = dialog.querySelector("form");
  // The page's own form carries the CSRF token (one token a page: each costs a random string).
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) { form.appendChild(token.cloneNode()); }
  var shown = dialog.querySelector(".timeout__countdown");
  var spoken = dialog.querySelector(".timeout__spoken");
  var warning = Number(dialog.dataset.warning) * 1000;
  var deadline, warnTimer, tick, lastSpoken, returnFocus;

  function words(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes === 1 ? dialog.dataset.minute : dialog.dataset.minutes.replace("{n}", minutes);
    }
    return seconds === 1 ? dialog.dataset.second : dialog.dataset.seconds.replace("{n}", seconds);
  }

  function sentence(seconds) {
    return dialog.dataset.sentence.replace("{time}", words(seconds));
  }

  function update() {
    var seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (seconds === 0) {
      window.clearInterval(tick);
      window.location.assign(dialog.dataset.expiredUrl);
      return;
    }
    shown.textContent = sentence(seconds);
    var say = seconds >= 60 ? words(seconds) : String(Math.ceil(seconds / 15) * 15);
    if (say !== lastSpoken) {
      lastSpoken = say;
      spoken.textContent = sentence(seconds);
    }
  }

  function warn() {
    returnFocus = document.activeElement;
    lastSpoken = null;
    update();
    dialog.showModal();
    tick = window.setInterval(update, 1000);
  }

  function schedule(remainingSeconds) {
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    deadline = Date.now() + remainingSeconds * 1000;
    warnTimer = window.setTimeout(warn, Math.max(0, deadline - Date.now() - warning));
  }

  function extend(event) {
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      if (answer.remaining === null) {
        window.location.assign(dialog.dataset.expiredUrl);
        return;
      }
      dialog.close();
      warning = answer.warning * 1000;
      schedule(answer.remaining);
      if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
    }).catch(function () {
      form.submit();  // the endpoint without JavaScript: it answers with the page again
    });
  }

  form.addEventListener("submit", extend);
  dialog.addEventListener("cancel", extend);  // Escape keeps going too
  schedule(Number(dialog.dataset.remaining));
})();
