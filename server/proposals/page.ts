import type { Request, Response } from 'express';
import type { User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { loadSections, type PageSection } from '../http/index.ts';
import type { Translate } from '../i18n/index.ts';
import { proposalHistory } from './history.ts';
import { noticeFor } from './notices.ts';
import { proposalPageView } from './page-view.ts';
import type { LoadedProposal } from './viewer.ts';

/** A form of the proposal page shown again, with what was typed and what is wrong (by field id). */
export interface PageForm {
  name: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface ProposalPageViewer {
  user: User | undefined;
  t: Translate;
  /** The form that was refused, for the section it belongs to. */
  form: PageForm | undefined;
  /** The page's query string: each paged section reads its own page number from it. */
  query: Record<string, unknown>;
}

/** A part of /propuestas/:id filled in by another feature (the review, the tracking). */
export type ProposalPageSection = PageSection<LoadedProposal, ProposalPageViewer>;

/** The state of one form for its section: what was typed and its errors, or a blank form. */
export function formState(form: PageForm | undefined, name: string) {
  // No errors is undefined, not {}: Handlebars counts an empty object as true.
  return form?.name === name
    ? { values: form.values, errors: Object.keys(form.errors).length ? form.errors : undefined }
    : { values: {} as Record<string, string>, errors: undefined };
}

export interface ProposalPage {
  /**
   * Renders /propuestas/:id as the viewer may see it. A refused form (`form`) goes back to its
   * section with what was typed; `errors` are the page's own (submitting). The caller sets the
   * status.
   */
  render(
    req: Request,
    res: Response,
    loaded: LoadedProposal,
    extra?: { form?: PageForm; errors?: Record<string, string> },
  ): Promise<void>;
}

export function proposalPage(db: Db, sections: readonly ProposalPageSection[]): ProposalPage {
  return {
    async render(req, res, loaded, extra = {}) {
      const [history, loadedSections] = await Promise.all([
        proposalHistory(db, loaded.proposal.id),
        loadSections(sections, loaded, {
          user: req.user,
          t: req.t,
          form: extra.form,
          query: req.query,
        }),
      ]);
      res.render('proposals/show', {
        pageTitle: loaded.proposal.title,
        metaDescription: loaded.proposal.summary,
        ...proposalPageView(loaded, history, req.t),
        notice: noticeFor(req),
        sections: loadedSections,
        // One summary at the top of the page names what is wrong in whichever form was sent.
        errors: extra.errors ?? extra.form?.errors,
      });
    },
  };
}
