/** Administration: departments, staff and the account (API.md "Administration"). */
import { request } from './client';
import type { Account, DepartmentRef, Page, Staff } from './types';

export async function listDepartments(signal?: AbortSignal): Promise<DepartmentRef[]> {
  const page = await request<Page<DepartmentRef>>('GET', '/departments',
    signal ? { signal } : {});
  return page.items;
}

export function addDepartment(name: string): Promise<DepartmentRef> {
  return request('POST', '/departments', { body: { name } });
}

export function renameDepartment(id: number, name: string): Promise<DepartmentRef> {
  return request('PATCH', `/departments/${id}`, { body: { name } });
}

export async function listStaff(signal?: AbortSignal): Promise<Staff[]> {
  const page = await request<Page<Staff>>('GET', '/staff', signal ? { signal } : {});
  return page.items;
}

export interface NewStaffInput {
  name: string;
  email: string;
  password: string;
  departmentId: number;
  admin?: boolean;
  supervisor?: boolean;
}

export function addStaff(input: NewStaffInput): Promise<Staff> {
  return request('POST', '/staff', { body: input });
}

export interface StaffPatch {
  name?: string;
  departmentId?: number;
  admin?: boolean;
  supervisor?: boolean;
  active?: boolean;
  /** A new password: signs the member out everywhere and lifts a sign-in lock. */
  password?: string;
}

export function changeStaff(id: number, patch: StaffPatch): Promise<Staff> {
  return request('PATCH', `/staff/${id}`, { body: patch });
}

export function getAccount(signal?: AbortSignal): Promise<Account> {
  return request('GET', '/account', signal ? { signal } : {});
}

export type AccountPatch = Partial<Pick<Account, 'name' | 'defaultRegion' | 'timezone'
  | 'mailFrom'>>;

export function changeAccount(patch: AccountPatch): Promise<Account> {
  return request('PATCH', '/account', { body: patch });
}
