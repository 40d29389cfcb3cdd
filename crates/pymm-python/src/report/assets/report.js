// Draws the pymm report from the JSON embedded in the page (docs/report-json.md).
// Charts are uPlot's; the arena map is a canvas and the cycle graphs are SVG, drawn here.
// Each section gets data-rendered="true" and data-items="N" (how many things it drew), which
// the browser test reads.
"use strict";

const REPORT = JSON.parse(document.getElementById("report-data").textContent);
const GEN_COLORS = ["#3b82f6", "#f59e0b", "#dc2626", "#7c3aed"];
const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function bytes(n) {
  if (n == null) return "–";
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n.toFixed(0) : n.toFixed(n < 10 ? 2 : 1)) + " " + units[i];
}

function micros(us) {
  if (us == null) return "–";
  if (us >= 1e6) return (us / 1e6).toFixed(2) + " s";
  if (us >= 1e3) return (us / 1e3).toFixed(2) + " ms";
  return us.toFixed(us < 10 ? 1 : 0) + " µs";
}

function count(n) { return n == null ? "–" : Number(n).toLocaleString("en-US"); }

function seconds(s) { return s < 1 ? (s * 1000).toFixed(1) + " ms" : s.toFixed(2) + " s"; }

function place(p) {
  if (!p) return "line unknown";
  return p.line ? `${shortFile(p.file)}:${p.line}` : "(no Python frame)";
}

function shortFile(file) {
  const parts = String(file).split("/");
  return parts[parts.length - 1];
}

function section(name) { return document.querySelector(`[data-section="${name}"]`); }

function rendered(name, items) {
  const s = section(name);
  s.dataset.rendered = "true";
  s.dataset.items = String(items);
}

function chartWidth(node) { return Math.max(480, node.clientWidth || 900); }

// ---- summary -------------------------------------------------------------------------------

function drawSummary() {
  const s = REPORT.summary;
  const p = REPORT.program;
  document.getElementById("program").textContent =
    `pymm run ${p.argv.join(" ")}   (exit code ${p.exit_code})`;
  const allocated = s.objects_allocated;
  const share = (n) => allocated ? ` (${(100 * n / allocated).toFixed(1)}%)` : "";
  const cards = [
    ["wall time", seconds(s.wall_seconds), ""],
    ["time in the collector", seconds(s.gc_seconds),
      s.wall_seconds ? `${(100 * s.gc_seconds / s.wall_seconds).toFixed(1)}% of the run` : ""],
    ["peak heap", bytes(s.peak_heap_bytes), "pymm heap + buffers objects own"],
    ["peak RSS", bytes(s.peak_rss_bytes), "resident set high-water mark"],
    ["objects allocated", count(allocated), ""],
    ["freed by reference counting", count(s.freed_by_refcount), share(s.freed_by_refcount).trim()],
    ["freed by the collector", count(s.freed_by_collector), share(s.freed_by_collector).trim()],
    ["collections (gen 0 / 1 / 2)", s.collections.map(count).join(" / "), ""],
    ["garbage found", count(s.garbage_found), "unreachable objects freed"],
    ["largest pause", s.largest_pause ? micros(s.largest_pause.micros) : "–",
      s.largest_pause ? `generation ${s.largest_pause.generation}` : "no collection"],
  ];
  const box = section("summary").querySelector(".cards");
  for (const [label, value, sub] of cards) {
    box.append(el("div", { class: "card" }, el("div", { class: "label" }, label),
      el("div", { class: "value" }, value), el("div", { class: "sub" }, sub)));
  }
  section("summary").querySelector(".note").textContent =
    `Recording the report took ${seconds(s.recording_seconds)} of heap walks and snapshots.`;
  rendered("summary", cards.length);
}

// ---- timeline ------------------------------------------------------------------------------

