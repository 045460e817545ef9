import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addCustomer, changeCustomer, findCustomers, getCustomer,
} from '../../domain/customers.js';
import {
  customerBody, customerParams, customerQuery, customerSchema,
} from '../schemas/customers.js';
import { listOf } from '../schemas/common.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';

export async function customerRoutes(base: FastifyInstance, { store }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Customers'];

  app.post('/customers', {
    schema: { tags, body: customerBody, response: { 201: customerSchema } },
  }, async (req, reply) => {
    const customer = await addCustomer(db, viewerOf(req), req.body);
    req.log.info({ customerNo: customer.customerNo }, 'customer created');
    return reply.code(201).send(customer);
  });

  app.get('/customers', {
    schema: { tags, querystring: customerQuery, response: { 200: listOf(customerSchema) } },
  }, async (req) => ({
    items: await findCustomers(db, viewerOf(req), req.query), nextCursor: null,
  }));

  app.get('/customers/:customerNo', {
    schema: { tags, params: customerParams, response: { 200: customerSchema } },
  }, async (req) => getCustomer(db, viewerOf(req), req.params.customerNo));

  app.patch('/customers/:customerNo', {
    schema: { tags, params: customerParams, body: customerBody, response: { 200: customerSchema } },
  }, async (req) => changeCustomer(db, viewerOf(req), req.params.customerNo, req.body));
}
