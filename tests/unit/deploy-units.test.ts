// The systemd units production runs the site with (deploy/systemd/) pass systemd's own checker, and they
// restart what dies, bound memory and files, and probe health.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { serverNodeFlags } from "../../scripts/lib/next-server";

const units = path.resolve("deploy/systemd");

it("every unit passes systemd-analyze verify without a warning", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-units-"));
  const names: string[] = [];
  for (const file of fs.readdirSync(units)) {
    // Templates are verified as an instance, as systemd would load them.
    const name = file.replace("@.", "@3001.");
    fs.copyFileSync(path.join(units, file), path.join(dir, name));
    names.push(name);
  }
  const result = spawnSync("systemd-analyze", ["verify", "--man=no", ...names], { cwd: dir, encoding: "utf8" });
  expect(result.error).toBeUndefined();
  expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
  expect(result.status).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

it("instances restart on death, have limits and a health probe; nginx restarts too", () => {
  const instance = fs.readFileSync(path.join(units, "portal@.service"), "utf8");
  expect(instance).toMatch(/^Restart=always$/m);
  expect(instance).toMatch(/^MemoryMax=/m);
  expect(instance).toMatch(/^LimitNOFILE=/m);
  expect(instance).toMatch(/-H 127\.0\.0\.1/);
  // The V8 flags npm start runs the server with hold in production too: in NODE_OPTIONS, or on node's
  // command line for those NODE_OPTIONS does not take (--no-memory-reducer).
  const nodeOptions = /^Environment="NODE_OPTIONS=([^"]*)"$/m.exec(instance)?.[1]?.split(" ") ?? [];
  const commandLine = /^ExecStart=\S+\/node ((?:--\S+ )*)scripts\/start\.mjs/m.exec(instance)?.[1]?.trim().split(" ") ?? [];
  expect(serverNodeFlags().length).toBeGreaterThan(0);
  for (const flag of serverNodeFlags()) expect([...nodeOptions, ...commandLine]).toContain(flag);
  expect(fs.readFileSync(path.join(units, "portal-health@.service"), "utf8")).toContain("/api/health");
  expect(fs.readFileSync(path.join(units, "portal-nginx.service"), "utf8")).toMatch(/^Restart=always$/m);
});
