import type { ApiScope } from '~/domain/api/schemas'

export const SCOPE_LABELS: Record<ApiScope, string> = { read: 'Read', score: 'Score' }
