import { describe, expect, it } from 'vitest'
import { canInWorkshop, capabilitiesOf } from '~/domain/workshops/capabilities'

describe('capabilities in an archived workshop', () => {
  it.each([
    ['facilitator', 'read', true],
    ['facilitator', 'manage-workshop', true],
    ['facilitator', 'manage-members', true],
    ['facilitator', 'download-backup', true],
    ['facilitator', 'share', true],
    ['facilitator', 'edit-context', false],
    ['facilitator', 'publish', false],
    ['marketing', 'read', true],
    ['marketing', 'comment', false],
    ['marketing', 'edit-scoring', false],
    ['sales', 'sign-off', false],
    ['marketing', 'manage-workshop', false],
    ['viewer', 'read', true],
  ] as const)('%s may %s: %s', (role, capability, expected) => {
    expect(canInWorkshop(role, capability, { archived: true })).toBe(expected)
  })

  it('changes nothing while the workshop is not archived', () => {
    expect(capabilitiesOf('marketing', { archived: false })).toEqual(capabilitiesOf('marketing'))
    expect(capabilitiesOf('marketing')).toMatchObject({ comment: true, 'edit-scoring': true, 'manage-workshop': false })
    expect(capabilitiesOf('facilitator')).toMatchObject({ 'manage-workshop': true })
  })
})
