-- Every pledge made before versions were kept gets its current promise as version 1, and the
-- day it was fulfilled or withdrawn from its last change (only those two could happen then).
INSERT INTO "sponsorship_versions" ("sponsorship_id", "version", "kind", "amount_centavos", "description", "terms", "due_on", "changed_by_id", "created_at")
SELECT "id", 1, "kind", "amount_centavos", "description", "terms", "due_on", "created_by_id", "created_at"
FROM "sponsorships";
--> statement-breakpoint
UPDATE "sponsorships" SET "fulfilled_at" = "updated_at" WHERE "status" = 'fulfilled' AND "fulfilled_at" IS NULL;
--> statement-breakpoint
UPDATE "sponsorships" SET "withdrawn_at" = "updated_at" WHERE "status" = 'withdrawn' AND "withdrawn_at" IS NULL;
