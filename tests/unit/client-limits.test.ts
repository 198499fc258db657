// One client cannot take the server: its requests past the caches are limited, and searches take turns.
import { describe, expect, it } from "vitest";
import { ClientBuckets, Gate } from "@/lib/http/client-limits";

describe("the limit on one client's requests past the caches", () => {
  it("lets a page load's burst through, then as many a second as the rate, whatever the client sends", () => {
    const buckets = new ClientBuckets(20, 60);
    const at = (ms: number) => buckets.take("2001:db8:1:2::/64", ms);
    const burst = Array.from({ length: 200 }, () => at(0)).filter(Boolean).length;
    expect(burst).toBe(60);
    // Over the next ten seconds at full speed: twenty a second.
    let allowed = 0;
    for (let ms = 1; ms <= 10_000; ms++) if (at(ms)) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(199);
    expect(allowed).toBeLessThanOrEqual(201);
  });

  it("counts clients apart", () => {
    const buckets = new ClientBuckets(1, 2);
    expect([buckets.take("a", 0), buckets.take("a", 0), buckets.take("a", 0)]).toEqual([true, true, false]);
    expect(buckets.take("b", 0)).toBe(true);
  });

  it("holds bounded memory under a flood of client keys", () => {
    const buckets = new ClientBuckets(1, 1, 1_000);
    for (let i = 0; i < 50_000; i++) buckets.take(`client-${i}`, i);
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(1_000);
  });
});

describe("the search gate", () => {
  it("runs a few searches at once, queues a few more, refuses the rest, and frees every slot", async () => {
    const gate = new Gate(2, 3);
    const entered = await Promise.all([gate.enter(), gate.enter()]);
    expect(entered.every(Boolean)).toBe(true);
    const queued = [gate.enter(), gate.enter(), gate.enter()];
    expect(await gate.enter()).toBeUndefined();
    entered[0]!();
    entered[0]!(); // a second release of one slot frees nothing more
    const first = await queued[0]!;
    expect(first).toBeDefined();
    entered[1]!();
    first!();
    const rest = await Promise.all(queued.slice(1));
    expect(rest.every(Boolean)).toBe(true);
    for (const release of rest) release!();
    // Everything released: the gate holds its whole capacity again.
    const again = await Promise.all([gate.enter(), gate.enter()]);
    expect(again.every(Boolean)).toBe(true);
    const waiting = Array.from({ length: 3 }, () => gate.enter());
    expect(await gate.enter()).toBeUndefined();
    for (const release of again) release!();
    for (const waiter of waiting) (await waiter)!();
  });
});

describe("the gate's line", () => {
  it("lets out whoever leaves while waiting: their place goes to readers still there", async () => {
    // One anonymous client opening and closing connections must not fill the line with readers who left
    // (each would take a place until its turn came, and the live readers behind get "the line is full").
    const gate = new Gate(1, 3);
    const holder = (await gate.enter())!;
    const left = Array.from({ length: 3 }, () => new AbortController());
    const ghosts = left.map((controller) => gate.enter(controller.signal));
    for (const controller of left) controller.abort();
    expect(await Promise.all(ghosts)).toEqual([undefined, undefined, undefined]);
    // The line is empty again: three live readers wait, and each gets a turn in order.
    const live = [gate.enter(), gate.enter(), gate.enter()];
    holder();
    for (const waiter of live) (await waiter)!();
    // Nothing was lost: the whole capacity is free.
    const again = (await gate.enter())!;
    expect(again).toBeDefined();
    again();
  });

  it("answers at once for a reader gone before asking", async () => {
    const gate = new Gate(1, 1);
    const controller = new AbortController();
    controller.abort();
    expect(await gate.enter(controller.signal)).toBeUndefined();
    // It took no slot.
    const release = (await gate.enter())!;
    expect(release).toBeDefined();
    release();
  });
});
