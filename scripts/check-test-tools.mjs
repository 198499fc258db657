// npm test, first: whether this machine has what the tests use, and if not, one message saying what to
// install. The tests run real tools (nginx in front of a real build, Chromium, the Nu Html Checker on
// Java, xmllint, exiftool, systemd-analyze) and real databases; without this a fresh machine stopped at
// the first test with "spawnSync exiftool ENOENT". CI installs the same (.ci/run).
import { spawnSync } from "node:child_process";
import net from "node:net";

const REQUIRED_NODE_MAJOR = 24;

/** Debian package for each command the tests run. */
const COMMANDS = {
  nginx: "nginx",
  chromium: "chromium",
  java: "default-jre-headless",
  xmllint: "libxml2-utils",
  exiftool: "libimage-exiftool-perl",
  "systemd-analyze": "systemd",
  "fc-list": "fontconfig",
};

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || "127.0.0.1", port: Number(port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

const problems = [];
const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_NODE_MAJOR)
  problems.push(
    `Node ${process.versions.node}: the project runs on Node ${REQUIRED_NODE_MAJOR} LTS. Install it from the npm registry with\n` +
      `    eval "$(bash scripts/install-node.sh)" && npm ci`,
  );
const missing = Object.entries(COMMANDS).filter(([command]) => !has(command));
const nanum = has("fc-list") && /nanum/i.test(spawnSync("fc-list", { encoding: "utf8" }).stdout ?? "");
const packages = [...new Set([...missing.map(([, pkg]) => pkg), ...(nanum ? [] : ["fonts-nanum"])])];
if (packages.length)
  problems.push(
    `Missing ${[...missing.map(([command]) => command), ...(nanum ? [] : ["a Korean font"])].join(", ")}. Install them (as root):\n` +
      `    apt-get update && apt-get install -y ${packages.join(" ")}`,
  );
const postgres = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";
const redis = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
if (!(await reachable(postgres, 5432)))
  problems.push(
    `PostgreSQL does not answer at ${new URL(postgres).host}: start it (a database "test", trust auth), or set TEST_POSTGRES_URL.`,
  );
if (!(await reachable(redis, 6379)))
  problems.push(`Redis does not answer at ${new URL(redis).host}: start it, or set TEST_REDIS_URL.`);

if (problems.length) {
  console.error(`npm test needs, on this machine:\n\n${problems.map((p) => `- ${p}`).join("\n\n")}\n`);
  process.exit(1);
}
