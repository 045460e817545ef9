import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertCanWrite, canRead, canSeeHistoryEntry, readableVisibilities, searchDepartment,
  type Viewer,
} from './access.js';
import { ForbiddenError } from './errors.js';

const makeViewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  accountId: 1, staffId: 2, name: 'Agent', departmentId: 3, admin: false, supervisor: false,
  ...overrides,
});

describe('access rules', () => {
  it('lets an agent read public and private messages but not supervisor ones', () => {
    assert.deepEqual(readableVisibilities(makeViewer()), ['public', 'private']);
    assert.equal(canRead(makeViewer(), 'supervisor'), false);
  });

  it('lets a supervisor read all three levels', () => {
    assert.deepEqual(readableVisibilities(makeViewer({ supervisor: true })),
      ['public', 'private', 'supervisor']);
  });

  it('does not give admins supervisor reading by being admins', () => {
    assert.equal(canRead(makeViewer({ admin: true }), 'supervisor'), false);
  });

  it('refuses a supervisor message from an agent', () => {
    assert.throws(() => assertCanWrite(makeViewer(), 'supervisor'), ForbiddenError);
    assert.doesNotThrow(() => assertCanWrite(makeViewer(), 'private'));
    assert.doesNotThrow(() => assertCanWrite(makeViewer({ supervisor: true }), 'supervisor'));
  });

  it('limits searches to the own department unless a supervisor asks for all', () => {
    assert.equal(searchDepartment(makeViewer(), false), 3);
    assert.equal(searchDepartment(makeViewer({ supervisor: true }), true), null);
    assert.throws(() => searchDepartment(makeViewer(), true), ForbiddenError);
  });

  it('hides history entries about supervisor messages from agents', () => {
    const entry = { messageId: 9, visibility: 'supervisor' };
    assert.equal(canSeeHistoryEntry(makeViewer(), entry), false);
    assert.equal(canSeeHistoryEntry(makeViewer({ supervisor: true }), entry), true);
    assert.equal(canSeeHistoryEntry(makeViewer(), { from: 'A', to: 'B' }), true);
  });
});
