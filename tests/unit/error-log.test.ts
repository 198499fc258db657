// A failing request repeated at full speed logs its error once per window, not once per request.
import { describe, expect, it } from "vitest";
import { ErrorLog } from "@/lib/http/error-log";

function thrown(message: string): Error {
  try {
    throw new TypeError(message);
  } catch (error) {
    return error as Error;
  }
}

describe("the server's error log", () => {
  it("logs a repeated error once per window, then says how many it held back", () => {
    const lines: unknown[][] = [];
    const log = new ErrorLog((...parts) => lines.push(parts), 60_000);
    const error = () => thrown("Invalid URL");
    for (let i = 0; i < 10_000; i++) log.report(`GET //[${i} failed`, error(), 1_000 + i);
    expect(lines).toHaveLength(1);
    log.report("GET //[ failed", error(), 61_001);
    expect(lines).toHaveLength(3);
    expect(String(lines[1]![0])).toMatch(/^9999 more like the following/);
  });

  it("logs different errors apart, each the first time it happens", () => {
    const lines: unknown[][] = [];
    const log = new ErrorLog((...parts) => lines.push(parts));
    log.report("a", thrown("one"), 0);
    log.report("b", thrown("two"), 1);
    log.report("c", new RangeError("three"), 2);
    expect(lines.map((line) => line[0])).toEqual(["a", "b", "c"]);
  });

  it("forgets the oldest kinds when a flood brings many, so it holds bounded memory", () => {
    const lines: unknown[][] = [];
    const log = new ErrorLog((...parts) => lines.push(parts), 60_000, 10);
    for (let i = 0; i < 1_000; i++) log.report("x", new Error(`kind ${i}`), i);
    expect(lines).toHaveLength(1_000);
    expect((log as unknown as { seen: Map<string, unknown> }).seen.size).toBeLessThanOrEqual(10);
  });
});
