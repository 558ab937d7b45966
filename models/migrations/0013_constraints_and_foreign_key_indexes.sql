CREATE INDEX "challenges_author_idx" ON "challenges" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "organization_invitations_invited_by_idx" ON "organization_invitations" USING btree ("invited_by_id");--> statement-breakpoint
CREATE INDEX "organization_invitations_accepted_by_idx" ON "organization_invitations" USING btree ("accepted_by_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_organization_idx" ON "audit_events" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "proposals_lead_idx" ON "proposals" USING btree ("lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_one_live_per_lead_idx" ON "proposals" USING btree ("challenge_id","lead_id") WHERE "proposals"."status" <> 'withdrawn' and "proposals"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "sponsorships_created_by_idx" ON "sponsorships" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "adoptions_organization_idx" ON "adoptions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "adoptions_recorded_by_idx" ON "adoptions" USING btree ("recorded_by_id");--> statement-breakpoint
CREATE INDEX "claims_challenge_idx" ON "claims" USING btree ("challenge_id","status");--> statement-breakpoint
CREATE INDEX "claims_user_idx" ON "claims" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "claims_released_by_idx" ON "claims" USING btree ("released_by_id");--> statement-breakpoint
CREATE INDEX "endorsements_organization_idx" ON "endorsements" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "endorsements_user_idx" ON "endorsements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "progress_updates_author_idx" ON "progress_updates" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "proposal_scores_reviewer_idx" ON "proposal_scores" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "outbox_digest_id_idx" ON "outbox" USING btree ("digest_id");--> statement-breakpoint
CREATE INDEX "challenge_questions_author_idx" ON "challenge_questions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "question_answers_author_idx" ON "question_answers" USING btree ("author_id");--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_deadline_after_publication_check" CHECK ("challenges"."deadline" is null or "challenges"."published_at" is null or "challenges"."deadline" >= ("challenges"."published_at" at time zone 'America/Mexico_City')::date);--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_phases_in_order_check" CHECK (not jsonb_path_exists("challenges"."phases", '$[*] ? (@.endsOn < @.startsOn)'));--> statement-breakpoint
ALTER TABLE "challenge_criteria" ADD CONSTRAINT "challenge_criteria_weight_check" CHECK ("challenge_criteria"."weight" between 1 and 100);--> statement-breakpoint
ALTER TABLE "challenge_criteria" ADD CONSTRAINT "challenge_criteria_active_weight_check" CHECK ("challenge_criteria"."retired" or "challenge_criteria"."weight" is not null);--> statement-breakpoint
ALTER TABLE "challenge_criteria" ADD CONSTRAINT "challenge_criteria_position_check" CHECK ("challenge_criteria"."position" >= 0);--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_accepted_after_submitted_check" CHECK ("proposals"."accepted_at" is null or ("proposals"."submitted_at" is not null and "proposals"."accepted_at" >= "proposals"."submitted_at"));--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_delivered_after_accepted_check" CHECK ("proposals"."delivered_at" is null or ("proposals"."accepted_at" is not null and "proposals"."delivered_at" >= "proposals"."accepted_at"));--> statement-breakpoint
ALTER TABLE "sponsorships" ADD CONSTRAINT "sponsorships_amount_check" CHECK (("sponsorships"."kind" = 'prize' and "sponsorships"."amount_centavos" is not null and "sponsorships"."amount_centavos" > 0) or ("sponsorships"."kind" <> 'prize' and "sponsorships"."amount_centavos" is null));--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_score_check" CHECK ("proposal_scores"."score" between 1 and 5);--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_attempts_check" CHECK ("outbox"."attempts" >= 0);