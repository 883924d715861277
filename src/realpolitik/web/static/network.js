/* Network page: actors and one edge per pair (Cytoscape.js); clicking an edge or a node loads
   its relations or capability data into the side panel. The lists below the graph offer the
   same with the keyboard. */
(function () {
  "use strict";
  var BLOC = ["#d7301f", "#2b8cbe", "#31a354", "#984ea3"];
  function colourOf(sign) { return sign > 0 ? "#2166ac" : (sign < 0 ? "#b2182b" : "#888888"); }
  function load(url) { htmx.ajax("GET", url, { target: "#edge-panel" }); }
  fetch("/api/network").then(function (r) { return r.json(); }).then(function (net) {
    var elements = [];
    net.nodes.forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.id, name: net.names[n.id] || n.id,
        size: 22 + 160 * Math.sqrt(n.share), colour: BLOC[n.bloc % BLOC.length] } });
    });
    net.edges.forEach(function (e) {
      elements.push({ data: { id: "pair:" + e.a + "-" + e.b, a: e.a, b: e.b, source: e.a, target: e.b,
        count: e.relations.length, rids: e.relations.join(" "), colour: colourOf(e.sign),
        width: 2 + 1.2 * Math.min(e.relations.length, 6) } });
    });
    var cy = cytoscape({
      container: document.getElementById("cy"),
      elements: elements,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", "label": "data(label)",
          "width": "data(size)", "height": "data(size)", "color": "#fff", "font-size": 11,
          "text-valign": "center", "text-halign": "center", "border-width": 1,
          "border-color": "#333" } },
        { selector: "edge", style: { "line-color": "data(colour)", "width": "data(width)",
          "opacity": 0.65, "curve-style": "straight" } },
        { selector: "edge:selected", style: { "opacity": 1, "line-color": "#f08c00", "z-index": 10 } }
      ],
      layout: { name: "circle", sort: function (a, b) {
        return a.data("colour").localeCompare(b.data("colour")); }, padding: 30 }
    });
    window.realpolitikCy = cy;
    cy.on("tap", "edge", function (evt) {
      var e = evt.target;
      cy.elements().unselect(); e.select();
      load("/fragments/pair/" + encodeURIComponent(e.data("a")) + "/" + encodeURIComponent(e.data("b")));
    });
    cy.on("tap", "node", function (evt) {
      load("/fragments/actor/" + encodeURIComponent(evt.target.id()));
    });
    document.getElementById("cy").setAttribute("data-ready", "1");
  });
})();
/* After a pair or player loads into the side panel, move focus there (keyboard and screen
   reader users land on what they asked for; on a narrow screen it scrolls into view). */
document.addEventListener("htmx:afterSwap", function (e) {
  var panel = e.detail.target;
  if (panel && panel.id === "edge-panel") {
    panel.focus({ preventScroll: true });
    panel.scrollIntoView({ block: "nearest" });
  }
});
