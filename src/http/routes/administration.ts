import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountSettings, changeAccount } from '../../domain/accounts.js';
import { addDepartment, changeDepartment, departmentsOf } from '../../domain/departments.js';
import { addStaff, changeStaff, staffOf } from '../../domain/staff.js';
import {
  accountPatch, accountSchema, departmentBody, departmentList, newStaffBody, staffPatch,
} from '../schemas/accounts.js';
import { departmentRef, idNumber, staffSchema } from '../schemas/common.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';

const idParams = z.object({ id: idNumber });

export async function administrationRoutes(
  base: FastifyInstance, { store, config }: RouteContext,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Administration'];

  app.get('/departments', { schema: { tags, response: { 200: departmentList } } },
    async (req) => ({ items: await departmentsOf(db, viewerOf(req)) }));

  app.post('/departments', {
    schema: { tags, body: departmentBody, response: { 201: departmentRef } },
  }, async (req, reply) => {
    const department = await addDepartment(db, viewerOf(req), req.body.name);
    req.log.info({ departmentId: department.id }, 'department added');
    return reply.code(201).send(department);
  });

  app.patch('/departments/:id', {
    schema: { tags, params: idParams, body: departmentBody, response: { 200: departmentRef } },
  }, async (req) => changeDepartment(db, viewerOf(req), req.params.id, req.body.name));

  app.get('/staff', {
    schema: { tags, response: { 200: z.object({ items: z.array(staffSchema) }) } },
  }, async (req) => ({ items: await staffOf(db, viewerOf(req)) }));

  app.post('/staff', {
    schema: { tags, body: newStaffBody, response: { 201: staffSchema } },
  }, async (req, reply) => {
    const staff = await addStaff(db, viewerOf(req), req.body);
    req.log.info({ staffId: staff.id }, 'staff added');
    return reply.code(201).send(staff);
  });

  app.patch('/staff/:id', {
    schema: { tags, params: idParams, body: staffPatch, response: { 200: staffSchema } },
  }, async (req) => {
    const viewer = viewerOf(req);
    const staff = await changeStaff(db, viewer, req.params.id, req.body);
    req.log.info({ staffId: staff.id, changed: Object.keys(req.body) }, 'staff changed');
    if (req.body.password !== undefined) {
      req.log.info({ accountId: viewer.accountId, staffId: staff.id, by: viewer.staffId },
        'password reset by admin');
    }
    return staff;
  });

  app.get('/account', { schema: { tags, response: { 200: accountSchema } } },
    async (req) => accountSettings(db, viewerOf(req)));

  app.patch('/account', {
    schema: { tags, body: accountPatch, response: { 200: accountSchema } },
  }, async (req) => changeAccount(db, viewerOf(req), req.body, config.mail.senderDomains));
}
