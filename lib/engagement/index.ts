// The engagement service on the process's database: what route handlers and cached readers call.
import { getDb, setting } from "@/lib/db";
import { engagementService, type EngagementService } from "@/lib/engagement/service";

let service: Promise<{ service: EngagementService; clientSalt: string }> | undefined;

/** The service, and the database-kept salt for hashing client addresses (the same on every instance). */
export function getEngagement(): Promise<{ service: EngagementService; clientSalt: string }> {
  service ??= getDb()
    .then(async (db) => ({ service: engagementService(db), clientSalt: await setting(db, "client-salt") }))
    .catch((error) => {
      service = undefined;
      throw error;
    });
  return service;
}
