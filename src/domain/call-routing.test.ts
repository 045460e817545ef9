/** How a route's value is compared, and whom a call rings for. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { audienceOf, routeValueKey } from './call-routing.js';
import { readAudience, writeAudience } from './calls.js';
import type { RouteKey } from '../storage/call-routes.js';

const route = (field: RouteKey['field'], value: string, target: { d?: number; s?: number }) => ({
  field, value_key: routeValueKey(field, value, 'US'),
  department_id: target.d ?? null, staff_id: target.s ?? null,
});

describe('call routing', () => {
  it('compares numbers called as E.164, names without case, other text as typed', () => {
    assert.equal(routeValueKey('to', '(212) 555-0100', 'US'), '+12125550100');
    assert.equal(routeValueKey('to', '+1 212 555 0100', 'US'), '+12125550100');
    assert.equal(routeValueKey('to', 'Reception', 'US'), 'reception');
    for (const short of ['555-0100', '555 0100', '(555) 0100', '5550100']) {
      assert.equal(routeValueKey('to', short, 'US'), '5550100', short);
    }
    assert.equal(routeValueKey('queue', ' Sales ', 'US'), 'sales');
    assert.equal(routeValueKey('user', 'NINA', 'US'), 'nina');
  });

  it('rings for everyone without routes or without a match', () => {
    const call = { to: '+12125550100', queue: 'sales', users: ['nina'] };
    assert.equal(audienceOf([], call, 'US'), null);
    assert.equal(audienceOf([route('queue', 'billing', { d: 1 })], call, 'US'), null);
  });

  it('rings for every department and person a matching route names, once each', () => {
    const routes = [route('to', '212-555-0100', { d: 2 }), route('queue', 'SALES', { d: 2 }),
      route('user', 'Nina', { s: 9 }), route('user', 'Otto', { s: 7 }),
      route('queue', 'billing', { d: 5 })];
    const audience = audienceOf(routes,
      { to: '+1 212 555 0100', queue: 'Sales', users: ['nina', 'Someone'] }, 'US');
    assert.deepEqual(audience, { departments: [2], staff: [9] });
    assert.deepEqual(readAudience(writeAudience(audience)), audience);
    assert.equal(writeAudience(audience), ',d:2,s:9,');
    assert.equal(readAudience(writeAudience(null)), null);
  });
});
