/**
 * Check digits for the identifiers the shipping world uses. Each function follows its standard so the
 * generated data passes the same validation a terminal operating system or a port authority applies.
 */

const ISO6346_LETTER_VALUES: Record<string, number> = (() => {
  // ISO 6346 skips multiples of 11 when numbering the letters: A=10, B=12 ... K=21, L=23 ...
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
    if (value % 11 === 0) value++;
    values[letter] = value++;
  }
  return values;
})();

/** ISO 6346 check digit for the first 10 characters (owner code, category, serial). */
export function iso6346CheckDigit(first10: string): number {
  if (!/^[A-Z]{3}[UJZ][0-9]{6}$/.test(first10)) throw new RangeError(`not an ISO 6346 prefix: ${first10}`);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : ISO6346_LETTER_VALUES[ch]!;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function isValidContainerNumber(containerNumber: string): boolean {
  if (!/^[A-Z]{3}[UJZ][0-9]{7}$/.test(containerNumber)) return false;
  return iso6346CheckDigit(containerNumber.slice(0, 10)) === Number(containerNumber[10]);
}

export function containerNumber(ownerPrefix: string, serial: number): string {
  const first10 = `${ownerPrefix}${String(serial).padStart(6, "0")}`;
  return `${first10}${iso6346CheckDigit(first10)}`;
}

/** IMO ship identification number: 6 digits weighted 7..2, check digit = last digit of the sum. */
export function imoCheckDigit(first6: string): number {
  if (!/^[0-9]{6}$/.test(first6)) throw new RangeError(`not an IMO prefix: ${first6}`);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(first6[i]) * (7 - i);
  return sum % 10;
}

export function isValidImoNumber(imo: string): boolean {
  const digits = imo.replace(/^IMO\s?/, "");
  if (!/^[0-9]{7}$/.test(digits)) return false;
  return imoCheckDigit(digits.slice(0, 6)) === Number(digits[6]);
}

export function imoNumber(first6: string): string {
  return `${first6}${imoCheckDigit(first6)}`;
}

/** UN/LOCODE: two-letter ISO 3166 country code + three characters (letters or digits 2-9). */
export function isUnLocode(code: string): boolean {
  return /^[A-Z]{2}[A-Z2-9]{3}$/.test(code);
}
