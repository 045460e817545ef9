import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findSensitiveData, luhn } from './sensitive.js';

const kinds = (text: string) => findSensitiveData(text).map((w) => w.kind);

/** Asserts each text gives exactly `expected`, naming the text that did not. */
function expectKinds(texts: string[], expected: string[]) {
  for (const text of texts) assert.deepEqual(kinds(text), expected, text);
}

describe('findSensitiveData: card numbers', () => {
  it('warns about a Luhn-valid card number written in groups of four', () => {
    expectKinds(['my card is 4111 1111 1111 1111 thanks', 'Card: 2223 0000 4840 0011.'],
      ['card_number']);
  });

  it('warns about a card number written with dashes or without separators', () => {
    expectKinds(['5500-0000-0000-0004', 'number 4111111111111111, exp 12/25', '6011111111111117'],
      ['card_number']);
  });

  it('warns about an American Express number grouped 4-6-5', () => {
    expectKinds(['amex 3782 822463 10005'], ['card_number']);
  });

  it('warns about a card number followed straight by its expiry date or CVV', () => {
    expectKinds(['4111 1111 1111 1111 12/25', '4111 1111 1111 1111 123'], ['card_number']);
  });

  it('does not warn about a card-length number that fails Luhn', () => {
    expectKinds(['order 4111 1111 1111 1112', 'ref 4111111111111112'], []);
  });

  it('does not warn about a US phone number', () => {
    expectKinds(['call +1 212 555 0161', '1-212-555-0161', '(212) 555-0161', '212.555.0161'], []);
  });

  it('does not warn about international phone numbers', () => {
    expectKinds(['+44 20 7946 0018', '0044 20 7946 0018', '+49 30 12345678 90',
      '+44 7111 1111 1111 1111'], []);
  });

  it('does not warn about dates and times', () => {
    expectKinds(['on 2017-10-31 at 21:45', 'from 2017-10-31 2018-01-01', '2024 2025 2026'], []);
  });

  it('does not warn about a Luhn-valid 12-digit or 20-digit number', () => {
    expectKinds(['ref 411111111117', 'ref 41111111111111111115'], []);
  });

  it('does not warn about a Luhn-valid number no card starts with (0, 1, 7, 8, 9)', () => {
    expectKinds(['1111111111111117', '7111111111111114', '9111111111111110', '0111111111111119'],
      []);
  });

  it('does not warn about digits glued to letters, such as a reference or an IBAN', () => {
    expectKinds(['ORD4111111111111111', 'DE89370400440532013000', 'DE89 3704 0044 0532 0130 00'],
      []);
  });

  it('does not warn about a card number split by mixed separators', () => {
    expectKinds(['4111 1111-1111 1111'], []);
  });
});

describe('findSensitiveData: national ID numbers', () => {
  it('warns about a US social security number written with dashes', () => {
    expectKinds(['SSN 123-45-6789', 'it is 078-05-1120.'], ['national_id']);
  });

  it('warns about nine digits labelled as a social security number', () => {
    expectKinds(['SSN: 123456789', 'social security number 123 45 6789', 'ssn#123-45-6789'],
      ['national_id']);
  });

  it('does not warn about a social security number that is never issued', () => {
    expectKinds(['000-45-6789', '666-45-6789', '900-45-6789', '123-00-6789', '123-45-0000',
      'SSN: 000123456'], []);
  });

  it('does not warn about nine bare digits or a longer dashed number', () => {
    expectKinds(['order 123456789', '1-123-45-6789', '123-45-6789-01', '212-555-0161'], []);
  });

  it('warns about a UK National Insurance number with or without spaces', () => {
    expectKinds(['NI number AB 12 34 56 C', 'nino: JG103759A', 'ab123456d'], ['national_id']);
  });

  it('does not warn about a National Insurance lookalike with an unused prefix or suffix', () => {
    expectKinds(['BG 12 34 56 C', 'DA123456A', 'AO123456A', 'AB123456E', 'XAB123456C'], []);
  });

  it('warns about a Spanish DNI or NIE with its check letter', () => {
    expectKinds(['DNI 12345678Z', 'DNI 12345678-Z', 'NIE X1234567L'], ['national_id']);
  });

  it('does not warn about a Spanish DNI or NIE with a wrong check letter', () => {
    expectKinds(['DNI 12345678A', 'NIE X1234567T', 'size 12345678z'], []);
  });

  it('warns about an Italian codice fiscale with its check letter', () => {
    expectKinds(['CF RSSMRA85T10A562S', 'codice fiscale: mrtmtt25d09f205z'], ['national_id']);
  });

  it('does not warn about an Italian codice fiscale with a wrong check letter', () => {
    expectKinds(['CF RSSMRA85T10A562T'], []);
  });
});

