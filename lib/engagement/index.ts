// The engagement service on the process's database: what route handlers and cached readers call.
import { getDb, setting, type Db } from "@/lib/db";
import { engagementService, type EngagementService } from "@/lib/engagement/service";

type Engagement = { service: EngagementService; clientSalt: string; db: Db };
let engagement: Promise<Engagement> | undefined;

/** The service, its database, and the database-kept salt for hashing client addresses (the same on every instance). */
export function getEngagement(): Promise<Engagement> {
  engagement ??= getDb()
    .then(async (db) => ({ service: engagementService(db), clientSalt: await setting(db, "client-salt"), db }))
    .catch((error) => {
      engagement = undefined;
      throw error;
    });
  return engagement;
}
