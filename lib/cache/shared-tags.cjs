// Tag invalidations shared between instances through Redis (REDIS_URL), applied to Next's process-wide tag
// map, which both 'use cache' entries and prerendered pages are checked against.
//
// Why an internal module: that map (tags-manifest.external, pinned with next 16.5.0, unchanged since 16.4.6) is the only place a
// prerendered page's freshness is decided. tests/site/two-instances.test.ts guards this against upgrades.
/* eslint-disable @typescript-eslint/no-require-imports */
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js");

const REDIS_KEY = "portal:cache-tags";
// Every request asks for fresh tag state; one Redis read per this many ms serves them all.
const PULL_INTERVAL_MS = 200;

let client;
let lastPull = -Infinity;

function redis() {
  if (!process.env.REDIS_URL) return undefined;
  if (!client) {
    const { createClient } = require("redis");
    client = createClient({
      url: process.env.REDIS_URL,
      socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2000) },
    });
    client.on("error", (error) => console.error("shared cache tags (Redis):", error.message));
    client.ready = client.connect().catch((error) => console.error("shared cache tags (Redis) unreachable:", error.message));
  }
  return client;
}

const later = (a, b) => Math.max(a || 0, b || 0) || undefined;

/** Applies invalidations made by other instances to this process's tag map (at most every 200 ms). */
async function pullSharedTags() {
  const store = redis();
  // performance.now, not Date.now: this runs inside prerenders, where Next treats reading the clock as dynamic.
  const now = performance.now();
  if (!store || now - lastPull < PULL_INTERVAL_MS) return;
  lastPull = now;
  try {
    await store.ready;
    if (!store.isReady) return;
    for (const [tag, json] of Object.entries(await store.hGetAll(REDIS_KEY))) {
      const remote = JSON.parse(json);
      const current = tagsManifest.get(tag) || {};
      const stale = later(current.stale, remote.stale);
      const expired = later(current.expired, remote.expired);
      if (stale !== current.stale || expired !== current.expired) tagsManifest.set(tag, { ...current, stale, expired });
    }
  } catch (error) {
    // Serve with what this instance knows; the next request tries again.
    console.error("shared cache tags not pulled:", error.message);
  }
}

/** Publishes this process's state of `tags` (just invalidated here) for the other instances. */
async function pushSharedTags(tags) {
  const store = redis();
  if (!store || tags.length === 0) return;
  try {
    await store.ready;
    if (!store.isReady) return;
    await store.hSet(REDIS_KEY, Object.fromEntries(tags.map((tag) => [tag, JSON.stringify(tagsManifest.get(tag) || {})])));
  } catch (error) {
    console.error("shared cache tags not pushed:", error.message);
  }
}

/** Marks `tags` expired as of now in this process only: everything cached under them before is rendered anew. */
function expireTagsNow(tags) {
  const now = performance.timeOrigin + performance.now();
  for (const tag of tags) tagsManifest.set(tag, { ...(tagsManifest.get(tag) || {}), stale: now, expired: now });
}

const listeners = new Set();
let watching = false;

/**
 * Calls `listener` after every change to this process's tag map: a write here (revalidateTag), another
 * instance's pulled in, or expireTagsNow. Whatever Next had cached under a changed tag is no longer what it
 * would answer, so copies of its answers kept elsewhere (the server's microcache) must go too.
 */
function onTagsChange(listener) {
  if (!watching) {
    watching = true;
    const set = tagsManifest.set;
    tagsManifest.set = function (tag, value) {
      const result = set.call(this, tag, value);
      for (const each of listeners) each(tag);
      return result;
    };
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

module.exports = { pullSharedTags, pushSharedTags, expireTagsNow, onTagsChange };
