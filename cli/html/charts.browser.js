/* global document */
// Runs in the reader's browser, inline in the HTML report: draws each chart as SVG from the JSON the page
// embeds, with no library and no network, so the file reads the same offline. Text goes in through
// textContent and attributes through setAttribute, never through markup, so no value from the data can
// become HTML. When done, <body data-charts-drawn> says how many charts drew and each <svg data-chart>
// carries data-marks, the number of data marks (bars, points) it holds, which the tests check.
(function drawReportCharts() {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 760;
  var MARGIN = { top: 24, right: 24, bottom: 64, left: 64 };
  var COLORS = { p50: "#2f6db5", p95: "#b5452f", mean: "#e0a100", share: "#2e8b57", grid: "#d9d9d9" };

  function node(name, attributes, parent) {
    var element = document.createElementNS(SVG, name);
    for (var key in attributes) element.setAttribute(key, String(attributes[key]));
    if (parent) parent.appendChild(element);
    return element;
  }

  function label(parent, x, y, content, attributes) {
    var element = node("text", Object.assign({ x: x, y: y, "font-size": 12 }, attributes || {}), parent);
    element.textContent = content;
    return element;
  }

  // Data from another version of the API could lack a field: a chart then fails loudly (and is not counted
  // as drawn) instead of drawing NaN-sized marks that look like a chart.
  function checkRows(chart, rows, texts, numbers) {
    if (!Array.isArray(rows)) throw new Error(chart + " data is not a list");
    rows.forEach(function (row, i) {
      texts.forEach(function (key) {
        if (typeof row[key] !== "string") throw new Error(chart + " row " + i + ": " + key + " is not text");
      });
      numbers.forEach(function (key) {
        if (row[key] !== null && !(typeof row[key] === "number" && isFinite(row[key])))
          throw new Error(chart + " row " + i + ": " + key + " is not a number");
      });
    });
  }

  // A hover text for a mark: <title> is SVG's tooltip.
  function tooltip(parent, content) {
    node("title", {}, parent).textContent = content;
  }

  function hours(value) {
    return value === null || value === undefined ? "n/a" : value.toFixed(1) + " h";
  }

  // The smallest 1, 2, 2.5 or 5 times a power of ten at or above the largest value: round axis ticks.
  function niceMax(value) {
    if (!(value > 0)) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * power >= value) return steps[i] * power;
    return 10 * power;
  }

  function chartSvg(figure, name, height, description) {
    var svg = node("svg", {
      viewBox: "0 0 " + WIDTH + " " + height,
      width: WIDTH,
      height: height,
      role: "img",
      "aria-label": description,
      "data-chart": name,
    });
    figure.appendChild(svg);
    return svg;
  }

  function noData(figure, name) {
    var svg = chartSvg(figure, name, 60, "no data");
    svg.setAttribute("data-marks", "0");
    label(svg, WIDTH / 2, 36, "no data for this window", { "text-anchor": "middle", fill: "#666" });
    return svg;
  }

  // A vertical value axis with gridlines; returns the y position of a value.
  function valueAxis(svg, height, max, unit) {
    var inner = height - MARGIN.top - MARGIN.bottom;
    var y = function (value) {
      return MARGIN.top + inner - (Math.min(value, max) / max) * inner;
    };
    for (var i = 0; i <= 5; i++) {
      var value = (max * i) / 5;
      node(
        "line",
        { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), stroke: COLORS.grid },
        svg,
      );
      label(svg, MARGIN.left - 6, y(value) + 4, String(Math.round(value * 10) / 10), {
        "text-anchor": "end",
      });
    }
    label(svg, 14, MARGIN.top + inner / 2, unit, {
      "text-anchor": "middle",
      transform: "rotate(-90 14 " + (MARGIN.top + inner / 2) + ")",
    });
    return y;
  }

  function legend(svg, x, y, entries) {
    entries.forEach(function (entry, i) {
      node("rect", { x: x + i * 150, y: y - 10, width: 12, height: 12, fill: entry[1] }, svg);
      label(svg, x + i * 150 + 18, y, entry[0]);
    });
  }

  // (a) Dwell per carrier: a bar to the median, a whisker up to p95, a dot at the mean.
  function drawDwell(figure, rows) {
    checkRows("dwell", rows, ["carrier"], ["count", "mean", "p50", "p95"]);
    if (!rows.length) return noData(figure, "dwell");
    var height = 320;
    var svg = chartSvg(figure, "dwell", height, "Dwell time per carrier, hours");
    var max = niceMax(
      Math.max.apply(
        null,
        rows.map(function (r) {
          return Math.max(r.p50 || 0, r.p95 || 0, r.mean || 0);
        }),
      ),
    );
    var y = valueAxis(svg, height, max, "hours");
    var band = (WIDTH - MARGIN.left - MARGIN.right) / rows.length;
    var barWidth = Math.min(48, band * 0.6);
    rows.forEach(function (row, i) {
      var center = MARGIN.left + band * (i + 0.5);
      var mark = node("g", { "data-mark": "dwell" }, svg);
      tooltip(
        mark,
        row.carrier +
          ": p50 " +
          hours(row.p50) +
          ", p95 " +
          hours(row.p95) +
          ", mean " +
          hours(row.mean) +
          " (" +
          row.count +
          " containers)",
      );
      if (row.p50 !== null) {
        node(
          "rect",
          {
            x: center - barWidth / 2,
            y: y(row.p50),
            width: barWidth,
            height: y(0) - y(row.p50),
            fill: COLORS.p50,
          },
          mark,
        );
      }
      if (row.p95 !== null) {
        var from = y(row.p50 === null ? 0 : row.p50);
        node(
          "line",
          { x1: center, x2: center, y1: from, y2: y(row.p95), stroke: COLORS.p95, "stroke-width": 2 },
          mark,
        );
        node(
          "line",
          {
            x1: center - barWidth / 4,
            x2: center + barWidth / 4,
            y1: y(row.p95),
            y2: y(row.p95),
            stroke: COLORS.p95,
            "stroke-width": 2,
          },
          mark,
        );
      }
      if (row.mean !== null) node("circle", { cx: center, cy: y(row.mean), r: 4, fill: COLORS.mean }, mark);
      label(svg, center, height - MARGIN.bottom + 16, row.carrier, { "text-anchor": "middle" });
    });
    legend(svg, MARGIN.left, height - 16, [
      ["p50 (bar)", COLORS.p50],
      ["p95 (whisker)", COLORS.p95],
      ["mean (dot)", COLORS.mean],
    ]);
    svg.setAttribute("data-marks", String(rows.length));
    return svg;
  }

  // (b) Release lead time per month: a line through the medians and one through p95.
  function drawRelease(figure, rows) {
    checkRows("release", rows, ["month"], ["count", "p50", "p95"]);
    if (!rows.length) return noData(figure, "release");
    var height = 320;
    var svg = chartSvg(figure, "release", height, "Release lead time per month, hours");
    var max = niceMax(
      Math.max.apply(
        null,
        rows.map(function (r) {
          return Math.max(r.p50 || 0, r.p95 || 0);
        }),
      ),
    );
    var y = valueAxis(svg, height, max, "hours");
    var step = (WIDTH - MARGIN.left - MARGIN.right) / rows.length;
    var x = function (i) {
      return MARGIN.left + step * (i + 0.5);
    };
    ["p95", "p50"].forEach(function (key) {
      var points = rows
        .map(function (row, i) {
          return row[key] === null ? null : x(i) + "," + y(row[key]);
        })
        .filter(Boolean);
      node(
        "polyline",
        {
          points: points.join(" "),
          fill: "none",
          stroke: COLORS[key],
          "stroke-width": 2,
          "stroke-dasharray": key === "p95" ? "6 4" : "none",
        },
        svg,
      );
    });
    rows.forEach(function (row, i) {
      var mark = node("g", { "data-mark": "release" }, svg);
      tooltip(
        mark,
        row.month + ": p50 " + hours(row.p50) + ", p95 " + hours(row.p95) + " (" + row.count + " releases)",
      );
      if (row.p95 !== null) node("circle", { cx: x(i), cy: y(row.p95), r: 4, fill: COLORS.p95 }, mark);
      if (row.p50 !== null) node("circle", { cx: x(i), cy: y(row.p50), r: 4, fill: COLORS.p50 }, mark);
      label(svg, x(i), height - MARGIN.bottom + 16, row.month, { "text-anchor": "middle" });
    });
    legend(svg, MARGIN.left, height - 16, [
      ["p50", COLORS.p50],
      ["p95 (dashed)", COLORS.p95],
    ]);
    svg.setAttribute("data-marks", String(rows.length));
    return svg;
  }

  // (c) On-time share per lane: one horizontal bar per port pair, 0 to 100 %.
  function drawLanes(figure, rows) {
    checkRows("lanes", rows, ["portOfLoading", "portOfDischarge"], ["shipments", "onTimeShare"]);
    if (!rows.length) return noData(figure, "lanes");
    var left = 190;
    var barHeight = 20;
    var height = MARGIN.top + rows.length * (barHeight + 6) + 40;
    var svg = chartSvg(figure, "lanes", height, "On-time share per lane");
    var inner = WIDTH - left - MARGIN.right - 50;
    var bottom = height - 30;
    for (var t = 0; t <= 4; t++) {
      var gx = left + (inner * t) / 4;
      node("line", { x1: gx, x2: gx, y1: MARGIN.top - 6, y2: bottom, stroke: COLORS.grid }, svg);
      label(svg, gx, bottom + 16, t * 25 + " %", { "text-anchor": "middle" });
    }
    rows.forEach(function (row, i) {
      var top = MARGIN.top + i * (barHeight + 6);
      var lane = row.portOfLoading + " \u2192 " + row.portOfDischarge;
      var mark = node("g", { "data-mark": "lane" }, svg);
      var percent = (row.onTimeShare * 100).toFixed(0) + " %";
      tooltip(mark, lane + ": " + percent + " on time (" + row.shipments + " shipments)");
      node(
        "rect",
        {
          x: left,
          y: top,
          width: Math.max(1, inner * row.onTimeShare),
          height: barHeight,
          fill: COLORS.share,
        },
        mark,
      );
      label(svg, left - 8, top + 14, lane + " (" + row.shipments + ")", { "text-anchor": "end" });
      label(svg, left + inner * row.onTimeShare + 6, top + 14, percent);
    });
    svg.setAttribute("data-marks", String(rows.length));
    return svg;
  }

  var DRAW = { dwell: drawDwell, release: drawRelease, lanes: drawLanes };
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var drawn = 0;
  document.querySelectorAll("figure[data-chart-slot]").forEach(function (figure) {
    var name = figure.getAttribute("data-chart-slot");
    try {
      DRAW[name](figure, data.charts[name] || []);
      drawn += 1;
    } catch (error) {
      // One broken chart must not hide the others; the count below then tells that it did not draw.
      var message = document.createElement("p");
      message.className = "chart-error";
      message.textContent = "This chart could not be drawn: " + error;
      figure.appendChild(message);
    }
  });
  document.body.dataset.chartsDrawn = String(drawn);
})();
