/** Customers (API.md "Customers"). */
import { request, withQuery } from './client';
import type { Customer, CustomerInput, Page } from './types';

/** Exactly one of phone, email or q: the server matches by whichever is given. */
export type CustomerLookup = { phone: string } | { email: string } | { q: string };

export function findCustomers(
  lookup: CustomerLookup, signal?: AbortSignal,
): Promise<Page<Customer>> {
  return request('GET', withQuery('/customers', { ...lookup }), signal ? { signal } : {});
}

export function getCustomer(customerNo: number, signal?: AbortSignal): Promise<Customer> {
  return request('GET', `/customers/${customerNo}`, signal ? { signal } : {});
}

export function updateCustomer(customerNo: number, input: CustomerInput): Promise<Customer> {
  return request('PATCH', `/customers/${customerNo}`, { body: input });
}
