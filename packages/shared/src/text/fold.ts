/**
 * Search folding: turns a name in Latin or Cyrillic script into one loose Latin key, so that
 * "Kyrgyz", "Кыргыз" and "Kirgiz" meet, and "Tajikistan" meets "Таджикистан" ("tadzh" → "taj").
 * Used both when storing area search keys and when folding a query; keep the two in step by
 * always calling this function.
 */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh, Kyrgyz, Tajik, Uzbek and Turkmen letters, so national spellings fold too.
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ҳ: 'h',
  ҷ: 'j',
  ӣ: 'i',
  ӯ: 'u',
  ў: 'u',
};

/** Spelling variants between transliteration schemes, applied after transliteration. */
const LATIN_VARIANTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/dzh|dj|zh/g, 'j'],
  [/kh/g, 'h'],
  [/ts/g, 'c'],
  [/yu/g, 'u'],
  [/ya/g, 'a'],
  [/iy|yi|ii/g, 'i'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
];

export function searchFold(input: string): string {
  const lower = input.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const ch of lower) {
    const mapped = CYRILLIC_TO_LATIN[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else out += ' ';
  }
  for (const [pattern, replacement] of LATIN_VARIANTS) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}
