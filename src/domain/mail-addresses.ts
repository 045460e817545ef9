/**
 * The addresses and ids that tie mail to cases. Each case that has mailed a
 * customer has a reply address `LOCAL+SLUG.TOKEN@DOMAIN`: the account's slug
 * and a random token, so a reply finds its case whatever its subject says, and
 * no one can write into a case by guessing its number. `LOCAL+SLUG@DOMAIN`
 * reaches the account itself (its mail goes to triage).
 */
import { randomBytes } from 'node:crypto';
import type { MailConfig } from '../config.js';

const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 20 characters of a 32-letter alphabet: 100 bits, lower case to survive mail software. */
export function newReplyToken(): string {
  return [...randomBytes(20)].map((b) => TOKEN_ALPHABET[b % 32]).join('');
}

export function replyAddress(mail: MailConfig, slug: string, token: string): string {
  const { local, domain } = mail.replyAddress;
  return `${local}+${slug}.${token}@${domain}`;
}

/** What a recipient address says about where its mail belongs; null when it is not ours. */
export function readReplyAddress(
  mail: MailConfig, address: string,
): { slug: string; token: string | null } | null {
  const { local, domain } = mail.replyAddress;
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  const localPart = address.slice(0, at).toLowerCase();
  const prefix = `${local.toLowerCase()}+`;
  if (!localPart.startsWith(prefix)) return null;
  const tag = localPart.slice(prefix.length);
  const dot = tag.indexOf('.');
  const slug = dot < 0 ? tag : tag.slice(0, dot);
  const token = dot < 0 ? null : tag.slice(dot + 1);
  if (!/^[a-z0-9-]{2,60}$/.test(slug) || (token !== null && !/^[a-z0-9]{10,40}$/.test(token))) {
    return null;
  }
  return { slug, token };
}

/** A Message-ID for one outbox row, without angle brackets; fixed when the row is written. */
export function newMessageId(mail: MailConfig): string {
  return `${randomBytes(12).toString('hex')}.caseline@${mail.replyAddress.domain}`;
}
