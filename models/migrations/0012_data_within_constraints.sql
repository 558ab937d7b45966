-- Brings rows the forms never let through within the constraints of the next migration, so it
-- applies to every existing database. Only the demo and bench data generators wrote such rows:
-- the demo seed gave a challenge whose deadline had passed a second phase ending before it
-- started, and the bench gave every kind of pledge an amount and deadlines before publication.

-- A phase that ends before it starts ends the day it starts.
UPDATE "challenges"
SET "phases" = (
  SELECT jsonb_agg(
    CASE WHEN phase->>'endsOn' < phase->>'startsOn'
      THEN jsonb_set(phase, '{endsOn}', phase->'startsOn')
      ELSE phase END
    ORDER BY position)
  FROM jsonb_array_elements("phases") WITH ORDINALITY AS e(phase, position)
)
WHERE jsonb_typeof("phases") = 'array'
  AND jsonb_path_exists("phases", '$[*] ? (@.endsOn < @.startsOn)');
--> statement-breakpoint
-- A deadline before the day of publication (in Mexico, as the app counts days) is that day.
UPDATE "challenges"
SET "deadline" = ("published_at" AT TIME ZONE 'America/Mexico_City')::date
WHERE "deadline" IS NOT NULL AND "published_at" IS NOT NULL
  AND "deadline" < ("published_at" AT TIME ZONE 'America/Mexico_City')::date;
--> statement-breakpoint
-- Only a prize carries an amount; the others' amounts were never shown or counted as money.
UPDATE "sponsorships" SET "amount_centavos" = NULL
WHERE "kind" <> 'prize' AND "amount_centavos" IS NOT NULL;
