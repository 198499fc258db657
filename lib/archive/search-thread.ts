// One search thread (lib/archive/search-threads.ts starts them): the read model opened in this thread, its
// vocabulary parsed once, and every search the server is asked answered here, so that no search, however
// its words fall, holds the thread that serves pages (issue 28). Bundled at server start and run from memory.
import { parentPort } from "node:worker_threads";
import { archive } from "@/lib/archive";
import type { SearchFilter } from "@/lib/search/filters";
import { understandSearch, vocabularyOf } from "@/lib/search/understand";
import type { SearchAsked, SearchAnswered } from "@/lib/archive/search-threads";

const port = parentPort;
if (!port) throw new Error("lib/archive/search-thread.ts runs as a worker thread (lib/archive/search-threads.ts)");

// Opened before the first question; a read model that cannot be opened is every search's answer (an
// error the page shows as such), not a thread that dies and is started again and again.
const opened = (async () => {
  const reader = archive();
  await reader.ready();
  await vocabularyOf(reader);
  return reader;
})();
opened.catch(() => undefined);

async function answer({ id, query, now, offset, limit, filter }: SearchAsked): Promise<SearchAnswered> {
  try {
    const reader = await opened;
    const result = await understandSearch(reader, query, now, offset, limit, filter as SearchFilter | undefined);
    return { id, result };
  } catch (error) {
    return { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

port.on("message", (asked: SearchAsked) => {
  void answer(asked).then((answered) => port.postMessage(answered));
});
