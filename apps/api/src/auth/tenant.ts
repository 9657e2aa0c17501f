import { z } from 'zod';

/** What a tenant name may be: it appears in paths (`/workflows/{name}/shares/{tenant}`) and in logs. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const TenantSchema = z
  .string()
  .regex(TENANT_PATTERN, 'a tenant: lower-case letters, digits, "_" and "-", at most 63');
