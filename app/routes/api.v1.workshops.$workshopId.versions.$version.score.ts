import {
  acquireBatchSlot,
  apiError,
  apiHandler,
  bodyUnits,
  describeBody,
  describeLeads,
  enterBatchWork,
  methodNotAllowed,
  openBatch,
  readJsonBodyBytes,
  requireApiToken,
  resolveVersionNumber,
  scoreBatch,
  scoringBill,
  versionConfigFor,
} from '~/http/api.server'
import type { ScoreJob } from '~/http/score-pool.server'
import { MAX_BODY_BYTES } from '~/domain/api/schemas'

// POST /api/v1/workshops/:workshopId/versions/:version/score: { asOf?, explain?, leads: [...] } → results in order.
export const action = apiHandler(async (context) => {
  if (context.request.method !== 'POST') throw apiError(405, 'method_not_allowed', 'Use POST for this endpoint.', { headers: { Allow: 'POST' } })
  const token = await requireApiToken(context, 'score')
  const number = await resolveVersionNumber(token.workshopId, context.params.version)
  const bill = scoringBill(context, token)
  // Held from before the body is read until the answer is ready: the memory of a batch in flight.
  const releaseSlot = acquireBatchSlot(token)
  let leaveWork: (() => void) | undefined
  let job: ScoreJob | undefined
  try {
    // A declared size is charged before a byte is read; an oversized one is readJsonBodyBytes's 413.
    const declared = Number(context.request.headers.get('Content-Length') ?? NaN)
    if (Number.isFinite(declared) && declared <= MAX_BODY_BYTES) bill.atLeast(bodyUnits(declared), describeBody(declared))
    leaveWork = await enterBatchWork()
    const body = await readJsonBodyBytes(context.request)
    const bytes = body.byteLength
    // Parsed and counted by a scoring worker (400 for a body that is not JSON, 413 over the lead limit).
    job = await openBatch(body)
    bill.atLeast(bodyUnits(bytes), describeBody(bytes))
    bill.atLeast(job.count, describeLeads(job.count))
    const { key, config } = await versionConfigFor(token.workshopId, number)
    return await scoreBatch(job, { workshopId: token.workshopId, version: number, scorerKey: key, config, nowMs: Date.now() })
  } finally {
    job?.drop()
    leaveWork?.()
    releaseSlot()
  }
})

export const loader = methodNotAllowed('POST')
