import array from './array.ts';
import asset from './asset.ts';
import concat from './concat.ts';
import csrfField from './csrf-field.ts';
import eq from './eq.ts';
import fieldAria from './field-aria.ts';
import formatDate from './format-date.ts';
import formatDateTime from './format-date-time.ts';
import formatMoney from './format-money.ts';
import markdown from './markdown.ts';
import t from './t.ts';

export const helpers = {
  array,
  asset,
  concat,
  csrfField,
  eq,
  fieldAria,
  formatDate,
  formatDateTime,
  formatMoney,
  markdown,
  t,
};