function markerHook(markers) {
  return (u) => {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.setLineDash([]);
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    for (const m of markers) {
      const x = Math.round(u.valToPos(m.t, "x", true));
      if (x < left || x > left + width) continue;
      const reach = [0.08, 0.3, 1][m.generation];
      ctx.strokeStyle = GEN_COLORS[m.generation];
      ctx.globalAlpha = m.generation === 0 ? 0.3 : 0.8;
      ctx.beginPath();
      ctx.moveTo(x, top + height);
      ctx.lineTo(x, top + height - reach * height);
      ctx.stroke();
    }
    ctx.restore();
  };
}

function nearestMarker(u, markers) {
  const left = u.cursor.left;
  if (left == null || left < 0 || !markers.length) return null;
  let best = null;
  let bestDist = 6;
  for (const m of markers) {
    const d = Math.abs(u.valToPos(m.t, "x") - left);
    if (d < bestDist) { best = m; bestDist = d; }
  }
  return best;
}

function drawTimeline() {
  const tl = REPORT.timeline;
  const node = section("timeline");
  const tip = node.querySelector(".tooltip");
  const markers = tl.markers;
  const width = chartWidth(node.querySelector(".chart.memory"));
  const t = tl.t;
  const sync = uPlot.sync("timeline");
  const tooltip = (u) => {
    const i = u.cursor.idx;
    if (i == null) { tip.hidden = true; return; }
    const lines = [`t = ${seconds(t[i])}`,
      `heap ${bytes(tl.heap_bytes[i])}, outside the heap ${bytes(tl.external_bytes[i])}`,
      `objects: gen0 ${count(tl.generations[0][i])}, gen1 ${count(tl.generations[1][i])}, ` +
      `gen2 ${count(tl.generations[2][i])}, frozen ${count(tl.generations[3][i])}`];
    const m = nearestMarker(u, markers);
    if (m) {
      lines.push(`collection of generation ${m.generation} at ${seconds(m.t)}: ` +
        `pause ${micros(m.pause_micros)}, ${count(m.collected)} objects collected`);
    }
    tip.textContent = lines.join("\n");
    tip.hidden = false;
    const box = u.root.getBoundingClientRect();
    const host = node.getBoundingClientRect();
    tip.style.left = Math.min(box.left - host.left + u.bbox.left / devicePixelRatio +
      u.cursor.left + 14, host.width - 420) + "px";
    tip.style.top = (box.top - host.top + 40) + "px";
  };
  const common = (title) => ({
    title, width, height: 230,
    scales: { x: { time: false } },
    cursor: { sync: { key: sync.key } },
    hooks: { draw: [markerHook(markers)], setCursor: [tooltip] },
    axes: [{ label: "seconds", values: (u, vals) => vals.map((v) => +v.toFixed(3)) }],
  });
  const mem = common("Memory in use");
  mem.series = [{},
    { label: "pymm heap", stroke: "#2563eb", fill: "rgba(37,99,235,0.10)", width: 1.5,
      value: (u, v) => bytes(v) },
    { label: "outside the heap", stroke: "#059669", width: 1.5, value: (u, v) => bytes(v) },
    { label: "RSS", stroke: "#6b7280", dash: [4, 3], width: 1, spanGaps: true,
      value: (u, v) => bytes(v) }];
  mem.axes.push({ values: (u, vals) => vals.map(bytes), size: 80 });
  new uPlot(mem, [t, tl.heap_bytes, tl.external_bytes, tl.rss_bytes],
    node.querySelector(".chart.memory"));
  const gens = common("Tracked objects per generation");
  gens.series = [{}].concat(["generation 0", "generation 1", "generation 2", "frozen"].map(
    (label, g) => ({ label, stroke: GEN_COLORS[g], width: 1.5, spanGaps: true,
      value: (u, v) => count(v) })));
  gens.axes.push({ values: (u, vals) => vals.map(count), size: 80 });
  new uPlot(gens, [t].concat(tl.generations), node.querySelector(".chart.generations"));
  node.querySelector(".chart.generations").addEventListener("mouseleave", () => tip.hidden = true);
  node.querySelector(".chart.memory").addEventListener("mouseleave", () => tip.hidden = true);
  const dropped = tl.markers_dropped ? ` (${count(tl.markers_dropped)} more not drawn)` : "";
  node.querySelector(".note").textContent =
    `${count(t.length)} samples, ${count(markers.length)} collections marked${dropped}.`;
  rendered("timeline", t.length);
}

