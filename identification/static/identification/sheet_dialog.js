/* Identification sheet of an item's species in a dialog over the case form: the form stays as it is
 * (nothing is submitted or reloaded); "Back to the form" or Escape closes the dialog. */
(function () {
  "use strict";
  function dialog() { return document.getElementById("sheet-dialog"); }

  function show(html) {
    var d = dialog();
    if (!d) { return; }
    d.querySelector("[data-sheet-body]").innerHTML = html;
    if (d.showModal) { d.showModal(); } else { d.setAttribute("open", ""); }
    var close = d.querySelector("[data-close-sheet]");
    if (close) { close.focus(); }
  }

  function empty(listUrl) {
    var d = dialog();
    var p = document.createElement("p");
    p.textContent = d.getAttribute("data-empty");
    var wrap = document.createElement("div");
    var back = document.createElement("button");
    back.type = "button"; back.className = "secondary"; back.setAttribute("data-close-sheet", "");
    back.textContent = "×";
    wrap.appendChild(back); wrap.appendChild(p);
    show(wrap.innerHTML);
    window.open(listUrl, "_blank", "noopener");
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("[data-open-sheet]");
    if (link && dialog()) {
      e.preventDefault();
      var row = link.closest("[data-row]") || document;
      var hidden = row.querySelector('input[name$="-taxon"]');
      if (!hidden || !hidden.value) { empty(link.getAttribute("href")); return; }
      var term = row.querySelector('select[name$="-term"]');
      var url = link.getAttribute("data-url").replace(/\/0\/$/, "/" + encodeURIComponent(hidden.value) + "/") +
        "?fragment=1" + (term && term.value ? "&term=" + encodeURIComponent(term.value) : "");
      fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(show)
        .catch(function () { window.open(url.replace("fragment=1", "fragment=0"), "_blank", "noopener"); });
      return;
    }
    var close = e.target.closest && e.target.closest("[data-close-sheet]");
    if (close && dialog()) {
      e.preventDefault();
      var d = dialog();
      if (d.close) { d.close(); } else { d.removeAttribute("open"); }
    }
  });
})();
