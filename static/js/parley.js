/* Parley dashboard: filter autocompletion and charts fed by the stats API.
   Chart.js comes from a pinned CDN copy; when that fails (offline, blocked), the
   vendored copies named in #chart-fallbacks are loaded instead. */
(function () {
  "use strict";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  async function chartLibraries() {
    var node = document.getElementById("chart-fallbacks");
    var fallbacks = node ? JSON.parse(node.textContent) : [];
    for (var i = 0; i < fallbacks.length; i++) {
      if (!window[fallbacks[i].global]) await loadScript(fallbacks[i].src);
    }
    return window.Chart;
  }

  var KIND_COLOURS = {
    in_person: "#1f5fbf", phone_call: "#d97706", video_call: "#059669", multilateral: "#7c3aed"
  };
  var KIND_LABELS = {
    in_person: "In person", phone_call: "Phone call", video_call: "Video call", multilateral: "Summit"
  };

  function api(path, query) {
    return fetch("/api/stats/" + path + "/" + (query ? "?" + query : ""), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(path + ": HTTP " + r.status); return r.json(); });
  }

  function bar(canvas, labels, values, label) {
    return new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: [{ label: label, data: values, backgroundColor: "#1f5fbf", maxBarThickness: 28 }] },
      options: { indexAxis: "y", animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
                 // whole meetings, and room above a handful: one meeting each is no full bar
                 scales: { x: { beginAtZero: true, suggestedMax: 4, ticks: { precision: 0 } } } }
    });
  }

  var DRAW = {
    "over-time": function (canvas, rows) {
      var periods = [], byKind = {};
      rows.forEach(function (r) {
        var p = r.period.slice(0, 7);
        if (periods.indexOf(p) < 0) periods.push(p);
        (byKind[r.kind] = byKind[r.kind] || {})[p] = r.count;
      });
      var datasets = Object.keys(byKind).map(function (kind) {
        return { label: KIND_LABELS[kind] || kind, backgroundColor: KIND_COLOURS[kind] || "#888",
                 data: periods.map(function (p) { return byKind[kind][p] || 0; }) };
      });
      return new Chart(canvas, { type: "bar", data: { labels: periods, datasets: datasets },
        options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } });
    },
    "top-participants": function (canvas, rows, query) {
      // on one person's page, the others they met: the person is at every one of the meetings
      var own = new URLSearchParams(query).getAll("participant");
      rows = rows.filter(function (r) { return own.length !== 1 || r.slug !== own[0]; });
      return bar(canvas, rows.map(function (r) { return r.name; }), rows.map(function (r) { return r.count; }), "Meetings");
    },
    "top-topics": function (canvas, rows) {
      rows = rows.filter(function (r) { return r.kind !== "place"; });  // where they met is no topic
      return bar(canvas, rows.map(function (r) { return r.name; }), rows.map(function (r) { return r.count; }), "Meetings");
    },
    "counterparts": function (canvas, rows) {
      return bar(canvas, rows.map(function (r) { return r.name; }), rows.map(function (r) { return r.count; }), "Meetings");
    },
    "network": function (canvas, graph) {
      var index = {};
      graph.nodes.forEach(function (n, i) { index[n.id] = i; });
      return new Chart(canvas, {
        type: "forceDirectedGraph",
        data: {
          labels: graph.nodes.map(function (n) { return n.name; }),
          datasets: [{
            data: graph.nodes.map(function (n) { return { weight: n.weight }; }),
            edges: graph.edges.map(function (e) { return { source: index[e.source], target: index[e.target], weight: e.weight }; }),
            pointRadius: graph.nodes.map(function (n) { return Math.min(14, 4 + Math.sqrt(n.weight) * 2); }),
            pointBackgroundColor: "#1f5fbf",
            edgeLineBorderWidth: function (ctx) { return ctx.raw ? Math.min(6, ctx.raw.weight) : 1; },
            edgeLineBorderColor: "#9aa7bd"
          }]
        },
        options: { animation: false, maintainAspectRatio: false, layout: { padding: 20 }, plugins: { legend: { display: false },
          datalabels: false, tooltip: { callbacks: { label: function (ctx) { return ctx.chart.data.labels[ctx.dataIndex]; } } } } },
        plugins: [{
          id: "labels",
          afterDatasetsDraw: function (chart) {
            var ctx = chart.ctx, meta = chart.getDatasetMeta(0);
            ctx.save(); ctx.font = "11px system-ui, sans-serif"; ctx.fillStyle = "#1d2330";
            // name only the busiest people, so the labels stay readable
            var weights = graph.nodes.map(function (n) { return n.weight; }).sort(function (a, b) { return b - a; });
            var floor = weights[Math.min(weights.length - 1, 11)] || 0;
            meta.data.forEach(function (point, i) {
              if (graph.nodes[i].weight < floor) return;
              var left = point.x > chart.width * 0.6;  // near the right edge: write the name to the left
              ctx.textAlign = left ? "right" : "left";
              ctx.fillText(chart.data.labels[i], point.x + (left ? -8 : 8), point.y + 4);
            });
            ctx.restore();
          }
        }]
      });
    }
  };

  async function drawCharts() {
    var section = document.querySelector("[data-query]");
    var canvases = document.querySelectorAll("canvas[data-chart]");
    if (!canvases.length) return;
    await chartLibraries();
    var query = section ? section.getAttribute("data-query") : "";
    canvases.forEach(function (canvas) {
      var name = canvas.getAttribute("data-chart");
      var inline = document.getElementById(name + "-data");
      var data = inline ? Promise.resolve(JSON.parse(inline.textContent)) : api(name, query);
      data.then(function (rows) {
        DRAW[name](canvas, rows, query);
        canvas.setAttribute("data-drawn", "true");
      }).catch(function (err) {
        canvas.replaceWith(Object.assign(document.createElement("p"), { className: "chart-error", textContent: "Chart unavailable: " + err.message }));
      });
    });
  }

  function autocomplete(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(function () {
        fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(text) + "&page_size=10")
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (body) {
            list.replaceChildren.apply(list, body.results.map(function (item) {
              var option = document.createElement("option");
              option.value = item.slug;
              option.label = item.name + (item.country ? " (" + item.country + ")" : "");
              return option;
            }));
          });
      }, 150);
    });
  }

  function cleanSubmit(form) {
    // empty fields stay out of the URL, so a shared link shows only the filters in use
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) { if (!field.value) field.disabled = true; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // on a narrow screen the filters fold under their summary unless some are in use
    if (window.matchMedia("(max-width: 699px)").matches && !window.location.search) {
      document.querySelectorAll("details.filter-bar").forEach(function (d) { d.open = false; });
    }
    document.querySelectorAll("form.filters").forEach(cleanSubmit);
    document.querySelectorAll("input[data-autocomplete]").forEach(autocomplete);
    drawCharts();
  });
})();
