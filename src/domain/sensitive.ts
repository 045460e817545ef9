/**
 * Warnings for text that looks like it holds sensitive data (PRODUCT.md rule 9).
 * Caseline warns; it does not block. Each check is a linear scan, safe on a
 * 100,000-character message, and a warning never repeats the value it found.
 */
export type SensitiveKind = 'card_number' | 'national_id' | 'password';

export interface SensitiveWarning {
  kind: SensitiveKind;
  message: string;
}

const MESSAGES: Record<SensitiveKind, string> = {
  card_number: 'This message looks like it contains a payment card number.',
  national_id: 'This message looks like it contains a national ID number.',
  password: 'This message looks like it contains a password or PIN.',
};

export function findSensitiveData(text: string): SensitiveWarning[] {
  const kinds: SensitiveKind[] = [];
  if (hasCardNumber(text)) kinds.push('card_number');
  if (hasNationalId(text)) kinds.push('national_id');
  if (hasPassword(text)) kinds.push('password');
  return kinds.map((kind) => ({ kind, message: MESSAGES[kind] }));
}

/** 13–19 digits, optionally grouped by single spaces or dashes, passing Luhn. */
function hasCardNumber(text: string): boolean {
  for (const match of text.matchAll(/(?<![\d+])\d(?:[ -]?\d){12,18}(?!\d)/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (/^[2-6]/.test(digits) && luhn(digits)) return true;
  }
  return false;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function hasNationalId(text: string): boolean {
  for (const m of text.matchAll(/(?<!\d)(\d{3})-(\d{2})-(\d{4})(?!\d)/g)) {
    const [, area, group, serial] = m;
    if (area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00'
      && serial !== '0000') return true;
  }
  // UK National Insurance number: two prefix letters (some never issued), six digits, A–D.
  const nino = new RegExp(String.raw`\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z]`
    + String.raw`[A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`, 'i');
  if (nino.test(text)) return true;
  // Spanish DNI: eight digits and the check letter they determine.
  for (const m of text.matchAll(/\b(\d{8})-?([A-Z])\b/gi)) {
    if ('TRWAGMYFPDXBNJZSQVHLCKE'[Number(m[1]) % 23] === m[2]!.toUpperCase()) return true;
  }
  return false;
}

/** A password word followed by a value ("password: x", "my PIN is 1234"), not a mere mention. */
function hasPassword(text: string): boolean {
  const label = String.raw`(?:password|passwort|passcode|contraseña|mot de passe|pwd|pass|pin)`;
  const pattern = new RegExp(
    String.raw`\b${label}\s*(?:[:=]|\bis\b|\bist\b|\bes\b|\best\b)\s*["'“]?[^\s"'”]{3,}`, 'iu');
  return pattern.test(text);
}
