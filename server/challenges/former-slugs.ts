import { Router } from 'express';
import { and, eq, like, ne } from 'drizzle-orm';
import { challengeFormerSlugs, challenges, type Challenge } from '../../models/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { slugify } from '../lib/index.ts';
import { challengeForViewer } from './service.ts';

const STEM_LENGTH = 70;
// Addresses under /retos/ that are pages, not challenges.
const RESERVED_SLUGS = new Set(['nuevo']);

/**
 * A slug no other challenge has, now or before: the title's, then -2, -3… A challenge may take
 * back one of its own former slugs (`ownerId`), never another challenge's, whose old links
 * must keep leading to it.
 */
export async function uniqueChallengeSlug(
  db: Pick<Db, 'select'>,
  base: string,
  ownerId?: string,
): Promise<string> {
  const stem = slugify(base, STEM_LENGTH);
  const current = await db
    .select({ slug: challenges.slug })
    .from(challenges)
    .where(
      ownerId
        ? and(like(challenges.slug, `${stem}%`), ne(challenges.id, ownerId))
        : like(challenges.slug, `${stem}%`),
    );
  const former = await db
    .select({ slug: challengeFormerSlugs.slug })
    .from(challengeFormerSlugs)
    .where(
      ownerId
        ? and(
            like(challengeFormerSlugs.slug, `${stem}%`),
            ne(challengeFormerSlugs.challengeId, ownerId),
          )
        : like(challengeFormerSlugs.slug, `${stem}%`),
    );
  const taken = new Set([...current, ...former].map((row) => row.slug));
  if (!taken.has(stem) && !RESERVED_SLUGS.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/**
 * The slug a challenge should have once retitled, and the old one kept as a former slug so its
 * links redirect; undefined when the new title makes the same slug.
 */
export async function retitledSlug(
  tx: Tx,
  challenge: Pick<Challenge, 'id' | 'slug' | 'title'>,
  title: string,
): Promise<string | undefined> {
  if (slugify(title, STEM_LENGTH) === slugify(challenge.title, STEM_LENGTH)) return undefined;
  const slug = await uniqueChallengeSlug(tx, title, challenge.id);
  if (slug === challenge.slug) return undefined;
  await tx
    .delete(challengeFormerSlugs)
    .where(
      and(eq(challengeFormerSlugs.slug, slug), eq(challengeFormerSlugs.challengeId, challenge.id)),
    );
  await tx
    .insert(challengeFormerSlugs)
    .values({ slug: challenge.slug, challengeId: challenge.id })
    .onConflictDoUpdate({
      target: challengeFormerSlugs.slug,
      set: { challengeId: challenge.id, replacedAt: new Date() },
    });
  return slug;
}

/** The current slug of the challenge that once had this one, if any. */
async function currentSlugOf(db: Db, slug: string): Promise<string | undefined> {
  const [live] = await db
    .select({ slug: challenges.slug })
    .from(challenges)
    .where(eq(challenges.slug, slug));
  if (live) return undefined;
  const [row] = await db
    .select({ slug: challenges.slug })
    .from(challengeFormerSlugs)
    .innerJoin(challenges, eq(challenges.id, challengeFormerSlugs.challengeId))
    .where(eq(challengeFormerSlugs.slug, slug));
  return row?.slug;
}

/**
 * A link to a challenge's former address, or to any page under it, moves permanently to the
 * current one; a draft moves only for those who may see it.
 */
export function formerSlugRedirects(db: Db): Router {
  const router = Router();
  router.get(['/retos/:slug', '/retos/:slug/*splat'], async (req, res, next) => {
    const slug = String(req.params.slug);
    const current = await currentSlugOf(db, slug);
    if (!current || !(await challengeForViewer(db, current, req.user?.id))) return next();
    const prefix = `/retos/${slug}`;
    const rest = req.originalUrl.startsWith(prefix) ? req.originalUrl.slice(prefix.length) : '';
    res.redirect(301, `/retos/${current}${rest}`);
  });
  return router;
}
