import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findSensitiveData, luhn } from './sensitive.js';

const kinds = (text: string) => findSensitiveData(text).map((w) => w.kind);

describe('findSensitiveData', () => {
  it('warns about a Luhn-valid card number written in groups of four', () => {
    assert.deepEqual(kinds('my card is 4111 1111 1111 1111 thanks'), ['card_number']);
    assert.deepEqual(kinds('5500-0000-0000-0004'), ['card_number']);
    assert.deepEqual(kinds('4111111111111111'), ['card_number']);
  });

  it('does not warn about numbers that fail Luhn, phones, dates or short ids', () => {
    assert.deepEqual(kinds('order 4111 1111 1111 1112'), []);
    assert.deepEqual(kinds('call +1 212 555 0161 or 020 7946 0018'), []);
    assert.deepEqual(kinds('on 2017-10-31 at 21:45'), []);
    assert.deepEqual(kinds('ref 123456789012'), []);
  });

  it('warns about a US social security number but not an invalid one', () => {
    assert.deepEqual(kinds('SSN 123-45-6789'), ['national_id']);
    assert.deepEqual(kinds('SSN 000-45-6789'), []);
    assert.deepEqual(kinds('SSN 666-45-6789'), []);
  });

  it('warns about a UK National Insurance number and a Spanish DNI', () => {
    assert.deepEqual(kinds('NI number AB 12 34 56 C'), ['national_id']);
    assert.deepEqual(kinds('DNI 12345678Z'), ['national_id']);
    assert.deepEqual(kinds('DNI 12345678A'), [], 'wrong check letter');
  });

  it('warns about a password given with its value', () => {
    for (const text of ['password: Hunter2!', 'my password is sunshine99', 'pwd=abc123',
      'PIN: 4821', 'Passwort: geheim123', 'mot de passe : soleil']) {
      assert.deepEqual(kinds(text), ['password'], text);
    }
  });

  it('does not warn when a password is only mentioned', () => {
    for (const text of ['I forgot my password', 'please reset your password',
      'the password reset link expired', 'PIN codes are sent by post']) {
      assert.deepEqual(kinds(text), [], text);
    }
  });

  it('never repeats the value it found in the warning', () => {
    const [warning] = findSensitiveData('card 4111 1111 1111 1111');
    assert.ok(warning && !warning.message.includes('4111'));
  });

  it('scans a 100,000-character message in linear time', () => {
    const text = `${'1 '.repeat(25_000)}${'a'.repeat(25_000)}password${' '.repeat(25_000)}`;
    const started = performance.now();
    findSensitiveData(text);
    const ms = performance.now() - started;
    console.log(`findSensitiveData on 100,000 characters: ${ms.toFixed(1)} ms`);
    assert.ok(ms < 1000);
  });
});

describe('luhn', () => {
  it('checks the Luhn digit', () => {
    assert.equal(luhn('79927398713'), true);
    assert.equal(luhn('79927398710'), false);
  });
});
