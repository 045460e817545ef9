import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidRegion, normalizePhone } from './phone.js';

const e164 = (raw: string, region = 'US') => normalizePhone(raw, region).e164;

describe('normalizePhone', () => {
  it('reads one US number typed eight ways as the same E.164', () => {
    const typed = ['+1 (212) 555-0161', '212.555.0161', '+12125550161', '(212) 555-0161',
      '212 555 0161', '1-212-555-0161', '001 212 555 0161', '011 1 212 555 0161'];
    for (const raw of typed) assert.equal(e164(raw), '+12125550161', raw);
  });

  it('reads UK numbers on a US account written +44, 0044 and 011 44', () => {
    for (const raw of ['+44 20 7946 0018', '0044 20 7946 0018', '011 44 20 7946 0018']) {
      assert.equal(e164(raw), '+442079460018', raw);
    }
  });

  it('reads national numbers against the default region', () => {
    assert.equal(e164('020 7946 0018', 'GB'), '+442079460018');
    assert.equal(e164('07700 900123', 'GB'), '+447700900123');
    assert.equal(e164('030/1234567', 'DE'), '+49301234567');
  });

  it('splits an extension off and keeps it out of E.164', () => {
    for (const raw of ['212-555-0161 x123', '212-555-0161 ext. 123', '+12125550161;ext=123']) {
      const n = normalizePhone(raw, 'US');
      assert.equal(n.e164, '+12125550161', raw);
      assert.equal(n.extension, '123', raw);
    }
  });

  it('keeps the number as typed in raw', () => {
    assert.equal(normalizePhone(' 212.555.0161 ', 'US').raw, ' 212.555.0161 ');
  });

  it('gives null for withheld, empty and unreadable numbers', () => {
    for (const raw of ['', '  ', 'anonymous', 'Unknown', 'withheld', 'private', '12', 'abc',
      'call me maybe']) {
      assert.equal(e164(raw), null, JSON.stringify(raw));
    }
  });

  it('falls back to US for an unknown region instead of failing', () => {
    assert.equal(e164('212.555.0161', 'ZZ'), '+12125550161');
  });

  it('is fast enough to run on every search', () => {
    const started = performance.now();
    for (let i = 0; i < 2000; i++) {
      normalizePhone(`212-555-01${String(i % 100).padStart(2, '0')}`, 'US');
    }
    const micros = ((performance.now() - started) * 1000) / 2000;
    console.log(`normalizePhone: ${micros.toFixed(1)} µs per call`);
    assert.ok(micros < 1000);
  });
});

describe('isValidRegion', () => {
  it('accepts ISO country codes libphonenumber knows and refuses others', () => {
    assert.equal(isValidRegion('US'), true);
    assert.equal(isValidRegion('GB'), true);
    assert.equal(isValidRegion('XX'), false);
    assert.equal(isValidRegion('us'), false);
  });
});
