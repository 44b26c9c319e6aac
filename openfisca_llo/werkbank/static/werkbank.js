// Small progressive additions; every page works without this file.
(function () {
  "use strict";
  function onReady(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  onReady(function () {
    // "Alles openen / sluiten" for explanation trees.
    document.querySelectorAll("[data-toggle-details]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var root = document.getElementById(button.getAttribute("data-toggle-details"));
        if (!root) { return; }
        var all = root.querySelectorAll("details");
        var open = button.getAttribute("aria-pressed") !== "true";
        all.forEach(function (d) { d.open = open; });
        button.setAttribute("aria-pressed", open ? "true" : "false");
        button.textContent = open ? "Alles dichtklappen" : "Alles openklappen";
      });
    });
    // Copy the YAML case or the shareable address.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var text = source.value !== undefined ? source.value : source.textContent;
        if (navigator.clipboard) {
          navigator.clipboard.writeText(text).then(function () { button.textContent = "Gekopieerd"; });
        } else { source.select && source.select(); }
      });
    });
    // The amendment's budget effect: fetched after the page is shown, with a progress sign; the link stays the
    // way without JavaScript (and after a failure).
    var plek = document.querySelector("[data-begroting]");
    if (plek && window.fetch) {
      var link = plek.innerHTML;
      plek.setAttribute("aria-busy", "true");
      plek.innerHTML = '<p class="bezig" role="status"><span class="spinner" aria-hidden="true"></span>' +
        "Bezig: het begrotingseffect wordt berekend (enkele seconden)…</p>";
      fetch(plek.getAttribute("data-begroting"), { headers: { "Accept": "text/html" } })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.text(); })
        .then(function (html) { plek.innerHTML = html; })
        .catch(function () { plek.innerHTML = '<p class="foutmelding">Het begrotingseffect kon niet worden opgehaald.</p>' + link; })
        .then(function () { plek.removeAttribute("aria-busy"); });
    }
    // Add an empty row of dated values to the amendment form.
    var add = document.getElementById("rij-erbij");
    if (add) {
      add.hidden = false;
      add.addEventListener("click", function () {
        var rows = document.querySelectorAll(".wijzigingsrij");
        var last = rows[rows.length - 1];
        var copy = last.cloneNode(true);
        var n = rows.length + 1;
        copy.querySelectorAll("input, select").forEach(function (el) {
          el.value = "";
          el.id = el.id.replace(/-\d+$/, "-" + n);
          el.removeAttribute("aria-invalid");
        });
        copy.querySelectorAll("label").forEach(function (l) { l.htmlFor = l.htmlFor.replace(/-\d+$/, "-" + n); });
        copy.querySelectorAll(".foutmelding").forEach(function (m) { m.remove(); });
        last.parentNode.insertBefore(copy, last.nextSibling);
        copy.querySelector("select, input").focus();
      });
    }
  });
})();
