import {
  acquireBatchSlot,
  apiError,
  apiHandler,
  bodyUnits,
  describeBody,
  describeLeads,
  enterBatchWork,
  methodNotAllowed,
  parseScoreRequestInSlices,
  readJsonBody,
  requireApiToken,
  resolveVersionNumber,
  scoreBatch,
  scorerFor,
  scoringBill,
} from '~/http/api.server'
import { MAX_BODY_BYTES, MAX_LEADS_PER_REQUEST } from '~/domain/api/schemas'
import { parseTimestamp } from '~/domain/scoring'

// POST /api/v1/workshops/:workshopId/versions/:version/score: { asOf?, explain?, leads: [...] } → results in order.
export const action = apiHandler(async (context) => {
  if (context.request.method !== 'POST') throw apiError(405, 'method_not_allowed', 'Use POST for this endpoint.', { headers: { Allow: 'POST' } })
  const token = await requireApiToken(context, 'score')
  const number = await resolveVersionNumber(token.workshopId, context.params.version)
  const bill = scoringBill(context, token)
  // Held from before the body is read until the answer is ready: the memory of a batch in flight.
  const releaseSlot = acquireBatchSlot(token)
  let leaveWork: (() => void) | undefined
  try {
    // A declared size is charged before a byte is read; an oversized one is readJsonBody's 413.
    const declared = Number(context.request.headers.get('Content-Length') ?? NaN)
    if (Number.isFinite(declared) && declared <= MAX_BODY_BYTES) bill.atLeast(bodyUnits(declared), describeBody(declared))
    leaveWork = await enterBatchWork()
    const { json: body, bytes } = await readJsonBody(context.request)
    bill.atLeast(bodyUnits(bytes), describeBody(bytes))
    // Counted before validation: a batch over the limit is refused whole, whatever its leads hold.
    const count = typeof body === 'object' && body !== null && 'leads' in body && Array.isArray(body.leads) ? body.leads.length : 0
    if (count > MAX_LEADS_PER_REQUEST) {
      throw apiError(413, 'payload_too_large', `A request scores at most ${MAX_LEADS_PER_REQUEST} leads; this one has ${count}. Split the batch.`, {
        details: { limit: MAX_LEADS_PER_REQUEST, received: count },
      })
    }
    bill.atLeast(count, describeLeads(count))
    const parsed = await parseScoreRequestInSlices(body)
    if (!parsed.ok) {
      const [first] = parsed.issues
      const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more ${parsed.issues.length === 2 ? 'problem' : 'problems'})` : ''
      throw apiError(400, 'invalid_request', `${first!.message}${more}`, { details: { issues: parsed.issues } })
    }
    const scorer = await scorerFor(token.workshopId, number)
    // The request's arrival is "now" for a batch without asOf: one moment for every lead.
    const asOfMs = parsed.value.asOf === undefined ? Date.now() : parseTimestamp(parsed.value.asOf)
    return await scoreBatch({ workshopId: token.workshopId, version: number, asOfMs, explain: parsed.value.explain, leads: parsed.value.leads, scorer })
  } finally {
    leaveWork?.()
    releaseSlot()
  }
})

export const loader = methodNotAllowed('POST')
