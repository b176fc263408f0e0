import type { CaseScope } from '../../domain/access';

/** The columns a read model keeps for scoping; a scope the table cannot express is a programming error. */
export interface ScopeColumns {
  offices?: string;
  provinces?: string;
  applicant?: string;
}

/** Translates the access policy's scope of a caller into a SQL condition (its values appended to `params`). */
export function scopeCondition(scope: CaseScope, params: unknown[], columns: ScopeColumns): string {
  const column = (name: keyof ScopeColumns) => {
    const c = columns[name];
    if (!c) throw new Error(`this read model cannot be scoped by ${name}`);
    return c;
  };
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'office':
      return `$${params.push(scope.office)} = ANY(${column('offices')})`;
    case 'province':
      return `$${params.push(scope.province)} = ANY(${column('provinces')})`;
    case 'applicant':
      return `${column('applicant')} = $${params.push(scope.applicantId)}`;
  }
}
