CREATE TABLE "challenge_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"weight" integer,
	"retired" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD COLUMN "criterion_id" uuid;--> statement-breakpoint
ALTER TABLE "challenge_criteria" ADD CONSTRAINT "challenge_criteria_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_criteria_challenge_idx" ON "challenge_criteria" USING btree ("challenge_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_criteria_position_idx" ON "challenge_criteria" USING btree ("challenge_id","position") WHERE not "challenge_criteria"."retired";--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_criteria_name_idx" ON "challenge_criteria" USING btree ("challenge_id",lower("name")) WHERE not "challenge_criteria"."retired";--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_criterion_id_challenge_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."challenge_criteria"("id") ON DELETE cascade ON UPDATE no action;