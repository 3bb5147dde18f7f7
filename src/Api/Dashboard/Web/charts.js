// Small SVG charts of our own: no library, no CDN. Values are numbers; labels are strings.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // 0, 1, 2, 5 × 10^n steps so the axis reads well.
  function niceMax(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  function fmt(v) { return Math.abs(v) >= 1000 ? v.toLocaleString() : String(Math.round(v * 100) / 100); }

  // series: [{ name, color, values: number[] }], labels: string[] (one per point), every: label step.
  function line(container, series, labels, options) {
    const o = Object.assign({ width: 900, height: 240, every: 6, id: "" }, options || {});
    const pad = { l: 48, r: 12, t: 12, b: 34 };
    const n = labels.length;
    const max = niceMax(Math.max(0, ...series.flatMap(s => s.values)));
    const w = o.width - pad.l - pad.r, h = o.height - pad.t - pad.b;
    const x = i => pad.l + (n <= 1 ? w / 2 : (i * w) / (n - 1));
    const y = v => pad.t + h - (v / max) * h;
    // role=img needs a text alternative (axe svg-img-alt): the series it draws.
    const svg = el("svg", { viewBox: `0 0 ${o.width} ${o.height}`, role: "img", "aria-label": o.label || series.map(s => s.name).join(" / "), "data-chart": o.id });
    for (let k = 0; k <= 4; k++) {
      const v = (max * k) / 4;
      svg.appendChild(el("line", { x1: pad.l, x2: o.width - pad.r, y1: y(v), y2: y(v), stroke: "#eaecf0" }));
      svg.appendChild(el("text", { x: pad.l - 6, y: y(v) + 4, "text-anchor": "end" }, fmt(v)));
    }
    labels.forEach((label, i) => {
      if (i % o.every !== 0) return;
      svg.appendChild(el("line", { x1: x(i), x2: x(i), y1: pad.t + h, y2: pad.t + h + 4, stroke: "#98a2b3" }));
      svg.appendChild(el("text", { x: x(i), y: pad.t + h + 16, "text-anchor": "middle" }, label));
    });
    for (const s of series) {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
      if (s.area) svg.appendChild(el("polygon", { points: `${x(0)},${y(0)} ${points} ${x(n - 1)},${y(0)}`, fill: s.color, "fill-opacity": 0.15 }));
      // Colour AND dash AND width: two series that overlap (uploads = reconciliations) stay told apart, also in grey print.
      const line = { points, fill: "none", stroke: s.color, "stroke-width": s.width || 2, "data-series": s.name };
      if (s.dash) line["stroke-dasharray"] = s.dash;
      svg.appendChild(el("polyline", line));
      s.values.forEach((v, i) => {
        if (v === 0 && !s.area) return;
        const dot = el("circle", { cx: x(i), cy: y(v), r: 2.5, fill: s.color });
        dot.appendChild(el("title", {}, `${labels[i]} · ${s.name}: ${fmt(v)}`));
        svg.appendChild(dot);
      });
    }
    container.replaceChildren(legend(series), svg);
  }

  // items: [{ label, value, title }]: horizontal bars from a zero line (overrides are mostly negative: discounts).
  function bars(container, items, options) {
    const o = Object.assign({ width: 900, row: 22, id: "", color: "#b54708", positive: "#12805c" }, options || {});
    const pad = { l: 170, r: 80, t: 8, b: 8 };
    const height = pad.t + pad.b + items.length * o.row;
    const min = Math.min(0, ...items.map(i => i.value)), max = Math.max(0, ...items.map(i => i.value));
    const span = (max - min) || 1;
    const w = o.width - pad.l - pad.r;
    const x = v => pad.l + ((v - min) / span) * w;
    const svg = el("svg", { viewBox: `0 0 ${o.width} ${Math.max(height, 30)}`, role: "img", "aria-label": o.label || items.map(i => i.title || i.label).join("; "), "data-chart": o.id });
    svg.appendChild(el("line", { x1: x(0), x2: x(0), y1: pad.t, y2: height - pad.b, stroke: "#98a2b3" }));
    items.forEach((item, i) => {
      const top = pad.t + i * o.row;
      svg.appendChild(el("text", { x: pad.l - 8, y: top + o.row * 0.65, "text-anchor": "end" }, item.label));
      const x0 = Math.min(x(0), x(item.value)), bw = Math.max(1, Math.abs(x(item.value) - x(0)));
      const bar = el("rect", { x: x0, y: top + 3, width: bw, height: o.row - 6, fill: item.value < 0 ? o.color : o.positive, "data-store": item.key || item.label });
      bar.appendChild(el("title", {}, item.title || `${item.label}: ${fmt(item.value)}`));
      svg.appendChild(bar);
      svg.appendChild(el("text", { x: o.width - pad.r + 6, y: top + o.row * 0.65, "text-anchor": "start" }, fmt(item.value)));
    });
    container.replaceChildren(svg);
  }

  function legend(series) {
    const div = document.createElement("div");
    div.className = "legend";
    for (const s of series) {
      const span = document.createElement("span");
      // A short sample of the series' own line (colour, dash, width), so the legend matches what is drawn.
      const sw = el("svg", { width: 28, height: 10, class: "swatch-line", "aria-hidden": "true" });
      const sample = { x1: 0, x2: 28, y1: 5, y2: 5, stroke: s.color, "stroke-width": s.width || (s.area ? 2 : 2) };
      if (s.dash) sample["stroke-dasharray"] = s.dash;
      sw.appendChild(el("line", sample));
      span.append(sw, s.name);
      div.appendChild(span);
    }
    return div;
  }

  window.charts = { line, bars };
})();
