CREATE TYPE "public"."sponsorship_verdict" AS ENUM('confirmed', 'disputed');--> statement-breakpoint
ALTER TYPE "public"."sponsorship_status" ADD VALUE 'confirmed' BEFORE 'withdrawn';--> statement-breakpoint
ALTER TYPE "public"."sponsorship_status" ADD VALUE 'disputed' BEFORE 'withdrawn';--> statement-breakpoint
CREATE TABLE "sponsorship_fulfilments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sponsorship_id" uuid NOT NULL,
	"delivered" text NOT NULL,
	"delivered_on" date NOT NULL,
	"evidence_url" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsorship_fulfilments_evidence_check" CHECK ("sponsorship_fulfilments"."evidence_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "sponsorship_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sponsorship_id" uuid NOT NULL,
	"fulfilment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"verdict" "sponsorship_verdict" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"responded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsorship_responses_note_check" CHECK ("sponsorship_responses"."verdict" = 'confirmed' or length(trim("sponsorship_responses"."note")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sponsorship_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sponsorship_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" "sponsorship_kind" NOT NULL,
	"amount_centavos" bigint,
	"description" text DEFAULT '' NOT NULL,
	"terms" text DEFAULT '' NOT NULL,
	"due_on" date,
	"note" text DEFAULT '' NOT NULL,
	"changed_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsorship_versions_version_check" CHECK ("sponsorship_versions"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "fulfilled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "confirmed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "disputed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "withdrawn_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sponsorships" ADD COLUMN "overdue_reminded_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sponsorship_fulfilments" ADD CONSTRAINT "sponsorship_fulfilments_sponsorship_id_sponsorships_id_fk" FOREIGN KEY ("sponsorship_id") REFERENCES "public"."sponsorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_fulfilments" ADD CONSTRAINT "sponsorship_fulfilments_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_responses" ADD CONSTRAINT "sponsorship_responses_sponsorship_id_sponsorships_id_fk" FOREIGN KEY ("sponsorship_id") REFERENCES "public"."sponsorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_responses" ADD CONSTRAINT "sponsorship_responses_fulfilment_id_sponsorship_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "public"."sponsorship_fulfilments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_responses" ADD CONSTRAINT "sponsorship_responses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_responses" ADD CONSTRAINT "sponsorship_responses_responded_by_id_users_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_versions" ADD CONSTRAINT "sponsorship_versions_sponsorship_id_sponsorships_id_fk" FOREIGN KEY ("sponsorship_id") REFERENCES "public"."sponsorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship_versions" ADD CONSTRAINT "sponsorship_versions_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sponsorship_fulfilments_pledge_idx" ON "sponsorship_fulfilments" USING btree ("sponsorship_id","created_at");--> statement-breakpoint
CREATE INDEX "sponsorship_fulfilments_recorded_by_idx" ON "sponsorship_fulfilments" USING btree ("recorded_by_id");--> statement-breakpoint
CREATE INDEX "sponsorship_responses_pledge_idx" ON "sponsorship_responses" USING btree ("sponsorship_id","created_at");--> statement-breakpoint
CREATE INDEX "sponsorship_responses_fulfilment_idx" ON "sponsorship_responses" USING btree ("fulfilment_id");--> statement-breakpoint
CREATE INDEX "sponsorship_responses_organization_idx" ON "sponsorship_responses" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sponsorship_responses_responded_by_idx" ON "sponsorship_responses" USING btree ("responded_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sponsorship_versions_pledge_version_idx" ON "sponsorship_versions" USING btree ("sponsorship_id","version");--> statement-breakpoint
CREATE INDEX "sponsorship_versions_changed_by_idx" ON "sponsorship_versions" USING btree ("changed_by_id");--> statement-breakpoint
CREATE INDEX "sponsorships_status_due_idx" ON "sponsorships" USING btree ("status","due_on");