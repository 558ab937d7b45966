DROP INDEX "proposal_scores_unique_idx";--> statement-breakpoint
ALTER TABLE "proposal_scores" ALTER COLUMN "criterion_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "proposal_scores_criterion_idx" ON "proposal_scores" USING btree ("criterion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_scores_unique_idx" ON "proposal_scores" USING btree ("proposal_id","reviewer_id","criterion_id");--> statement-breakpoint
ALTER TABLE "challenges" DROP COLUMN "criteria";--> statement-breakpoint
ALTER TABLE "proposal_scores" DROP COLUMN "criterion";