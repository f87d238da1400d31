import { Link } from '@remix-run/react'
import { Icon } from '../icons'
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

/** A section's rules as a table, with edit links and delete buttons for editors. */
export function RuleList({
  caption,
  rules,
  canEdit,
  editHref,
  empty,
  showPoints,
}: {
  caption: string
  rules: readonly RuleView[]
  canEdit: boolean
  editHref: (ruleId: string) => string
  empty: string
  showPoints: boolean
}) {
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
          {rules.map((rule) => (
            <tr key={rule.id}>
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
                  <div className="actions row-actions">
                    <Link to={editHref(rule.id)} className="button secondary small" aria-label={`Edit ${rule.label}`}>
                      <Icon name="pencil" />
                      Edit
                    </Link>
                    <PostButton schema={DeleteRuleSchema}
                      fields={{ intent: 'delete-rule', ruleId: rule.id, revision: rule.revision }}
                      label={`Delete ${rule.label}`}
                      confirm={`Delete “${rule.label}”? It leaves the scoring model now; published versions keep it.`}
                      icon="trash-2"
                    >
                      Delete
                    </PostButton>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
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
  editHref,
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
  editHref: (ruleId: string) => string
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
      <RuleList caption={title} rules={rules} canEdit={canEdit} editHref={editHref} empty={empty} showPoints={showPoints} />
    </section>
  )
}
