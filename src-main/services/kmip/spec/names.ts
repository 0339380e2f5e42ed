/**
 * Turns a KMIP spec name ("Create Key Pair", "PKCS#1", "3DES") into the form the KMIP XML and
 * JSON encodings use ("CreateKeyPair", "PKCS_1", "DES3"), following the steps of the KMIP
 * Profiles "Normalizing Names" section.
 */
export function normalizeName(specName: string): string {
  const bracketsAsSpaces = specName.replace(/[()]/g, ' ');
  // A separator right before a capitalised or lower-case word ("Re-key", "MAC/sign") splits words.
  const wordBreaks = bracketsAsSpaces.replace(/[^A-Za-z0-9_](?=[A-Za-z][a-z])/g, ' ');
  const wordChars = wordBreaks.replace(/[^A-Za-z0-9_ ]/g, '_');
  const words = wordChars.split(' ');
  const [first = '', ...rest] = words;
  // XML names cannot start with a digit, so leading digits move to the end of the first word.
  const firstWord = first.replace(/^(\d+)(.*)$/, '$2$1');
  return [firstWord, ...rest].map(capitalize).join('');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
