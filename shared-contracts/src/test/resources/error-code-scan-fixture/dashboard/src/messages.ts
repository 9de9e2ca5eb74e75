const CODES: Record<string, Explanation> = {
  KEY_MISSING: { sentence: 'A message for a code that was renamed.' },
  UNAUTHORIZED: { sentence: 'Your sign-in is missing or has expired.' },
};
const AGAIN: Record<string, Explanation> = {
  UNAUTHORIZED: { sentence: 'The same code a second time.' },
  FORBIDDEN: { sentence: 'You may not do this.' },
};
