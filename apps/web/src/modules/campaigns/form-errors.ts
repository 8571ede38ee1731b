import type { FormInstance } from 'antd';
import { ApiError } from '@/api/api-client';

export type FieldPath = (string | number)[];

/** A server field key ("sellingPoints.2", "goals.reorderWeeks") as a form path: numeric parts are list indexes. */
export function fieldPath(key: string): FieldPath {
  if (key === '') return [];
  return key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's per-field messages on the form's fields (`toField` maps a server path onto a form path, or
 * null when the form has no such field); answers the messages no field could show, for an alert above the form.
 */
export function applyFieldErrors<V>(
  form: FormInstance<V>,
  error: unknown,
  toField: (path: FieldPath) => FieldPath | null = (path) => path,
): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const left: string[] = [];
  for (const [key, message] of Object.entries(error.fields)) {
    const name = toField(fieldPath(key));
    const id = name ? JSON.stringify(name) : '';
    if (name && registered.has(id)) {
      const entry = byField.get(id) ?? { name, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      byField.set(id, entry);
    } else if (!left.includes(message)) {
      left.push(message);
    }
  }
  // Every registered field: the server's message where it has one, cleared where it has none.
  form.setFields(
    form.getFieldsError().map((f) => ({
      name: f.name as never,
      errors: byField.get(JSON.stringify(f.name))?.errors ?? [],
    })),
  );
  if (byField.size === 0 && left.length === 0) left.push(error.message);
  return left;
}

/** A 404 from a list route the server does not have yet (or no longer): the page says so instead of failing. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
