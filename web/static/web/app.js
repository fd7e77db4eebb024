/* Wildlife Seizure DB: small helpers for the forms (no framework).
 * - language select submits itself;
 * - "add row" clones the formset's <template>;
 * - species type-ahead: choosing a suggestion fills the row's hidden taxon field;
 * - choosing a term suggests its unit;
 * - the case form is autosaved in this browser (localStorage) and restored after a sign-in,
 *   so nothing typed is lost when the session times out; a saved case clears it;
 * - forms are validated with the page's own translated messages, focusing the first error.
 */
(function () {
  "use strict";
  var SKIP = /(^csrfmiddlewaretoken$)|(-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$)/;

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function addRow(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var tpl = document.getElementById(prefix + "-template");
    var box = document.querySelector('[data-formset="' + prefix + '"]');
    if (!total || !tpl || !box) { return null; }
    var index = parseInt(total.value, 10) || 0;
    var html = tpl.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    var legend = row.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.trim() + " " + (box.children.length + 1); }
    box.appendChild(row);
    total.value = index + 1;
    if (window.htmx) { window.htmx.process(row); }
    return row;
  }

  function rowOf(el) { return el.closest("[data-row]") || document; }

  function chooseTaxon(button) {
    var row = rowOf(button);
    var hidden = row.querySelector('input[name$="-taxon"], input[data-taxon-filter]');
    var search = row.querySelector("[data-taxon-search]");
    var chosen = row.querySelector("[data-chosen]");
    if (hidden) { hidden.value = button.getAttribute("data-taxon"); hidden.dispatchEvent(new Event("change", {bubbles: true})); }
    if (search) { search.value = button.getAttribute("data-label"); search.setAttribute("aria-expanded", "false"); search.focus(); }
    if (chosen) {
      chosen.innerHTML = "";
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = button.getAttribute("data-appendix");
      chosen.appendChild(badge);
    }
    var list = button.closest(".suggest-list");
    if (list) { list.innerHTML = ""; }
    save();
  }

  var termUnits = null;
  function suggestUnit(termSelect) {
    if (termUnits === null) {
      var data = document.getElementById("term-units");
      termUnits = data ? JSON.parse(data.textContent) : {};
    }
    var row = rowOf(termSelect);
    var unit = row.querySelector('select[name$="-unit"]');
    if (!unit || unit.getAttribute("data-touched")) { return; }
    var suggested = termUnits[termSelect.value];
    unit.value = suggested === null || suggested === undefined ? "" : String(suggested);
  }

  // --- autosave ------------------------------------------------------------------------------
  var form = null, key = null, timer = null;

  function collect() {
    var fields = {}, totals = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      var m = el.name.match(/^(.*)-TOTAL_FORMS$/);
      if (m) { totals[m[1]] = el.value; return; }
      if (SKIP.test(el.name) || el.type === "file" || el.type === "submit" || el.type === "button") { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (!fields[el.name]) { fields[el.name] = []; }
        if (el.checked) { fields[el.name].push(el.value); }
      } else if (el.multiple) {
        fields[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        fields[el.name] = el.value;
      }
    });
    return {savedAt: Math.floor(Date.now() / 1000), fields: fields, totals: totals};
  }

  function save() {
    var s = store();
    if (!form || !s) { return; }
    try { s.setItem(key, JSON.stringify(collect())); } catch (e) { /* storage full or disabled */ }
  }

  function restore() {
    var s = store();
    if (!s) { return false; }
    var raw = s.getItem(key);
    if (!raw) { return false; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return false; }
    var updated = parseInt(form.getAttribute("data-updated"), 10) || 0;
    if (!draft || !draft.fields || draft.savedAt < updated) { return false; }
    Object.keys(draft.totals || {}).forEach(function (prefix) {
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var want = parseInt(draft.totals[prefix], 10) || 0;
      while (total && (parseInt(total.value, 10) || 0) < want) { if (!addRow(prefix)) { break; } }
    });
    Object.keys(draft.fields).forEach(function (name) {
      var value = draft.fields[name];
      var els = form.querySelectorAll('[name="' + name.replace(/"/g, '\\"') + '"]');
      Array.prototype.forEach.call(els, function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
        } else if (el.multiple && Array.isArray(value)) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
        } else if (!Array.isArray(value)) {
          el.value = value;
        }
      });
    });
    return true;
  }

  function clearDraft(k) {
    var s = store();
    if (s) { s.removeItem(k); }
  }

  ready(function () {
    document.querySelectorAll("[data-clear-draft]").forEach(function (el) {
      clearDraft(el.getAttribute("data-clear-draft"));
    });

    document.addEventListener("change", function (e) {
      var t = e.target;
      if (t.matches && t.matches("[data-autosubmit]")) { t.form.submit(); return; }
      if (t.matches && t.matches("[data-switch-language]")) {
        // the sign-in page follows the language chosen for the account at once
        var header = document.getElementById("lang-select");
        if (header && header.value !== t.value) { header.value = t.value; header.form.submit(); }
        return;
      }
      if (t.matches && t.matches('select[name$="-term"]')) { suggestUnit(t); }
      if (t.matches && t.matches('select[name$="-unit"]')) { t.setAttribute("data-touched", "1"); }
    });

    document.addEventListener("click", function (e) {
      var add = e.target.closest && e.target.closest("[data-add-row]");
      if (add) {
        e.preventDefault();
        var row = addRow(add.getAttribute("data-add-row"));
        if (row) { var first = row.querySelector("input:not([type=hidden]),select,textarea"); if (first) { first.focus(); } }
        save();
        return;
      }
      var pick = e.target.closest && e.target.closest("[data-taxon]");
      if (pick) { e.preventDefault(); chooseTaxon(pick); return; }
      if (e.target.closest && e.target.closest("[data-print]")) { window.print(); return; }
      var discard = e.target.closest && e.target.closest("[data-discard-draft]");
      if (discard && key) { clearDraft(key); window.location.reload(); }
    });

    document.addEventListener("input", function (e) {
      var t = e.target;
      if (t.matches && t.matches("[data-taxon-search]")) {
        var hidden = rowOf(t).querySelector('input[name$="-taxon"]');
        if (hidden) { hidden.value = ""; }
        t.setAttribute("aria-expanded", "true");
      }
    });

    // Keyboard: arrow keys move between the input and the species suggestions, Escape closes them.
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var search = t.matches && t.matches("[data-taxon-search]") ? t : null;
      var inList = t.closest && t.closest(".suggest-list");
      if (!search && !inList) { return; }
      var row = rowOf(t);
      var options = Array.prototype.slice.call(row.querySelectorAll(".suggest-list [data-taxon]"));
      var at = options.indexOf(t);
      if (e.key === "ArrowDown" && options.length) {
        e.preventDefault();
        options[Math.min(at + 1, options.length - 1)].focus();
      } else if (e.key === "ArrowUp" && inList) {
        e.preventDefault();
        if (at > 0) { options[at - 1].focus(); } else { row.querySelector("[data-taxon-search]").focus(); }
      } else if (e.key === "Escape") {
        var list = row.querySelector(".suggest-list");
        if (list) { list.innerHTML = ""; }
        row.querySelector("[data-taxon-search]").focus();
      }
    });

    // --- validation in the page's language ---------------------------------------------------
    // Forms are checked here, not by the browser (whose bubbles speak the browser's language): each
    // invalid field gets the page's own message under it, and the first one is focused and scrolled to.
    var msgData = document.getElementById("validation-messages");
    var MSG = msgData ? JSON.parse(msgData.textContent) : null;
    function messageFor(el) {
      var v = el.validity;
      if (v.valueMissing) { return MSG.required; }
      if (v.rangeUnderflow) { return MSG.min.replace("%(limit_value)s", el.min); }
      if (v.rangeOverflow) { return MSG.max.replace("%(limit_value)s", el.max); }
      if (v.badInput || v.stepMismatch) { return el.type === "number" ? MSG.number : el.type === "date" ? MSG.date : MSG.invalid; }
      if (v.typeMismatch) { return el.type === "email" ? MSG.email : MSG.invalid; }
      return MSG.invalid;
    }
    function goTo(el) {
      var details = el.closest("details");
      if (details) { details.open = true; }
      el.focus({preventScroll: true});
      el.scrollIntoView({block: "center"});
    }
    function checkForm(f) {
      Array.prototype.forEach.call(f.querySelectorAll(".js-error"), function (p) { p.remove(); });
      var first = null;
      Array.prototype.forEach.call(f.elements, function (el) {
        if (!el.willValidate) { return; }
        el.removeAttribute("aria-invalid");
        if (el.checkValidity()) { return; }
        var p = document.createElement("p");
        p.className = "errorlist js-error";
        p.id = (el.id || el.name) + "-js-error";
        p.setAttribute("role", "alert");
        p.textContent = messageFor(el);
        el.setAttribute("aria-invalid", "true");
        el.setAttribute("aria-describedby", p.id);
        el.insertAdjacentElement("afterend", p);
        if (!first) { first = el; }
      });
      if (first) { goTo(first); }
      return !first;
    }
    if (MSG) {
      Array.prototype.forEach.call(document.forms, function (f) { f.noValidate = true; });
      document.addEventListener("submit", function (e) {
        var f = e.target;
        if (e.submitter && e.submitter.formNoValidate) { return; }
        if (!checkForm(f)) { e.preventDefault(); e.stopImmediatePropagation(); }
      }, true);
      // After a round trip with the server's errors, start at the first of them.
      var shown = document.querySelector("main form .has-error, main form .errorlist");
      if (shown) {
        var box = shown.closest(".field, fieldset") || shown;
        var target = box.querySelector("input:not([type=hidden]),select,textarea") || shown;
        if (target === shown) { shown.setAttribute("tabindex", "-1"); }
        goTo(target);
      }
    }

    form = document.querySelector("form[data-autosave]");
    if (!form) { return; }
    key = form.getAttribute("data-autosave");
    if (form.getAttribute("data-bound") !== "1" && restore()) {
      var note = document.getElementById("draft-restored");
      if (note) { note.hidden = false; }
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 400); });
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  });
})();
