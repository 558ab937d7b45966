// Small pieces that know nothing of Retos' features.
export { neutraliseCell, writeCsv, type CsvCell } from './csv.ts';
export { renderMarkdown } from './markdown.ts';
export { centavosAsDecimal, formatCentavos, parsePesos } from './money.ts';
export { placeName, type Place } from './place.ts';
export { slugify } from './slugify.ts';
export { httpUrl, isHttpUrl, urlWithProtocols } from './urls.ts';
export { isUuid } from './uuid.ts';
export { pagerLinks, pageWindow, requestedPage, type PageWindow, type Pager } from './paging.ts';
export { EARLIEST_DATE, LATEST_DATE, dayInMexico, isCalendarDate, isIsoInstant } from './dates.ts';
export { MAX_MARKDOWN_NESTING, isTooNestedForMarkdown } from './markdown-limits.ts';
export {
  MAX_INPUT_DEPTH,
  TooDeepInputError,
  hasUnstorableText,
  storableText,
  storableValues,
} from './storable-text.ts';
export { projectPath, projectRoot } from './project-root.ts';