// ---- arenas --------------------------------------------------------------------------------

const CLASS_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

function classColor(c) {
  // 32 classes around the hue circle, alternating lightness so neighbours differ.
  const hue = (c * 137.5) % 360;
  return `hsl(${hue.toFixed(0)}, 65%, ${c % 2 ? 42 : 55}%)`;
}

function drawArenas() {
  const a = REPORT.arenas;
  const node = section("arenas");
  const canvas = node.querySelector("canvas.map");
  const slider = node.querySelector(".slider");
  const label = node.querySelector(".frame-label");
  const info = node.querySelector(".pool-info");
  const frames = a.snapshots;
  const rows = Math.max(1, ...frames.map((f) => f.arenas.length));
  const cell = rows > 120 ? 4 : rows > 40 ? 8 : 14;
  const gap = cell >= 8 ? 2 : 1;
  const labelWidth = cell >= 8 ? 110 : 0;
  // Pools drawn per arena: those serving blocks, as the snapshots list them.
  const columns = Math.max(1, ...frames.flatMap((f) => f.arenas.map((r) => r.pools.length / 2)));
  const width = labelWidth + columns * (cell + gap);
  const height = rows * (cell + gap) + 2;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = width + "px";
  canvas.style.height = height + "px";
  const ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  let current = 0;

  function draw(index) {
    current = index;
    const f = frames[index];
    ctx.clearRect(0, 0, width, height);
    // the label fits its row: one pixel over the cell, centred on it
    ctx.font = `${Math.min(11, cell + 1)}px ui-monospace, monospace`;
    ctx.textBaseline = "middle";
    let used = 0;
    f.arenas.forEach((arena, row) => {
      const y = row * (cell + gap) + 1;
      if (labelWidth) {
        ctx.fillStyle = "#5b6475";
        ctx.fillText(arena.base, 2, y + cell / 2);
      }
      for (let p = 0; p < arena.pools.length / 2; p++) {
        const state = arena.pools[2 * p];
        const fill = +arena.pools[2 * p + 1];
        const x = labelWidth + p * (cell + gap);
        if (state === ".") {
          ctx.strokeStyle = "#d1d5db";
          ctx.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
        } else if (state === "-") {
          ctx.fillStyle = "#d1d5db";
          ctx.fillRect(x, y, cell, cell);
        } else {
          used++;
          const c = CLASS_LETTERS.indexOf(state);
          ctx.fillStyle = classColor(c);
          ctx.globalAlpha = 0.25;
          ctx.fillRect(x, y, cell, cell);
          ctx.globalAlpha = 1;
          const h = Math.max(1, Math.round(cell * fill / 9));
          ctx.fillRect(x, y + cell - h, cell, h);
        }
      }
    });
    label.textContent = `snapshot ${index + 1} of ${frames.length} · t = ${seconds(f.t)} · ` +
      `${f.label} · ${f.arenas.length} arenas, ${used} pools in use`;
  }

  canvas.addEventListener("mousemove", (e) => {
    const r = canvas.getBoundingClientRect();
    const row = Math.floor((e.clientY - r.top) / (cell + gap));
    const p = Math.floor((e.clientX - r.left - labelWidth) / (cell + gap));
    const arena = frames[current].arenas[row];
    if (!arena || p < 0 || p >= arena.pools.length / 2) { info.textContent = ""; return; }
    const state = arena.pools[2 * p];
    const fill = arena.pools[2 * p + 1];
    let text;
    if (state === ".") text = "never used";
    else if (state === "-") text = "empty (free for any size class)";
    else {
      const c = CLASS_LETTERS.indexOf(state);
      text = `size class ${c} (${a.block_sizes[c]}-byte blocks, ${a.blocks_per_pool[c]} per pool), ` +
        `about ${fill}0% of blocks in use`;
    }
    info.textContent = `arena ${arena.base}, pool ${p}: ${text}`;
  });
  canvas.addEventListener("mouseleave", () => info.textContent = "");

  slider.max = String(frames.length - 1);
  slider.value = "0";
  slider.addEventListener("input", () => draw(+slider.value));
  draw(0);

  const classes = new Set();
  for (const f of frames) for (const arena of f.arenas) {
    for (let p = 0; p < arena.pools.length / 2; p++) {
      const c = CLASS_LETTERS.indexOf(arena.pools[2 * p]);
      if (c >= 0) classes.add(c);
    }
  }
  const legend = node.querySelector(".legend");
  for (const c of [...classes].sort((x, y) => x - y)) {
    legend.append(el("span", {}, el("span", { class: "swatch", style: `background:${classColor(c)}` }),
      `${a.block_sizes[c]} B`));
  }
  if (a.snapshots_dropped) {
    legend.append(el("span", { class: "empty" }, `(${a.snapshots_dropped} snapshots thinned out)`));
  }
  rendered("arenas", frames.length);
}

