// SynCloud run page live view, loaded as a static file (the CSP forbids
// inline scripts). Without it the page shows the log so far and refreshes
// itself while the run is busy; with it the log streams in from the
// page's Server-Sent Events endpoint and the page reloads once the plan is
// ready or the run has ended, to show the plan, the buttons and the
// result.
"use strict";

(function () {
  var log = document.getElementById("run-log");
  var status = document.getElementById("run-status");
  if (log) log.scrollTop = log.scrollHeight; // the end of the log is the news
  if (!log || !status || !log.dataset.events || !window.EventSource) return;
  var hint = document.getElementById("log-hint");
  var events = new EventSource(log.dataset.events);
  var reload = function () {
    events.close();
    window.location.reload();
  };
  events.addEventListener("log", function (ev) {
    var follow = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.textContent += ev.data + "\n";
    if (follow) log.scrollTop = log.scrollHeight;
  });
  events.addEventListener("status", function (ev) {
    status.textContent = ev.data;
    status.className = "status status-" + ev.data;
    if (hint) hint.textContent = "Live: the run is " + ev.data + ".";
    if (ev.data === "planned") reload();
  });
  events.addEventListener("done", reload);
})();
