import type { ScoringSection } from '~/domain/scoring-model/model'
import type { MemberContext } from '~/http/permissions.server'
import { deleteRuleIntent, saveRuleIntent, type RulePage } from '~/http/rule-intents.server'

type IntentInput = { member: MemberContext; formData: FormData }

const pagePath = (workshopId: string) => `/workshops/${workshopId}/scoring`

/** The heading of each rule card on the page: where a saved rule's card is. */
const SECTION_ANCHORS: Record<ScoringSection, string> = { fit: 'fit-heading', engagement: 'engagement-heading', fastTrack: 'fasttrack-heading' }

const SCORING_RULES: RulePage = { capability: 'edit-scoring', path: pagePath, anchors: SECTION_ANCHORS }

export const saveScoringRuleIntent = (input: IntentInput) => saveRuleIntent(input, SCORING_RULES)
export const deleteScoringRuleIntent = (input: IntentInput) => deleteRuleIntent(input, SCORING_RULES)