// ---- pauses --------------------------------------------------------------------------------

function drawPauses() {
  const node = section("pauses");
  const body = node.querySelector("tbody");
  const box = node.querySelector(".histograms");
  let drawn = 0;
  for (const p of REPORT.pauses) {
    body.append(el("tr", {}, el("td", {}, `generation ${p.generation}`), el("td", {}, count(p.count)),
      el("td", {}, micros(p.total_micros)), el("td", {}, micros(p.p50_micros)),
      el("td", {}, micros(p.p90_micros)), el("td", {}, micros(p.p99_micros)),
      el("td", {}, micros(p.max_micros))));
    if (!p.count) continue;
    const edges = p.histogram.edges_micros;
    const xs = p.histogram.counts.map((_, i) => i);
    const holder = el("div", {}, el("h3", {}, `generation ${p.generation}: ${count(p.count)} pauses`));
    box.append(holder);
    const marks = [["p50", p.p50_micros], ["p90", p.p90_micros], ["p99", p.p99_micros],
      ["max", p.max_micros]];
    const binOf = (us) => {
      for (let i = 0; i < edges.length - 1; i++) if (us < edges[i + 1]) return i;
      return edges.length - 2;
    };
    new uPlot({
      width: 420, height: 220,
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] } },
      legend: { show: false },
      series: [{}, { label: "pauses", stroke: GEN_COLORS[p.generation],
        fill: GEN_COLORS[p.generation] + "99", paths: uPlot.paths.bars({ size: [0.9, 60] }),
        points: { show: false } }],
      axes: [
        { label: "pause (bin lower edge)", space: 70, values: (u, vals) => vals.map((v) =>
          Number.isInteger(v) && v >= 0 && v < edges.length ? micros(edges[v]) : "") },
        { label: "collections", values: (u, vals) => vals.map(count) },
      ],
      hooks: { draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.font = `${11 * devicePixelRatio}px sans-serif`;
        marks.forEach(([name, us], k) => {
          if (us == null) return;
          const x = u.valToPos(binOf(us), "x", true);
          ctx.strokeStyle = "#111827";
          ctx.setLineDash([3, 3]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillStyle = "#111827";
          ctx.fillText(name, x + 3, u.bbox.top + 12 * devicePixelRatio * (k + 1));
        });
        ctx.restore();
      }] },
    }, [xs, p.histogram.counts], holder);
    drawn++;
  }
  if (!drawn) box.append(el("p", { class: "empty" }, "No collection ran."));
  rendered("pauses", drawn);
}

// ---- sites ---------------------------------------------------------------------------------

