// The admin token must be a secret: a short one stops the server at start, naming the fix.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const configWith = (token: string) =>
  spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      'import("@/lib/engagement/config").then((m) => console.log(Boolean((m.engagementConfig ?? m.default.engagementConfig).adminToken)))',
    ],
    {
      env: { ...process.env, ADMIN_TOKEN: token },
      encoding: "utf8",
    },
  );

describe("ADMIN_TOKEN", () => {
  it("is refused at start when shorter than 24 characters", () => {
    const short = configWith("admin1234");
    expect(short.status).not.toBe(0);
    expect(short.stderr).toContain("ADMIN_TOKEN must be at least 24 characters");
  });
  it("is taken when long enough", () => {
    const long = configWith("x".repeat(24));
    expect(long.stderr).toBe("");
    expect(long.stdout.trim()).toBe("true");
  });
});
