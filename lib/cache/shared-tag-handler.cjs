// The 'use cache' handler: Next's own in-memory handler, whose invalidations are shared with the other
// instances through Redis when REDIS_URL is set (lib/cache/shared-tags.cjs).
/* eslint-disable @typescript-eslint/no-require-imports */
const { createDefaultCacheHandler } = require("next/dist/server/lib/cache-handlers/default.js");
const { pullSharedTags, pushSharedTags } = require("./shared-tags.cjs");

const local = createDefaultCacheHandler(64 * 1024 * 1024);

module.exports = {
  get: (cacheKey, softTags) => local.get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => local.set(cacheKey, pendingEntry),
  getExpiration: (tags) => local.getExpiration(tags),
  refreshTags: () => pullSharedTags(),
  async updateTags(tags, durations) {
    await local.updateTags(tags, durations);
    await pushSharedTags(tags);
  },
};