function drawSites() {
  const s = REPORT.sites;
  const node = section("sites");
  const peak = s.peak ? `at the peak measured at ${seconds(s.peak.t)} (${bytes(s.peak.heap_bytes)} in use)` :
    "(no peak measured)";
  node.querySelector(".explain").textContent =
    `Where objects were allocated, grouped by line as tracemalloc groups them: live bytes ${peak} ` +
    `and bytes allocated over the run (sys.getsizeof). Estimates from ${count(s.samples)} sampled ` +
    `allocations, about one in ${s.sample_every}.`;
  const body = node.querySelector("tbody");
  const panel = node.querySelector(".stack-panel");
  const top = Math.max(1, ...s.sites.map((x) => x.live_bytes_at_peak));
  s.sites.forEach((site, i) => {
    const bar = el("span", { class: "bar", style: `width:${(60 * site.live_bytes_at_peak / top).toFixed(1)}px` });
    const row = el("tr", {}, el("td", {}, String(i + 1)),
      el("td", { class: "where", title: site.file }, place(site)),
      el("td", {}, site.line ? site.function : "–"),
      el("td", { class: "num" }, bar, bytes(site.live_bytes_at_peak)),
      el("td", {}, bytes(site.allocated_bytes)), el("td", {}, count(site.allocated_objects)));
    row.addEventListener("click", () => {
      body.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
      row.classList.add("selected");
      showStacks(panel, site);
    });
    body.append(row);
  });
  if (!s.sites.length) body.append(el("tr", {}, el("td", { colspan: "6", class: "empty" }, "No allocation sampled.")));
  if (s.sites_dropped) {
    body.append(el("tr", {}, el("td", { colspan: "6", class: "empty" }, `${s.sites_dropped} smaller sites not listed`)));
  }
  rendered("sites", s.sites.length);
}

function showStacks(panel, site) {
  panel.replaceChildren(el("h3", {}, `${place(site)} in ${site.function}`));
  const total = site.stacks.reduce((n, st) => n + st.samples, 0);
  for (const st of site.stacks) {
    panel.append(el("div", {}, `${st.samples} of ${total} samples:`));
    const list = el("ol");
    for (const f of st.frames) list.append(el("li", { title: f.file }, `${place(f)} in ${f.function}`));
    if (!st.frames.length) list.append(el("li", {}, "allocated by the interpreter outside any Python frame"));
    panel.append(list);
  }
}

// ---- cycles --------------------------------------------------------------------------------

function drawCycles() {
  const c = REPORT.cycles;
  const node = section("cycles");
  const list = node.querySelector(".cycle-list");
  const view = node.querySelector(".cycle-view");
  const buttons = c.graphs.map((g, i) => {
    const b = el("button", {}, `#${i + 1}: ${g.objects} objects, gen ${g.generation} at ${seconds(g.t)}` +
      (g.repeats ? ` (+${g.repeats} alike)` : ""));
    b.addEventListener("click", () => select(i));
    list.append(b);
    return b;
  });
  function select(i) {
    buttons.forEach((b, k) => b.classList.toggle("selected", k === i));
    view.replaceChildren(graphSvg(c.graphs[i]));
  }
  if (c.graphs.length) select(0);
  else view.append(el("p", { class: "empty" },
    `No garbage cycle found (${c.collections_examined} collections examined).`));
  rendered("cycles", c.graphs.length);
}

// Nodes in the order a walk along the references meets them, so that a ring is drawn as a
// ring: depth-first along outgoing references, then incoming ones.
function walkOrder(g) {
  const n = g.nodes.length;
  const out = g.nodes.map(() => []);
  const back = g.nodes.map(() => []);
  for (const [a, b] of g.edges) { out[a].push(b); back[b].push(a); }
  const seen = new Array(n).fill(false);
  const order = [];
  for (let start = 0; start < n; start++) {
    const stack = [start];
    while (stack.length) {
      const i = stack.pop();
      if (seen[i]) continue;
      seen[i] = true;
      order.push(i);
      for (const j of back[i].slice().reverse()) if (!seen[j]) stack.push(j);
      for (const j of out[i].slice().reverse()) if (!seen[j]) stack.push(j);
    }
  }
  return order;
}

function nodeKey(node) {
  const at = node.allocated_at;
  return `${node.type} · ${at ? `${place(at)} ${at.function}` : "line unknown"}`;
}