describe('findSensitiveData: passwords', () => {
  it('warns about a password given after a colon or equals sign', () => {
    expectKinds(['password: Hunter2!', 'Password=letmein', 'pwd=abc123', 'pass: opensesame',
      'passcode: 7788', 'Username: ann\nPassword: "correct horse battery"'], ['password']);
  });

  it('warns about a password given after "is" when it looks like one', () => {
    expectKinds(['my password is sunshine99', "my password is 'sunshine'", 'the password is p@ss',
      'my new password is now Summer2024!', 'the password was 12345678'], ['password']);
  });

  it('warns about a PIN given with its digits', () => {
    expectKinds(['PIN: 4821', 'my PIN is 4821', 'PIN code: 123456', 'pin=0000'], ['password']);
  });

  it('warns about a password written in German, Spanish, French or Portuguese', () => {
    expectKinds(['Passwort: geheim', 'mein Passwort ist Geheim123', 'Kennwort: sommer',
      'contraseña: perro', 'mi contraseña es perro123', 'mot de passe : soleil',
      'mon mot de passe est soleil2024', 'senha: gato'], ['password']);
  });

  it('does not warn when a password is only mentioned', () => {
    expectKinds(['I forgot my password', 'please reset your password', 'password reset link',
      'my password is not working', 'your password is case-sensitive',
      'the password is 8-12 characters', 'Passwort vergessen', 'mot de passe oublié',
      'he gave me the pass yesterday'], []);
  });

  it('does not warn about an empty, masked or placeholder password', () => {
    expectKinds(['Password:', 'Password: ', 'Password: ********', 'password: •••',
      'Password: reset', 'password: N/A', 'Error: password: incorrect.'], []);
  });

  it('does not warn about a PIN that is only described', () => {
    expectKinds(['PIN codes are sent by post', 'the PIN is 4 digits', 'PIN: 12', 'PIN: none',
      'spin: 1234'], []);
  });

  it('does not take words that merely contain "pass" for a password', () => {
    expectKinds(['passport: X1234567', 'compass: north', 'passes: 3'], []);
  });
});

describe('findSensitiveData', () => {
  it('gives no warnings for an ordinary message', () => {
    expectKinds(['', 'Hello, my order 12345 arrived broken. Call me on +1 212 555 0161.'], []);
  });

  it('gives one warning per kind, in the order card, national ID, password', () => {
    const text = 'cards 4111 1111 1111 1111 and 5500 0000 0000 0004, SSN 123-45-6789, '
      + 'NI AB123456C, PIN: 4821, password: hunter22';
    assert.deepEqual(kinds(text), ['card_number', 'national_id', 'password']);
  });

  it('never repeats the value it found in the warning', () => {
    const text = 'card 4111 1111 1111 1111, SSN 123-45-6789, password: hunter22';
    const warnings = findSensitiveData(text);
    assert.equal(warnings.length, 3);
    for (const { message } of warnings) {
      assert.match(message, /^This message looks like it contains .+\.$/);
      for (const value of ['4111', '123', '6789', 'hunter']) assert.ok(!message.includes(value));
    }
  });

  it('scans 100,000-character messages in linear time', () => {
    const adversarial = {
      'digits and spaces':
        `${'1 '.repeat(25_000)}${'a'.repeat(25_000)}password${' '.repeat(24_996)}`,
      'four-digit groups': '4111 '.repeat(20_000),
      'one long digit run': '4'.repeat(100_000),
      'dashed digits': '123-45-'.repeat(14_286),
      'password cues': 'password is '.repeat(8_334),
      'cue then spaces': `password${' '.repeat(99_992)}`,
      'ssn label then spaces': `SSN${' '.repeat(99_997)}`,
      'id-like letters': 'ABCDEF12'.repeat(12_500),
      'national insurance': 'AB 12 34 56 '.repeat(8_334),
    };
    for (const [name, text] of Object.entries(adversarial)) {
      const started = performance.now();
      findSensitiveData(text);
      const ms = performance.now() - started;
      console.log(`findSensitiveData, ${name} (${text.length} chars): ${ms.toFixed(1)} ms`);
      assert.ok(ms < 1000, name);
    }
  });
});

describe('luhn', () => {
  it('accepts a number whose check digit is right and refuses one whose is not', () => {
    assert.equal(luhn('79927398713'), true);
    assert.equal(luhn('79927398710'), false);
  });
});
