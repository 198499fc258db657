import fs from "node:fs";
import { connection } from "next/server";
import { getPhoto } from "@/lib/articles";
import { ensureVariant } from "@/lib/images/encode";
import { MIME, parseVariantName } from "@/lib/images/slots";
import { imageCacheDir } from "@/lib/site";

const notFound = () =>
  new Response("Not Found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * GET /img/<hash>-<size>.<ext>: a photo variant. The build makes them ahead (scripts/prepare-build.ts); one it did
 * not (an archive photo, another instance's cache) is made here once, from a photo the content names, at a
 * size the site uses: nothing else is decoded or resized. The name fixes the bytes, so it is cached a year.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  await connection();
  const variant = parseVariantName((await params).name);
  if (!variant) return notFound();
  const photo = await getPhoto(variant.hash);
  if (!photo) return notFound();
  const file = await ensureVariant(photo, variant, imageCacheDir());
  const bytes = await fs.promises.readFile(file);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": MIME[variant.format],
      "Content-Length": String(bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