function graphSvg(g) {
  const n = g.nodes.length;
  const labelled = n <= 12;
  const width = labelled ? 860 : 1180;
  const height = n <= 2 ? 240 : labelled ? 420 : 520;
  const cx = labelled ? width / 2 : 300, cy = height / 2 - 8;
  const radius = n === 1 ? 0 : Math.min(labelled ? cx - 190 : 230, cy - 40);
  const pos = new Array(n);
  walkOrder(g).forEach((i, k) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / n;
    pos[i] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
  const keys = [...new Set(g.nodes.map(nodeKey))];
  const colorOf = (node) => keyColor(keys.indexOf(nodeKey(node)));
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}` });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5",
    markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#6b7280" }));
  defs.append(marker);
  root.append(defs);
  const nodeRadius = labelled ? 9 : 7;
  for (const [a, b] of g.edges) {
    if (a === b) {
      const [x, y] = pos[a];
      root.append(svg("path", { d: `M ${x - 4} ${y - nodeRadius} C ${x - 30} ${y - 45}, ${x + 30} ${y - 45}, ${x + 4} ${y - nodeRadius}`,
        fill: "none", stroke: "#6b7280", "marker-end": "url(#arrow)" }));
      continue;
    }
    const [x1, y1] = pos[a], [x2, y2] = pos[b];
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
    // Curve each edge a little to its right so that a <-> b shows two arrows.
    const bend = Math.min(18, len / 4);
    const mx = (x1 + x2) / 2 - dy / len * bend, my = (y1 + y2) / 2 + dx / len * bend;
    const ex = x2 - (x2 - mx) / Math.hypot(x2 - mx, y2 - my) * nodeRadius;
    const ey = y2 - (y2 - my) / Math.hypot(x2 - mx, y2 - my) * nodeRadius;
    root.append(svg("path", { d: `M ${x1} ${y1} Q ${mx} ${my} ${ex} ${ey}`, fill: "none",
      stroke: "#6b7280", "stroke-width": "1.2", "marker-end": "url(#arrow)" }));
  }
  g.nodes.forEach((node, i) => {
    const [x, y] = pos[i];
    const group = svg("g");
    const title = svg("title");
    title.textContent = `${node.type} allocated at ${node.allocated_at ?
      `${node.allocated_at.file}:${node.allocated_at.line} in ${node.allocated_at.function}` : "an unknown line"}`;
    group.append(title);
    group.append(svg("circle", { cx: x, cy: y, r: nodeRadius, fill: colorOf(node), stroke: "#1f2937" }));
    if (labelled) {
      const right = x >= cx;
      const label = svg("text", { x: right ? x + 13 : x - 13, y: y - 2, "text-anchor": right ? "start" : "end" });
      label.textContent = node.type;
      const where = svg("text", { x: right ? x + 13 : x - 13, y: y + 11, "text-anchor": right ? "start" : "end",
        fill: "#5b6475" });
      where.textContent = node.allocated_at ? `${place(node.allocated_at)} ${node.allocated_at.function}` : "line unknown";
      group.append(label, where);
    }
    root.append(group);
  });
  if (!labelled) {
    // A key instead of a label per node: one line per kind of object.
    keys.forEach((key, k) => {
      const y = 30 + k * 20;
      root.append(svg("circle", { cx: 575, cy: y - 4, r: 6, fill: keyColor(k), stroke: "#1f2937" }));
      const text = svg("text", { x: 587, y });
      const count = g.nodes.filter((node) => nodeKey(node) === key).length;
      text.textContent = `${count} × ${key}`;
      root.append(text);
    });
  }
  const caption = svg("text", { x: 10, y: height - 10 });
  caption.textContent = `${g.objects} unreachable objects` + (g.objects > n ? ` (${n} drawn)` : "") +
    `, freed by a collection of generation ${g.generation}`;
  root.append(caption);
  return root;
}

function keyColor(k) {
  return `hsl(${(k * 97 + 200) % 360}, 62%, 68%)`;
}


for (const draw of [drawSummary, drawTimeline, drawArenas, drawPauses, drawSites, drawCycles]) {
  try {
    draw();
  } catch (e) {
    console.error(`${draw.name}: ${e && e.stack || e}`);
  }
}
