// The 17 UN Sustainable Development Goals, by number; their names are in the i18n catalogues
// under sdg.<number>.
export const sdgNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] as const;
export type SdgNumber = (typeof sdgNumbers)[number];

export function isSdgNumber(value: number): value is SdgNumber {
  return Number.isInteger(value) && value >= 1 && value <= 17;
}
