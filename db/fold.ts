/** Case- and accent-folded text for matching names: "José  Ñúñez" -> "jose nunez". */
export const foldText = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[łŁ]/g, 'l')
    .replace(/\s+/g, ' ')
    .trim();

/** The duplicate-check key for a person's name. */
export const nameKeyOf = (firstName: string, lastName: string): string => `${foldText(firstName)}|${foldText(lastName)}`;

/** Searchable parts of a name: each word, and each multi-word name joined ("o'brien" -> "o", "brien", "obrien"). */
export const namePartsOf = (...names: string[]): string[] => {
  const parts = new Set<string>();
  for (const name of names) {
    const folded = foldText(name);
    const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const w of words) parts.add(w);
    if (words.length > 1) parts.add(words.join(''));
  }
  return [...parts];
};

/** The digits of a phone number, for matching however it was typed. */
export const phoneDigitsOf = (phone: string | null | undefined): string | null => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length > 0 ? digits : null;
};

export const reversed = (s: string | null): string | null => (s === null ? null : [...s].reverse().join(''));
