import { roleLabels } from '../../server/domain/labels-zh.ts'

/** A role in Chinese; '' for the demo data's 'system' actor, whose name says it all. */
export function roleLabel(role: string): string {
  return (roleLabels as Record<string, string>)[role] ?? (role === 'system' ? '' : role)
}
