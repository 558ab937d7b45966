-- challenges.proposal_count: the proposals that count (neither drafts nor withdrawn), kept by
-- the database itself so that no write path (the services, the seeds, a script) can forget it.
-- Statement-level triggers add up each statement's rows, so a bulk insert updates each
-- challenge once; the update runs in the writer's transaction.
CREATE FUNCTION challenges_count_proposals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE challenges c SET proposal_count = c.proposal_count + d.delta
    FROM (
      SELECT challenge_id, count(*)::int AS delta FROM new_proposals
      WHERE status NOT IN ('draft', 'withdrawn') GROUP BY challenge_id
    ) d
    WHERE c.id = d.challenge_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE challenges c SET proposal_count = c.proposal_count - d.delta
    FROM (
      SELECT challenge_id, count(*)::int AS delta FROM old_proposals
      WHERE status NOT IN ('draft', 'withdrawn') GROUP BY challenge_id
    ) d
    WHERE c.id = d.challenge_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE challenges c SET proposal_count = c.proposal_count + d.delta
    FROM (
      SELECT challenge_id, sum(delta)::int AS delta FROM (
        SELECT challenge_id, 1 AS delta FROM new_proposals
        WHERE status NOT IN ('draft', 'withdrawn')
        UNION ALL
        SELECT challenge_id, -1 AS delta FROM old_proposals
        WHERE status NOT IN ('draft', 'withdrawn')
      ) changes
      GROUP BY challenge_id HAVING sum(delta) <> 0
    ) d
    WHERE c.id = d.challenge_id;
  ELSE
    UPDATE challenges SET proposal_count = 0 WHERE proposal_count <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER proposals_counted_on_insert AFTER INSERT ON proposals
  REFERENCING NEW TABLE AS new_proposals
  FOR EACH STATEMENT EXECUTE FUNCTION challenges_count_proposals();--> statement-breakpoint
CREATE TRIGGER proposals_counted_on_update AFTER UPDATE ON proposals
  REFERENCING OLD TABLE AS old_proposals NEW TABLE AS new_proposals
  FOR EACH STATEMENT EXECUTE FUNCTION challenges_count_proposals();--> statement-breakpoint
CREATE TRIGGER proposals_counted_on_delete AFTER DELETE ON proposals
  REFERENCING OLD TABLE AS old_proposals
  FOR EACH STATEMENT EXECUTE FUNCTION challenges_count_proposals();--> statement-breakpoint
CREATE TRIGGER proposals_counted_on_truncate AFTER TRUNCATE ON proposals
  FOR EACH STATEMENT EXECUTE FUNCTION challenges_count_proposals();--> statement-breakpoint
UPDATE challenges c SET proposal_count = d.counted
FROM (
  SELECT challenge_id, count(*)::int AS counted FROM proposals
  WHERE status NOT IN ('draft', 'withdrawn') GROUP BY challenge_id
) d
WHERE c.id = d.challenge_id;
