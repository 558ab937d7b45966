// Fills the configured database (DATA_DIR's PGlite, or DATABASE_URL) with bench data through the
// app's own openDatabase and Drizzle: multi-row inserts in one transaction, then VACUUM ANALYZE.
// Usage: node --import tsx bench/seed-challenges.ts [challenges]   (default 10000)
// Prints `sample-challenge=<slug>`: an open, published challenge for the bench to load.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { challenges, organizations, proposals, sponsorships } from '../models/schema/index.ts';
import { loadConfig } from '../server/config.ts';
import { databaseOptionsFromConfig, openDatabase } from '../server/db/database.ts';
import {
  benchChallenges,
  benchOrganizations,
  benchProposalStatuses,
  benchSponsorshipStatus,
  randomSource,
} from './support/challenge-data.ts';

const count = Number.parseInt(process.argv[2] ?? '10000', 10);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: node --import tsx bench/seed-challenges.ts [challenges]\n');
  process.exit(2);
}
const ORGANIZATIONS = 240;
// A row has 15 parameters at most; 1,000 rows stay far below PostgreSQL's 65,535.
const BATCH = 1000;

function batches<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) =>
    rows.slice(i * BATCH, (i + 1) * BATCH),
  );
}

const started = Date.now();
const now = new Date();
const database = await openDatabase(databaseOptionsFromConfig(loadConfig()));
try {
  await database.migrate();
  const totals = await database.db.transaction(async (tx) => {
    const orgs = await tx
      .insert(organizations)
      .values(benchOrganizations(ORGANIZATIONS))
      .returning({ id: organizations.id, kind: organizations.kind });
    const offices = orgs.filter((org) => org.kind === 'government').map((org) => org.id);

    const inserted: { id: string; status: string }[] = [];
    for (const batch of batches(
      benchChallenges(
        count,
        orgs.map((org) => org.id),
        now,
      ),
    )) {
      inserted.push(
        ...(await tx
          .insert(challenges)
          .values(batch)
          .returning({ id: challenges.id, status: challenges.status })),
      );
    }

    const random = randomSource(1234);
    const proposalRows: (typeof proposals.$inferInsert)[] = [];
    const sponsorshipRows: (typeof sponsorships.$inferInsert)[] = [];
    for (const challenge of inserted) {
      if (challenge.status === 'draft') continue;
      for (const [n, status] of benchProposalStatuses(random).entries()) {
        proposalRows.push({
          challengeId: challenge.id,
          title: `Propuesta ${n + 1}: una solución abierta`,
          status,
          submittedAt: status === 'draft' ? null : now,
        });
      }
      const sponsored = benchSponsorshipStatus(random);
      if (sponsored) {
        // Drawn in the order they always were, so the bench data stays the same.
        const organizationId = random.pick(offices);
        const kind = random.pick(['prize', 'data_access', 'mentorship', 'hosting'] as const);
        const amount = random.int(1, 50) * 1_000_000;
        sponsorshipRows.push({
          challengeId: challenge.id,
          organizationId,
          kind,
          // Only a prize has an amount (the database checks it).
          amountCentavos: kind === 'prize' ? amount : null,
          status: sponsored,
          withdrawalReason: sponsored === 'withdrawn' ? 'Cambio de presupuesto' : null,
        });
      }
    }
    for (const batch of batches(proposalRows)) await tx.insert(proposals).values(batch);
    for (const batch of batches(sponsorshipRows)) await tx.insert(sponsorships).values(batch);
    return {
      organizations: orgs.length,
      challenges: inserted.length,
      proposals: proposalRows.length,
      sponsorships: sponsorshipRows.length,
    };
  });
  await database.analyze();

  const [sample] = await database.db
    .select({ slug: challenges.slug })
    .from(challenges)
    .where(
      and(
        eq(challenges.status, 'open'),
        eq(challenges.archived, false),
        isNotNull(challenges.deadline),
      ),
    )
    .orderBy(desc(challenges.publishedAt))
    .limit(1);
  if (!sample) throw new Error('the bench data has no open challenge');
  console.log(
    `Seeded ${totals.challenges} challenges, ${totals.organizations} organizations, ` +
      `${totals.proposals} proposals and ${totals.sponsorships} sponsorships on ${database.driver} ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s (VACUUM ANALYZE included).`,
  );
  console.log(`sample-challenge=${sample.slug}`);
} finally {
  await database.close();
}
