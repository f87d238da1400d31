import type { DemoPeople } from './people'
import { addActivity, addActivityProperty, addField, getScoringModel, saveRule, saveSettings } from '~/models/scoring-model.server'
import { DEMO_FAST_TRACK_DAYS, DRAFT_ACTIVITY, DRAFT_BANDS, DRAFT_FIELD, DRAFT_PRIORITIES, DRAFT_PROPERTIES, DRAFT_RULES } from './format-2'

/** The draft after v2 uses one of each format-2 construct (format-2.ts says why); the published versions are untouched. */
export async function seedFormat2Draft(workshopId: string, people: DemoPeople) {
  const field = await addField({ workshopId, ...DRAFT_FIELD })
  if (!field.ok) throw new Error(`Demo draft: field not added (${Object.values(field.errors).join(' ')})`)
  const activity = await addActivity({ workshopId, ...DRAFT_ACTIVITY })
  if (!activity.ok) throw new Error(`Demo draft: activity not added (${Object.values(activity.errors).join(' ')})`)
  for (const { activityKey, property } of DRAFT_PROPERTIES) {
    const added = await addActivityProperty({ workshopId, activityKey, property })
    if (!added.ok) throw new Error(`Demo draft: property ${property.key} not added`)
  }
  for (const draft of DRAFT_RULES) {
    const saved = await saveRule({ workshopId, userId: draft.section === 'sql' || draft.section === 'disqualifier' ? people.salesId : people.marketingId, draft })
    if (!saved.ok) throw new Error(`Demo draft: rule “${draft.label}” not saved (${saved.reason === 'invalid' ? Object.values(saved.errors).join(' ') : saved.reason})`)
  }
  const model = await getScoringModel(workshopId)
  const fastTrack = model.rules.find((rule) => rule.section === 'fastTrack' && rule.activity === 'demo_request')
  if (fastTrack) {
    const saved = await saveRule({ workshopId, userId: people.salesId, ruleId: fastTrack.id, revision: fastTrack.revision, draft: { ...fastTrack, withinDays: DEMO_FAST_TRACK_DAYS } })
    if (!saved.ok) throw new Error(`Demo draft: the demo fast track not saved (${saved.reason})`)
  }
  const settings = (await getScoringModel(workshopId)).settings
  const banded = await saveSettings({ workshopId, userId: people.marketingId, revision: settings.revision, patch: { bands: DRAFT_BANDS, priorities: DRAFT_PRIORITIES } })
  if (!banded.ok) throw new Error(`Demo draft: bands and priorities not saved (${banded.reason === 'invalid' ? Object.values(banded.errors).join(' ') : banded.reason})`)
}
