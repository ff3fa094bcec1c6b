// SynCloud playground: the new workspace's fields show only while "New
// workspace" is chosen. Without this script they are always shown and
// only read when it is chosen.
"use strict";

(function () {
  var choice = document.getElementById("workspace");
  var fields = document.getElementById("new-workspace");
  if (!choice || !fields) return;
  var sync = function () { fields.hidden = choice.value !== "new"; };
  choice.addEventListener("change", sync);
  sync();
})();
