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

  it('reads a UK number on a US account written +44, 0044 and 011 44', () => {
    for (const raw of ['+44 20 7946 0018', '0044 20 7946 0018', '011 44 20 7946 0018',
      '00 44 20 7946 0018', '+44 (0)20 7946 0018']) {
      assert.equal(e164(raw), '+442079460018', raw);
    }
  });

  it('reads national numbers against the default region, fictional ranges included', () => {
    assert.equal(e164('020 7946 0018', 'GB'), '+442079460018');
    assert.equal(e164('07700 900123', 'GB'), '+447700900123');
    assert.equal(e164('212-555-0199', 'US'), '+12125550199');
  });

  it('reads a German number typed with a slash', () => {
    assert.equal(e164('030/1234567', 'DE'), '+49301234567');
  });

  it('reads 00 as the international prefix where the region dials 00 itself', () => {
    assert.equal(e164('0044 20 7946 0018', 'GB'), '+442079460018');
    assert.equal(e164('0044 20 7946 0018', 'DE'), '+442079460018');
    assert.equal(e164('001 212 555 0161', 'DE'), '+12125550161');
  });

  it('leaves a longer 00… international prefix to the region (Australia dials 0011)', () => {
    assert.equal(e164('0011 44 20 7946 0018', 'AU'), '+442079460018');
    assert.equal(e164('0044 20 7946 0018', 'AU'), '+442079460018');
  });

  it('splits an extension off and keeps it out of E.164', () => {
    const written = ['212-555-0161 x123', '212-555-0161 x 123', '212-555-0161 ext. 123',
      '212-555-0161 ext 123', '212-555-0161 extension 123', '+12125550161;ext=123',
      '212-555-0161 #123', '(212) 555-0161#123', '212.555.0161, ext. 123'];
    for (const raw of written) {
      assert.deepEqual(normalizePhone(raw, 'US'), { raw, e164: '+12125550161', extension: '123' });
    }
    const uk = normalizePhone('+44 20 7946 0018 ext. 42', 'US');
    assert.deepEqual([uk.e164, uk.extension], ['+442079460018', '42']);
  });

  it('reads digits typed in other scripts, extension included', () => {
    assert.deepEqual(normalizePhone('٢١٢٥٥٥٠١٦١ x ١٢٣', 'US'),
      { raw: '٢١٢٥٥٥٠١٦١ x ١٢٣', e164: '+12125550161', extension: '123' });
    assert.equal(e164('２１２－５５５－０１６１'), '+12125550161');
  });

  it('reads Canadian numbers on a Canadian account and US numbers from it', () => {
    assert.equal(e164('(416) 555-0123', 'CA'), '+14165550123');
    assert.equal(e164('+1-212-555-0161', 'CA'), '+12125550161');
    assert.equal(e164('011 44 20 7946 0018', 'CA'), '+442079460018');
  });

  it('gives no extension when none is written', () => {
    assert.equal(normalizePhone('212-555-0161', 'US').extension, null);
  });

  it('keeps the number as typed in raw', () => {
    assert.equal(normalizePhone(' 212.555.0161 ', 'US').raw, ' 212.555.0161 ');
    assert.equal(normalizePhone('anonymous', 'US').raw, 'anonymous');
  });

  it('gives null for withheld and empty numbers', () => {
    for (const raw of ['', '   ', 'anonymous', 'Anonymous', 'UNKNOWN', 'withheld', 'private',
      'Restricted', ' unavailable ', 'sip:anonymous@anonymous.invalid']) {
      assert.deepEqual(normalizePhone(raw, 'US'), { raw, e164: null, extension: null }, raw);
    }
  });

  it('gives null for fewer than three digits', () => {
    for (const raw of ['1', '12', '+1', '+4', '(0)', '1-2']) assert.equal(e164(raw), null, raw);
  });

  it('gives null for letters-only and other garbage', () => {
    for (const raw of ['abc', 'call me maybe', 'ABC-DEF-GHIJ', '!!!', 'n/a', '---', '1-800-FLOWERS',
      'x123']) {
      assert.equal(e164(raw), null, raw);
    }
  });

  it('gives null for numbers too short or too long to exist', () => {
    for (const raw of ['555-0161', '+1 212 555 01', '2125550161999', '+44 20 79', '12345']) {
      assert.equal(e164(raw), null, raw);
    }
    assert.equal(e164(`+1 212 555 0161 ${'9'.repeat(300)}`), null);
  });

  it('reads the region case-insensitively', () => {
    assert.equal(e164('020 7946 0018', 'gb'), '+442079460018');
  });

  it('reads only international numbers when the region is unknown', () => {
    assert.equal(e164('+44 20 7946 0018', 'ZZ'), '+442079460018');
    assert.equal(e164('0044 20 7946 0018', ''), '+442079460018');
    assert.equal(e164('212.555.0161', 'ZZ'), null);
  });

  it('logs how long a call takes (no timing assertion)', () => {
    const typed = ['+1 (212) 555-0161', '212.555.0161', '+12125550161', '1-212-555-0161',
      '011 44 20 7946 0018', '0044 20 7946 0018', '212-555-0161 x123', 'anonymous'];
    // CPU time as well as wall time: on a busy machine wall time mostly measures the queue.
    const run = (calls: number) => {
      const [wall, cpu] = [performance.now(), process.cpuUsage()];
      for (let i = 0; i < calls; i++) normalizePhone(typed[i % typed.length]!, 'US');
      const { user, system } = process.cpuUsage(cpu);
      return { wall: ((performance.now() - wall) * 1000) / calls, cpu: (user + system) / calls };
    };
    run(5_000);
    const runs = [run(20_000), run(20_000), run(20_000)];
    const best = (key: 'wall' | 'cpu') => Math.min(...runs.map((r) => r[key])).toFixed(1);
    console.log(`normalizePhone: ${best('wall')} µs wall, ${best('cpu')} µs CPU per call `
      + '(best of 3 × 20,000)');
  });
});

describe('isValidRegion', () => {
  it('accepts ISO country codes libphonenumber knows', () => {
    for (const code of ['US', 'GB', 'DE', 'AU', 'CA', 'JE']) {
      assert.equal(isValidRegion(code), true, code);
    }
  });

  it('refuses unknown, lower-case and malformed codes', () => {
    for (const code of ['XX', 'ZZ', 'UK', 'us', 'USA', 'U', '', '001', ' US']) {
      assert.equal(isValidRegion(code), false, JSON.stringify(code));
    }
  });
});
