export const ROLES = ['facilitator', 'marketing', 'sales', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  facilitator: 'Facilitator',
  marketing: 'Marketing',
  sales: 'Sales',
  viewer: 'Viewer',
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  facilitator: 'Runs the workshop, manages members, publishes versions.',
  marketing: 'Proposes criteria and points, signs off for marketing.',
  sales: 'Defines good and bad leads and SQL questions, signs off for sales.',
  viewer: 'Reads drafts and published documents.',
}
