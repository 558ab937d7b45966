/**
 * A part of a page that another feature fills in. The feature that owns the page loads every
 * section it is given and the view renders `sections.<name>`; the feature that owns the section
 * depends on the page's owner, never the other way round.
 */
export interface PageSection<Subject, Viewer> {
  name: string;
  load(subject: Subject, viewer: Viewer): Promise<unknown>;
}

/** Every section of a page, loaded at once, by name. */
export async function loadSections<Subject, Viewer>(
  sections: readonly PageSection<Subject, Viewer>[],
  subject: Subject,
  viewer: Viewer,
): Promise<Record<string, unknown>> {
  const loaded = await Promise.all(sections.map((section) => section.load(subject, viewer)));
  return Object.fromEntries(sections.map((section, index) => [section.name, loaded[index]]));
}
