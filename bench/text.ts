/**
 * Case subjects and message bodies made of help-desk vocabulary, so the FTS5
 * indexes the seeder fills have a realistic number of distinct terms and posting
 * lists of realistic length (a handful of very common words, a long tail).
 */
import { pick } from './data.js';

const TOPICS = ['Refund', 'Delivery', 'Invoice', 'Login problem', 'Damaged item', 'Warranty',
  'Order change', 'Missing part', 'Subscription', 'Address change', 'Payment failed',
  'Return label', 'Price question', 'Account locked', 'Late delivery', 'Wrong size'] as const;

const OBJECTS = ['order', 'invoice', 'parcel', 'contract', 'ticket', 'booking'] as const;

const COMMON = ['the', 'and', 'to', 'a', 'of', 'is', 'for', 'on', 'it', 'my', 'we', 'you',
  'please', 'thanks', 'with', 'this', 'that', 'have', 'not', 'was'] as const;

const WORDS = ['order', 'delivery', 'parcel', 'refund', 'invoice', 'payment', 'card', 'bank',
  'transfer', 'account', 'password', 'login', 'email', 'address', 'street', 'city', 'courier',
  'tracking', 'number', 'warehouse', 'return', 'label', 'damaged', 'broken', 'missing', 'part',
  'screw', 'manual', 'warranty', 'repair', 'replacement', 'exchange', 'size', 'colour', 'blue',
  'black', 'small', 'large', 'discount', 'voucher', 'code', 'price', 'charged', 'twice',
  'subscription', 'cancel', 'renewal', 'monthly', 'yearly', 'plan', 'upgrade', 'downgrade',
  'shipping', 'express', 'standard', 'weekend', 'monday', 'friday', 'morning', 'afternoon',
  'customer', 'called', 'again', 'waiting', 'since', 'week', 'days', 'yesterday', 'today',
  'tomorrow', 'urgent', 'asap', 'manager', 'supervisor', 'escalate', 'promised', 'callback',
  'confirmed', 'checked', 'system', 'shows', 'status', 'pending', 'shipped', 'delivered',
  'returned', 'received', 'credit', 'note', 'issued', 'receipt', 'copy', 'pdf', 'attached',
  'photo', 'picture', 'box', 'packaging', 'opened', 'sealed', 'serial', 'model', 'version',
  'firmware', 'update', 'app', 'website', 'error', 'message', 'screen', 'button', 'form',
  'phone', 'mobile', 'office', 'store', 'branch', 'pickup', 'point', 'locker', 'neighbour',
  'signed', 'signature', 'proof', 'claim', 'insurance', 'compensation', 'goodwill', 'gesture',
  'apologised', 'explained', 'policy', 'terms', 'conditions', 'deadline', 'extended', 'fee',
  'waived', 'late', 'early', 'quality', 'complaint', 'feedback', 'satisfied', 'unhappy',
  'angry', 'polite', 'resolved', 'reopened', 'duplicate', 'merged', 'forwarded', 'billing',
  'sales', 'support', 'returns', 'team', 'colleague', 'handover', 'shift', 'notes', 'internal',
  'vip', 'loyal', 'new', 'first', 'second', 'third', 'reminder', 'overdue', 'balance',
  'statement', 'tax', 'vat', 'company', 'name', 'changed', 'moved', 'abroad', 'customs',
  'duty', 'import', 'export', 'pallet', 'freight', 'carrier', 'route', 'delay', 'strike',
  'weather', 'holiday', 'closed', 'open', 'hours', 'schedule', 'appointment', 'technician',
  'visit', 'install', 'setup', 'configure', 'reset', 'restart', 'works', 'fine', 'now'] as const;

export function subject(rand: () => number, caseNo: number): string {
  return `${pick(TOPICS, rand)} for ${pick(OBJECTS, rand)} ${10_000 + (caseNo * 7919) % 90_000}`;
}

/** 12 to 60 words: mostly vocabulary, a third function words, as people write. */
export function messageBody(rand: () => number): string {
  const count = 12 + Math.floor(rand() * 49);
  const words: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    words[i] = rand() < 0.33 ? pick(COMMON, rand) : pick(WORDS, rand);
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
