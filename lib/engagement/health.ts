// Whether this instance can serve: its database answers a query.
import { sql } from "kysely";
import { getDb } from "@/lib/db";

/** True when the database answers within the connection's own timeouts; failures are logged, not thrown. */
export async function healthCheck(): Promise<boolean> {
  try {
    await sql`select 1`.execute((await getDb()).kysely);
    return true;
  } catch (error) {
    console.error("health check: database unavailable", error);
    return false;
  }
}
