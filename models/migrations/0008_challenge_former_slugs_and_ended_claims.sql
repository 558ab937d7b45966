ALTER TYPE "public"."claim_status" ADD VALUE 'ended';--> statement-breakpoint
CREATE TABLE "challenge_former_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"challenge_id" uuid NOT NULL,
	"replaced_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "challenge_former_slugs" ADD CONSTRAINT "challenge_former_slugs_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_former_slugs_challenge_idx" ON "challenge_former_slugs" USING btree ("challenge_id");