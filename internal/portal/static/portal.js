// SynCloud portal behaviour, loaded as a static file (the CSP forbids
// inline scripts): example prompts, copy and download buttons, and
// confirmation before destructive forms.
"use strict";

document.addEventListener("click", function (ev) {
  var b = ev.target.closest("button");
  if (!b) return;
  if (b.dataset.example !== undefined) {
    var p = document.getElementById("prompt");
    p.value = b.dataset.example;
    p.focus();
  } else if (b.dataset.copy) {
    copy(b, document.getElementById(b.dataset.copy).textContent);
  } else if (b.dataset.download) {
    download(document.getElementById(b.dataset.download).textContent, b.dataset.filename);
  }
});

function copy(button, text) {
  // Only the visible word changes: a visually hidden part of the label
  // ("the trust policy") stays hidden and keeps the button's name.
  var label = button.firstChild;
  var done = function () {
    var old = label.nodeValue;
    label.nodeValue = "Copied";
    setTimeout(function () { label.nodeValue = old; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else {
    fallbackCopy(text);
    done();
  }
}

// fallbackCopy copies through a hidden textarea where the Clipboard API is
// unavailable (plain-HTTP development servers).
function fallbackCopy(text) {
  var t = document.createElement("textarea");
  t.value = text;
  t.setAttribute("readonly", "");
  t.className = "visually-hidden";
  document.body.appendChild(t);
  t.select();
  document.execCommand("copy");
  document.body.removeChild(t);
}

function download(text, name) {
  var url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  var a = document.createElement("a");
  a.href = url;
  a.download = name || "main.tf";
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

document.addEventListener("submit", function (ev) {
  var msg = ev.target.dataset.confirm;
  if (msg && !window.confirm(msg)) ev.preventDefault();
});
