import { Link } from '@remix-run/react'
import { Icon } from '../icons'
import { useListNavigation } from '../list-links'
import { PostButton } from '../post-button'
import type { ReactNode } from 'react'
import { ScrollRegion } from '~/components/scroll-region'
import { DeleteRuleSchema } from '~/domain/scoring-model/rule-form'

export type RuleView = {
  id: string
  ruleKey: string
  revision: number
  label: string
  description: string
  points: number | null
  detail?: string
}

/** Where a rule's edit and delete links lead: this page with `?edit=` or `?delete=`, and back. */
export type RuleLinks = {
  editHref: (ruleId: string) => string
  /** The page asking "Delete this rule?" in the rule's own row (`?delete=`): a link, so it needs no JavaScript. */
  deleteHref: (ruleId: string) => string
  /** The page without the question, back at the rule's row. */
  cancelHref: (ruleId: string) => string
  /** The rule whose row asks the question now, if any. */
  confirmingId: string | null
}

/** The links of a page's rule tables: `base` is the page's path, `confirmingId` its `?delete=` rule. */
export function ruleLinks(base: string, confirmingId: string | null): RuleLinks {
  return {
    editHref: (ruleId) => `${base}?edit=${ruleId}#rule-editor`,
    deleteHref: (ruleId) => `${base}?delete=${ruleId}#rule-${ruleId}`,
    cancelHref: (ruleId) => `${base}#rule-${ruleId}`,
    confirmingId,
  }
}

/**
 * A section's rules as a table, with edit and delete links for editors. Deleting asks first, in
 * the rule's row, on a page of its own (`?delete=`): one small form on the page instead of a
 * hidden form in every row.
 */
export function RuleList({
  caption,
  rules,
  canEdit,
  links,
  empty,
  showPoints,
}: {
  caption: string
  rules: readonly RuleView[]
  canEdit: boolean
  links: RuleLinks
  empty: string
  showPoints: boolean
}) {
  const navigateOnClick = useListNavigation()
  if (rules.length === 0) return <p className="muted empty-inline">{empty}</p>
  return (
    <ScrollRegion label={caption}>
      <table className="rules">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">When</th>
            {showPoints ? (
              <th scope="col" className="num">
                Points
              </th>
            ) : null}
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const confirming = links.confirmingId === rule.id
            return (
              <tr key={rule.id} id={`rule-${rule.id}`} className={confirming ? 'confirming' : undefined}>
                <td>
                  <strong>{rule.label}</strong>
                </td>
                <td>
                  {rule.description}
                  {rule.detail ? <div className="muted small">{rule.detail}</div> : null}
                </td>
                {showPoints ? (
                  <td className={`num points ${rule.points !== null && rule.points < 0 ? 'negative' : ''}`}>
                    {rule.points !== null && rule.points > 0 ? `+${rule.points}` : rule.points}
                  </td>
                ) : null}
                {canEdit ? (
                  <td>
                    {confirming ? (
                      <div className="confirm-panel" role="group" aria-label={`Delete ${rule.label}?`}>
                        <p>Delete “{rule.label}”? It leaves the scoring model now; published versions keep it.</p>
                        <div className="actions">
                          <PostButton schema={DeleteRuleSchema} fields={{ intent: 'delete-rule', ruleId: rule.id, revision: rule.revision }} icon="trash-2">
                            Yes, delete
                          </PostButton>
                          <Link to={links.cancelHref(rule.id)} className="button secondary small">
                            Cancel
                          </Link>
                        </div>
                      </div>
                    ) : (
                      <div className="actions row-actions">
                        <a href={links.editHref(rule.id)} onClick={navigateOnClick} className="button secondary small" aria-label={`Edit ${rule.label}`}>
                          <Icon name="pencil" />
                          Edit
                        </a>
                        <a href={links.deleteHref(rule.id)} onClick={navigateOnClick} className="button danger small" aria-label={`Delete ${rule.label}`}>
                          <Icon name="trash-2" />
                          Delete
                        </a>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

/** A card for one kind of rule: heading, an "add" link for editors, an introduction, the rules. */
export function RuleCard({
  id,
  title,
  addLabel,
  addHref,
  links,
  canEdit,
  rules,
  showPoints,
  empty,
  children,
}: {
  id: string
  title: string
  addLabel: string
  addHref: string
  links: RuleLinks
  canEdit: boolean
  rules: readonly RuleView[]
  showPoints: boolean
  empty: string
  children?: ReactNode
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        {canEdit ? (
          <Link to={addHref} className="button secondary small">
            <Icon name="plus" />
            {addLabel}
          </Link>
        ) : null}
      </div>
      {children}
      <RuleList caption={title} rules={rules} canEdit={canEdit} links={links} empty={empty} showPoints={showPoints} />
    </section>
  )
}
