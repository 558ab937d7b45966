import type { HelperOptions } from 'handlebars';
import { formatCentavos } from '../../lib/index.ts';

/** `{{formatMoney centavos}}`: integer centavos as pesos in the visitor's language. */
export default function formatMoney(centavos: unknown, options: HelperOptions): string {
  if (typeof centavos !== 'number' || !Number.isSafeInteger(centavos)) return '';
  return formatCentavos(centavos, options.data?.root?.lang === 'en' ? 'en' : 'es');
}
