import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { SIGN_OFF_SECTIONS } from '~/domain/document/snapshot'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getScoringModel, saveRule } from '~/models/scoring-model.server'
import { getReviewState, getVersion, listVersions, publishVersion, signOffSection, withdrawSignOff } from '~/models/sign-off.server'
import { createWorkshop } from '~/models/workshop.server'
import { getVersionDocument } from '~/models/document.server'
import { renderMarkdown } from '~/domain/document/markdown'
import { action as reviewAction } from '~/routes/workshops.$workshopId.review'
import { formRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

// drizzle wraps the driver's error; SQLite's message from the trigger is its cause.
const isImmutableError = (error: unknown) => /published versions are immutable/.test(String((error as { cause?: Error }).cause?.message ?? error))

async function setup(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const mia = await person(`mia-${tag}@example.com`)
  const sam = await person(`sam-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'Acme', userId: fran.id })
  for (const [who, role] of [
    [mia, 'marketing'],
    [sam, 'sales'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  await saveRule({
    workshopId: workshop.id,
    userId: mia.id,
    draft: { section: 'fit', label: 'Mid-market', points: 20, condition: { field: 'employees', op: 'between', value: [200, 5000] }, activity: null, withinDays: null, maxPoints: null },
  })
  const signAll = async () => {
    for (const section of SIGN_OFF_SECTIONS) {
      await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
      await signOffSection({ workshopId: workshop.id, userId: sam.id, team: 'sales', section })
    }
  }
  return { fran, mia, sam, workshop, signAll }
}

describe('sign-off and publishing', () => {
  it('publishes only when both teams signed every section; a change voids that section', async () => {
    const { fran, mia, sam, workshop, signAll } = await setup('a')
    for (const section of SIGN_OFF_SECTIONS) await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
    expect(await publishVersion({ workshopId: workshop.id, userId: fran.id })).toMatchObject({ ok: false, reason: 'not-ready' })
    await signAll()
    expect((await getReviewState(workshop.id)).readyToPublish).toBe(true)

    // Mia changes the scoring after signing: only that section loses its sign-offs.
    const model = await getScoringModel(workshop.id)
    const rule = model.rules.find((r) => r.label === 'Mid-market')!
    await saveRule({ workshopId: workshop.id, userId: mia.id, ruleId: rule.id, revision: rule.revision, draft: { ...rule, points: 25 } })
    const state = await getReviewState(workshop.id)
    const scoring = state.sections.find((s) => s.section === 'criteria-scoring')!
    expect(scoring.missing).toEqual(['marketing', 'sales'])
    expect(scoring.voided).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'sam-a', changedBy: 'mia-a' })]))
    expect(state.sections.filter((s) => s.section !== 'criteria-scoring').every((s) => s.missing.length === 0)).toBe(true)
    expect(state.readyToPublish).toBe(false)

    await signAll()
    const v1 = await publishVersion({ workshopId: workshop.id, userId: fran.id })
    expect(v1).toEqual({ ok: true, number: 1 })

    // Withdrawing needs a comment (checked by the route) and blocks the next publish.
    await withdrawSignOff({ workshopId: workshop.id, userId: sam.id, section: 'personas', comment: 'Persona list is outdated' })
    expect((await getReviewState(workshop.id)).sections.find((s) => s.section === 'personas')!.missing).toEqual(['sales'])
  })

  it('freezes the snapshot with the config source, and writes a changelog against the previous version', async () => {
    const { fran, mia, workshop, signAll } = await setup('b')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id, now: new Date('2026-11-01T10:00:00Z') })
    const model = await getScoringModel(workshop.id)
    const rule = model.rules.find((r) => r.label === 'Mid-market')!
    await saveRule({ workshopId: workshop.id, userId: mia.id, ruleId: rule.id, revision: rule.revision, draft: { ...rule, points: 30 } })
    await signAll()
    expect(await publishVersion({ workshopId: workshop.id, userId: fran.id })).toEqual({ ok: true, number: 2 })

    const v1 = await getVersion({ workshopId: workshop.id, number: 1 })
    const v2 = await getVersion({ workshopId: workshop.id, number: 2 })
    expect(v1!.snapshot.scoring.source).toEqual({ workshopId: workshop.id, workshopName: 'W b', version: 1, publishedAt: '2026-11-01T10:00:00.000Z' })
    expect(v1!.snapshot.scoring.fit.rules[0]!.points).toBe(20)
    expect(v1!.snapshot.signOffs).toHaveLength(10)
    expect(v2!.changelog).toEqual([{ section: 'Fit rules', text: 'Mid-market: 20 → 30 points' }])
    expect((await listVersions(workshop.id)).map((v) => v.number)).toEqual([2, 1])

    const markdown = renderMarkdown((await getVersionDocument({ workshopId: workshop.id, number: 2 }))!)
    expect(markdown).toContain('# Acme: what an MQL and an SQL are')
    expect(markdown).toContain('| Mid-market | Employees is between 200 and 5000 | +30 |')
    expect(markdown).toContain('Fit rules: Mid-market: 20 → 30 points')
  })

  it('refuses any UPDATE or DELETE of a published version in the database itself', async () => {
    const { fran, workshop, signAll } = await setup('c')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id })
    await expect(store().db.run(sql`UPDATE versions SET snapshot = '{}' WHERE workshop_id = ${workshop.id}`)).rejects.toSatisfy(isImmutableError)
    await expect(store().db.run(sql`DELETE FROM versions WHERE workshop_id = ${workshop.id}`)).rejects.toSatisfy(isImmutableError)
    await expect(store().db.update(versions).set({ number: 99 }).where(eq(versions.workshopId, workshop.id))).rejects.toSatisfy(isImmutableError)
    expect((await getVersion({ workshopId: workshop.id, number: 1 }))!.snapshot.workshop.name).toBe('W c')
  })

  it('lets only the facilitator publish and only team members sign, through the route', async () => {
    const { mia, fran, workshop } = await setup('d')
    const post = (who: { cookie: string }, fields: Record<string, string>) =>
      reviewAction({ request: formRequest(`/workshops/${workshop.id}/review`, fields, who), params: { workshopId: workshop.id }, context: {} })
    await expect(post(mia, { intent: 'publish' })).rejects.toMatchObject({ status: 403 })
    await expect(post(fran, { intent: 'sign-off', section: 'personas' })).rejects.toMatchObject({ status: 403 })
    const notReady = (await post(fran, { intent: 'publish' })) as Response
    expect(notReady.status).toBe(409)
    const noComment = (await post(mia, { intent: 'withdraw', section: 'personas', comment: ' ' })) as Response
    expect(noComment.status).toBe(400)
    expect(((await noComment.json()) as { errors: Record<string, string> }).errors.comment).toBe('Say why you withdraw, so the room knows what to fix.')
    const bad = (await post(mia, { intent: 'sign-off', section: 'everything' })) as Response
    expect(bad.status).toBe(400)
  })
})
