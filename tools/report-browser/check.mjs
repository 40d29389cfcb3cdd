// Opens a pymm HTML report in headless Chromium (the system's, driven by playwright-core) as a
// person would, and checks that every section rendered with data, that the page logged no
// error and fetched nothing from the network. With --screenshots DIR it saves one PNG per
// section (DIR/<prefix>-<section>.png).
//
//   node tools/report-browser/check.mjs REPORT.html [--screenshots DIR] [--prefix NAME]
//
// Exit status 0 when every check passed; otherwise each failure is printed and the status is 1.
import { chromium } from "playwright-core";
import path from "node:path";
import fs from "node:fs";

const SECTIONS = ["summary", "timeline", "arenas", "pauses", "sites", "cycles"];

function parseArgs(argv) {
  const args = { report: null, screenshots: null, prefix: "report" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") args.screenshots = argv[++i];
    else if (argv[i] === "--prefix") args.prefix = argv[++i];
    else args.report = argv[i];
  }
  if (!args.report) {
    console.error("usage: check.mjs REPORT.html [--screenshots DIR] [--prefix NAME]");
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const failures = [];
const fail = (message) => failures.push(message);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
page.on("console", (msg) => {
  if (msg.type() === "error" || msg.type() === "warning") fail(`console ${msg.type()}: ${msg.text()}`);
});
page.on("pageerror", (error) => fail(`page error: ${error.message}`));
page.on("request", (request) => {
  const url = request.url();
  if (!url.startsWith("file:") && !url.startsWith("data:") && !url.startsWith("about:")) {
    fail(`the page fetched ${url}`);
  }
});

await page.goto("file://" + path.resolve(args.report), { waitUntil: "load" });

for (const name of SECTIONS) {
  const state = await page.evaluate((n) => {
    const s = document.querySelector(`[data-section="${n}"]`);
    return s && { rendered: s.dataset.rendered, items: Number(s.dataset.items || 0) };
  }, name);
  if (!state) fail(`section ${name}: no element with data-section="${name}"`);
  else if (state.rendered !== "true") fail(`section ${name}: not rendered`);
  else if (!(state.items > 0)) fail(`section ${name}: rendered without data (items = ${state.items})`);
}

// What a person sees in each section, beyond the section's own claim.
const seen = await page.evaluate(() => {
  const q = (sel) => document.querySelector(sel);
  const qa = (sel) => document.querySelectorAll(sel);
  const inkOf = (canvas) => {
    if (!canvas || !canvas.width || !canvas.height) return 0;
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink;
  };
  return {
    cards: qa('[data-section="summary"] .card').length,
    timelineCharts: qa('[data-section="timeline"] .uplot').length,
    timelineInk: [...qa('[data-section="timeline"] canvas')].map(inkOf),
    arenaInk: inkOf(q('[data-section="arenas"] canvas.map')),
    arenaFrames: Number(q('[data-section="arenas"] .slider').max) + 1,
    arenaLabel: q('[data-section="arenas"] .frame-label').textContent,
    pauseRows: qa('[data-section="pauses"] tbody tr').length,
    pauseCharts: qa('[data-section="pauses"] .uplot').length,
    siteRows: qa('[data-section="sites"] tbody tr').length,
    cycleNodes: qa('[data-section="cycles"] svg circle').length,
    cycleEdges: qa('[data-section="cycles"] svg path[marker-end]').length,
  };
});
if (seen.cards < 10) fail(`summary: ${seen.cards} figures shown, expected 10`);
if (seen.timelineCharts !== 2) fail(`timeline: ${seen.timelineCharts} charts, expected 2`);
if (!seen.timelineInk.some((ink) => ink > 1000)) fail("timeline: the charts are blank");
if (seen.arenaInk < 100) fail("arenas: the map is blank");
if (seen.arenaFrames < 2) fail(`arenas: ${seen.arenaFrames} snapshot(s), expected several`);
if (seen.pauseRows !== 3) fail(`pauses: ${seen.pauseRows} rows, expected one per generation`);
if (seen.pauseCharts < 1) fail("pauses: no histogram");
if (seen.siteRows < 1) fail("sites: no site listed");
if (seen.cycleNodes < 2 || seen.cycleEdges < 2) {
  fail(`cycles: graph has ${seen.cycleNodes} objects and ${seen.cycleEdges} references`);
}

// The slider steps through snapshots.
await page.locator('[data-section="arenas"] .slider').fill(String(seen.arenaFrames - 1));
const lastLabel = await page.locator('[data-section="arenas"] .frame-label').textContent();
if (lastLabel === seen.arenaLabel) fail("arenas: moving the slider changed nothing");
if (!lastLabel.startsWith(`snapshot ${seen.arenaFrames} of`)) fail(`arenas: slider shows '${lastLabel}'`);
await page.locator('[data-section="arenas"] .slider').fill(String(Math.floor(seen.arenaFrames / 2)));

// Clicking a site shows its call stacks.
await page.locator('[data-section="sites"] tbody tr').first().click();
const stackItems = await page.locator('[data-section="sites"] .stack-panel li').count();
if (stackItems < 1) fail("sites: clicking a site showed no call stack");

// Hovering the timeline shows a tooltip.
const chart = page.locator('[data-section="timeline"] .chart.memory .u-over');
await chart.scrollIntoViewIfNeeded();
const box = await chart.boundingBox();
if (box) {
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  // uPlot moves its cursor on the next animation frame.
  await page.waitForFunction(() => !document.querySelector('[data-section="timeline"] .tooltip').hidden,
    null, { timeout: 3000 }).catch(() => {});
  const tip = await page.locator('[data-section="timeline"] .tooltip').textContent();
  if (!tip || !tip.includes("heap")) fail("timeline: hovering shows no details");
}

if (args.screenshots) {
  fs.mkdirSync(args.screenshots, { recursive: true });
  for (const name of SECTIONS) {
    const file = path.join(args.screenshots, `${args.prefix}-${name}.png`);
    await page.locator(`[data-section="${name}"]`).screenshot({ path: file });
  }
}

await browser.close();
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${args.report}: ${f}`);
  process.exit(1);
}
console.log(`ok ${args.report}: ${SECTIONS.length} sections rendered with data, no error logged, ` +
  `nothing fetched (${seen.arenaFrames} arena snapshots, ${seen.siteRows} site rows, ` +
  `${seen.cycleNodes} cycle objects)`);
