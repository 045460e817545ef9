import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changeCase } from '../../domain/case-changes.js';
import { caseHistory, listCases, openCase, readCase } from '../../domain/cases.js';
import {
  caseParams, casePatch, caseQuery, caseSchema, caseSummarySchema, historySchema, newCaseBody,
} from '../schemas/cases.js';
import { listOf } from '../schemas/common.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';

export async function caseRoutes(base: FastifyInstance, { store }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, dialect } = store;
  const tags = ['Cases'];

  app.post('/cases', {
    schema: { tags, body: newCaseBody, response: { 201: caseSchema } },
  }, async (req, reply) => {
    const opened = await openCase(db, viewerOf(req), req.body);
    req.log.info({ caseNo: opened.caseNo, departmentId: opened.department.id }, 'case opened');
    return reply.code(201).send(opened);
  });

  app.get('/cases', {
    schema: { tags, querystring: caseQuery, response: { 200: listOf(caseSummarySchema) } },
  }, async (req) => listCases(db, dialect, viewerOf(req), req.query));

  app.get('/cases/:caseNo', {
    schema: { tags, params: caseParams, response: { 200: caseSchema } },
  }, async (req) => readCase(db, viewerOf(req), req.params.caseNo));

  app.patch('/cases/:caseNo', {
    schema: { tags, params: caseParams, body: casePatch, response: { 200: caseSchema } },
  }, async (req) => {
    const changed = await changeCase(db, viewerOf(req), req.params.caseNo, req.body);
    req.log.info({ caseNo: changed.caseNo, changed: Object.keys(req.body) }, 'case changed');
    return changed;
  });

  app.get('/cases/:caseNo/history', {
    schema: { tags, params: caseParams, response: { 200: historySchema } },
  }, async (req) => ({ items: await caseHistory(db, viewerOf(req), req.params.caseNo) }));
}
