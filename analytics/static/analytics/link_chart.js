/* The link chart: Cytoscape.js (vendored 3.30.4) with the "cose" layout, labels, expand on select,
   flag-status filter. The tables on the page hold the same entities and links for screen readers. */
(function () {
  "use strict";
  var box = document.getElementById("link-chart");
  var dataTag = document.getElementById("link-chart-data");
  if (!box || !dataTag || typeof window.cytoscape !== "function") { return; }
  var graph = JSON.parse(dataTag.textContent);
  var legend = JSON.parse(document.getElementById("link-chart-legend").textContent);
  var status = document.getElementById("link-chart-status");
  var expanded = [];

  function elements(g) {
    var out = [];
    g.nodes.forEach(function (n) { out.push({ group: "nodes", data: n }); });
    g.edges.forEach(function (e) { out.push({ group: "edges", data: e }); });
    return out;
  }

  var style = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 10, "color": "#1a1a1a", "text-valign": "bottom", "text-margin-y": 4,
      "text-wrap": "ellipsis", "text-max-width": 140, "width": 22, "height": 22,
      "border-width": 1, "border-color": "#1a1a1a" } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#000000" } },
    { selector: "node.expanded", style: { "border-width": 3, "border-style": "double" } },
    { selector: "edge", style: { "width": 1.5, "line-color": "#8a958e", "curve-style": "bezier" } },
    { selector: ".hidden-by-filter", style: { "display": "none" } }
  ];
  Object.keys(legend).forEach(function (kind) {
    style.push({ selector: 'node[type = "' + kind + '"]',
                 style: { "background-color": legend[kind].colour, "shape": legend[kind].shape } });
  });

  var cy = window.cytoscape({
    container: box, elements: elements(graph), style: style, wheelSensitivity: 0.3,
    layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: 9000, idealEdgeLength: 70 }
  });
  window.linkChart = cy;

  function relayout() {
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 70 }).run();
  }

  function updateExports() {
    document.querySelectorAll("#link-chart-exports [data-export]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.searchParams.delete("expand");
      expanded.forEach(function (id) { url.searchParams.append("expand", id); });
      a.setAttribute("href", url.pathname + url.search);
    });
  }

  function applyFilter() {
    var shown = {};
    document.querySelectorAll('#flag-status-filter input[name="show_flag_status"]').forEach(function (input) {
      shown[input.value] = input.checked;
    });
    cy.batch(function () {
      cy.nodes('[type = "case"]').forEach(function (n) {
        n.toggleClass("hidden-by-filter", !shown[n.data("flag_status") || "none"]);
      });
      cy.nodes('[type = "flag"]').forEach(function (n) {
        n.toggleClass("hidden-by-filter", !shown[n.data("flag_status")]);
      });
    });
  }

  function expand(id) {
    var url = box.dataset.expandUrl + "?node=" + encodeURIComponent(id);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (g) {
        var fresh = elements(g).filter(function (el) { return cy.getElementById(el.data.id).empty(); });
        cy.add(fresh);
        cy.getElementById(id).addClass("expanded");
        if (expanded.indexOf(id) < 0) { expanded.push(id); }
        updateExports();
        applyFilter();
        relayout();
        status.textContent = box.dataset.added + " " + fresh.filter(function (el) {
          return el.group === "nodes"; }).length;
      })
      .catch(function () { status.textContent = box.dataset.error; });
  }

  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    if (node.data("type") !== "agency") { expand(node.id()); }
  });
  document.querySelectorAll("[data-expand]").forEach(function (button) {
    button.addEventListener("click", function () { expand(button.dataset.expand); });
  });
  document.querySelectorAll('#flag-status-filter input[name="show_flag_status"]').forEach(function (input) {
    input.addEventListener("change", applyFilter);
  });
})();
