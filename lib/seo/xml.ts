// The one XML escaper for sitemaps: text and attribute values alike.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes the five XML special characters and drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  // Removes the control characters XML 1.0 cannot carry.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An XML response with its content type, UTF-8 declared. */
export function xmlResponse(body: string, type = "application/xml"): Response {
  return new Response(body, { headers: { "Content-Type": `${type}; charset=utf-8` } });
}
