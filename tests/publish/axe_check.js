// Run axe-core in headless Chromium on each page given as an argument; print one JSON line per
// page: {"page": ..., "violations": [{"id": ..., "nodes": n, "help": ...}]}.
// Needs the npm packages axe-core and puppeteer-core (NODE_PATH = `npm root -g`) and Debian's
// chromium; see scripts/install.sh --test.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    for (const page of process.argv.slice(2)) {
      const tab = await browser.newPage();
      await tab.goto("file://" + path.resolve(page), { waitUntil: "load" });
      await tab.evaluate(axeSource);
      const result = await tab.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const found = await axe.run(document, { resultTypes: ["violations"] });
        return found.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, help: v.help,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
      console.log(JSON.stringify({ page, violations: result }));
      await tab.close();
    }
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
