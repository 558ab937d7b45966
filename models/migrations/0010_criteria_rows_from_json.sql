-- Copies every challenge's JSON criteria into challenge_criteria, in their order, and points each
-- score at its criterion's row instead of its name.
--
-- Names are trimmed and empty ones skipped, and a name listed twice is one criterion with the
-- weights added up: that is how the scoring code counted them. A name that differs from an
-- earlier one only in case (the form refuses it now, older rows may have it) was scored apart,
-- so it stays a criterion of its own, retired, to keep its scores without breaking the
-- one-name-per-challenge index.
WITH items AS (
  SELECT c.id AS challenge_id, e.ordinality AS ord, btrim(e.value->>'name') AS name,
    round((e.value->>'weight')::numeric)::integer AS weight
  FROM challenges c
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(c.criteria) = 'array' THEN c.criteria ELSE '[]'::jsonb END
  ) WITH ORDINALITY AS e(value, ordinality)
),
named AS (
  SELECT challenge_id, name, min(ord) AS ord, sum(weight)::integer AS weight
  FROM items
  WHERE coalesce(name, '') <> ''
  GROUP BY challenge_id, name
),
ranked AS (
  SELECT named.*, row_number() OVER (PARTITION BY challenge_id, lower(name) ORDER BY ord) AS variant
  FROM named
)
INSERT INTO "challenge_criteria" ("challenge_id", "position", "name", "weight", "retired")
SELECT challenge_id, (row_number() OVER (PARTITION BY challenge_id ORDER BY ord) - 1)::integer,
  name, weight, variant > 1
FROM ranked;
--> statement-breakpoint
-- A score on a name the challenge no longer lists (the criterion was renamed or removed after it
-- was given) is kept, not dropped: it gets a retired criterion of that name, with no weight since
-- none is known. The ranking ignored such scores and still does; the score export still lists
-- them.
WITH orphans AS (
  SELECT DISTINCT p.challenge_id, btrim(s.criterion) AS name
  FROM proposal_scores s
  JOIN proposals p ON p.id = s.proposal_id
  WHERE NOT EXISTS (
    SELECT 1 FROM challenge_criteria cc
    WHERE cc.challenge_id = p.challenge_id AND cc.name = btrim(s.criterion)
  )
)
INSERT INTO "challenge_criteria" ("challenge_id", "position", "name", "weight", "retired")
SELECT o.challenge_id,
  ((SELECT coalesce(max(cc.position), -1) FROM challenge_criteria cc
    WHERE cc.challenge_id = o.challenge_id)
   + row_number() OVER (PARTITION BY o.challenge_id ORDER BY o.name))::integer,
  o.name, NULL, true
FROM orphans o;
--> statement-breakpoint
UPDATE "proposal_scores" s
SET "criterion_id" = cc.id
FROM proposals p, challenge_criteria cc
WHERE p.id = s.proposal_id AND cc.challenge_id = p.challenge_id AND cc.name = btrim(s.criterion);
